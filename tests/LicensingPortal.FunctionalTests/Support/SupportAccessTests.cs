using System.Globalization;
using System.Net;
using LicensingPortal.Application.Support;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.FunctionalTests.CustomerAccounts;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.FunctionalTests.Partners;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Support;

/// <summary>
/// R26 through HTTP: provider support opens a partner's (or a customer's) portal as the company, with a reason, for at
/// most an hour, read-only; a banner on every page says whose view it is and ends it; writes need the company
/// administrator's consent, which is time-bound and revocable; the session ends at its time on the app's clock; the
/// company sees it in its audit log and its administrators are notified.
/// </summary>
public sealed class SupportAccessTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string ReadOnlySentence = "This is a read-only support session: changes need the consent of the company&#x27;s administrator.";

    [Fact]
    public async Task A_session_needs_a_reason_and_lasts_at_most_60_minutes_R26()
    {
        var contoso = await ContosoAsync();
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderSupport);
        var reason = $"Ticket {Guid.NewGuid():N}";

        var noReason = await client.PostFormAsync($"/support/start/{contoso}", $"/support/start/{contoso}", new() { ["Input.Reason"] = " ", ["Input.Minutes"] = "30" });
        var tooLong = await client.PostFormAsync($"/support/start/{contoso}", $"/support/start/{contoso}", new() { ["Input.Reason"] = reason, ["Input.Minutes"] = "61" });

        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        Assert.Contains("Give the reason for the session: the company sees it.", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, tooLong.StatusCode);
        Assert.Contains("A support session lasts from 1 to 60 minutes.", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.SupportSessions.AnyAsync(s => s.Reason == reason)));
    }

    [Fact]
    public async Task The_banner_is_on_every_page_of_the_session_and_End_ends_it_R26()
    {
        var contoso = await ContosoAsync();
        var (client, sessionId) = await StartAsync(DemoAccounts.ProviderSupport, contoso);

        foreach (var url in new[] { "/", "/customers", "/service-plans" })
        {
            var page = await client.GetPageAsync(url);
            var banner = page.QuerySelector("#support-banner")?.TextContent ?? string.Empty;
            Assert.Contains("Contoso Managed Services", banner, StringComparison.Ordinal);
            Assert.Contains("read-only", banner, StringComparison.Ordinal);
            Assert.Contains("Ends in 30 minutes", page.QuerySelector("#support-time-left")?.TextContent, StringComparison.Ordinal);
        }

        // Nothing outside the company: the list is Contoso's, not the provider's.
        var customers = await client.GetPageAsync("/customers");
        Assert.DoesNotContain("Isar-Kliniken", customers.Body!.TextContent, StringComparison.Ordinal);

        var ended = await client.SubmitAsync(customers, "#support-banner form[action='/support/end']");
        Assert.Equal($"/partners/{contoso}", ended.Headers.Location?.OriginalString);
        var after = await client.GetPageAsync("/");
        Assert.Null(after.QuerySelector("#support-banner"));
        await using var db = factory.CreateDbContext();
        Assert.NotNull((await db.SupportSessions.SingleAsync(s => s.Id == sessionId)).EndedAt);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == StartSupportSession.EndedAction && a.EntityId == sessionId.ToString() && a.ActingAsCompanyId == contoso));
    }

    [Fact]
    public async Task A_read_only_session_refuses_every_write_and_changes_nothing_R26()
    {
        var contoso = await ContosoAsync();
        var (client, _) = await StartAsync(DemoAccounts.ProviderSupport, contoso);
        var token = PortalClient.AntiforgeryToken(await client.GetPageAsync("/"));
        var name = $"R26 refused {Guid.NewGuid():N}"[..30];
        var support = await UserIdAsync(DemoAccounts.ProviderSupport);
        await using (var db = factory.CreateDbContext())
        {
            db.Notifications.Add(Notification.Create(support, await ProviderIdAsync(), NotificationKind.PartnerSuspended, $"r26:{Guid.NewGuid():N}", "Unread", "/", factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        // A page the read-only view has no button for answers as for any user without the permission.
        var create = await client.PostAsync("/customers/new", new() { ["Name"] = name, ["Country"] = "US" }, token);

        // A write the view may reach is refused with the rule's sentence, and nothing is saved.
        var readAll = await client.PostAsync("/notifications/read-all", [], token);

        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, readAll.StatusCode);
        Assert.Contains(ReadOnlySentence, await readAll.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var check = factory.CreateDbContext();
        Assert.False(await check.Customers.AnyAsync(c => c.Name == name));
        Assert.True(await check.Notifications.AnyAsync(n => n.RecipientUserId == support && n.ReadAt == null));
    }

    [Fact]
    public async Task The_company_administrators_consent_allows_writes_until_it_is_revoked_R26()
    {
        var contoso = await ContosoAsync();
        var (client, sessionId) = await StartAsync(DemoAccounts.ProviderSupport, contoso, askForWrites: true);
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var consentPage = await admin.GetPageAsync("/support-access");
        Assert.Contains("asks for write access", consentPage.QuerySelector($"#active-sessions tr[data-session-id='{sessionId}']")?.TextContent, StringComparison.Ordinal);

        var granted = await admin.SubmitAsync(consentPage, $"form[action='/support-access/{sessionId}/grant']", new() { ["minutes"] = "15" });
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        var page = await client.GetPageAsync("/customers");
        Assert.Contains("with write access", page.QuerySelector("#support-banner")?.TextContent, StringComparison.Ordinal);
        var name = $"R26 consented {Guid.NewGuid():N}"[..30];
        var created = await client.PostAsync("/customers/new", new() { ["Name"] = name, ["Country"] = "US" }, PortalClient.AntiforgeryToken(page));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        await using (var db = factory.CreateDbContext())
        {
            var customer = await db.Customers.SingleAsync(c => c.Name == name);
            Assert.Equal(contoso, customer.OwnerId);
            var entry = await db.AuditEntries.SingleAsync(a => a.Action == "CustomerCreated" && a.EntityId == customer.Id.ToString());
            Assert.Equal((await UserIdAsync(DemoAccounts.ProviderSupport), AuditChannel.Support, (Guid?)contoso), (entry.ActorUserId!.Value, entry.Channel, entry.ActingAsCompanyId));
        }

        var revoked = await admin.SubmitAsync(await admin.GetPageAsync("/support-access"), $"form[action='/support-access/{sessionId}/revoke']");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var again = $"R26 revoked {Guid.NewGuid():N}"[..30];
        var refused = await client.PostAsync("/customers/new", new() { ["Name"] = again, ["Country"] = "US" }, PortalClient.AntiforgeryToken(await client.GetPageAsync("/")));
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.False(await factory.QueryAsync(db => db.Customers.AnyAsync(c => c.Name == again)));
        Assert.Contains("read-only", (await client.GetPageAsync("/")).QuerySelector("#support-banner")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_session_ends_at_its_time_on_the_apps_clock_R26()
    {
        var contoso = await ContosoAsync();
        var (client, sessionId) = await StartAsync(DemoAccounts.ProviderSupport, contoso, minutes: 5);
        Assert.NotNull((await client.GetPageAsync("/")).QuerySelector("#support-banner"));

        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var after = await client.GetPageAsync("/");

        Assert.Null(after.QuerySelector("#support-banner"));
        await using var db = factory.CreateDbContext();
        var session = await db.SupportSessions.SingleAsync(s => s.Id == sessionId);
        Assert.Equal(session.ExpiresAt, session.EndedAt);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == FindSupportView.ExpiredAction && a.EntityId == sessionId.ToString()));
    }

    [Fact]
    public async Task The_company_sees_the_session_in_its_audit_log_and_its_administrators_are_notified_R26()
    {
        var contoso = await ContosoAsync();
        var (client, sessionId) = await StartAsync(DemoAccounts.ProviderSupport, contoso);
        await client.GetPageAsync("/customers?q=r26-page-view");

        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var log = await admin.GetPageAsync("/audit?channel=support");
        var viewed = log.QuerySelectorAll("tbody tr").Where(tr => tr.TextContent.Contains("/customers?q=r26-page-view", StringComparison.Ordinal)).ToList();
        Assert.Single(viewed);
        Assert.Contains("Sam Support", viewed[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("acting as Contoso Managed Services", viewed[0].QuerySelector(".acting-as")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("Support session: page viewed", viewed[0].QuerySelector("td[data-action]")?.TextContent.Trim());
        Assert.Equal("Support session", viewed[0].QuerySelector("td[data-channel]")?.TextContent.Trim());
        var started = await admin.GetPageAsync("/audit?q=" + Uri.EscapeDataString("support session started"));
        Assert.NotEmpty(started.QuerySelectorAll("tbody td[data-action=SupportSessionStarted]"));

        await factory.Services.GetRequiredService<NotificationJob>().RunOnceAsync(TestContext.Current.CancellationToken);

        await using var db = factory.CreateDbContext();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == StartSupportSession.StartedAction && a.EntityId == sessionId.ToString());
        var key = $"{NotificationKind.SupportSessionStarted}:{entry.Id:N}";
        var notified = await db.Notifications.Where(n => n.Key == key).Select(n => n.RecipientUserId).ToListAsync();
        Assert.Contains(await UserIdAsync(DemoAccounts.MspAdmin), notified);
        Assert.DoesNotContain(await UserIdAsync(DemoAccounts.MspStaff), notified);
        Assert.Equal("/support-access", await db.Notifications.Where(n => n.Key == key).Select(n => n.Link).FirstAsync());
    }

    [Fact]
    public async Task A_session_on_a_customer_shows_the_customers_own_portal_and_its_administrator_consents_R26()
    {
        var customer = await factory.NewContosoCustomerAsync();
        var (client, sessionId) = await StartAsync(DemoAccounts.ProviderAdmin, customer.Id, expectedHome: "/my/licenses");

        var page = await client.GetPageAsync("/my/licenses");
        Assert.Contains(customer.Name, page.QuerySelector("#support-banner")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/partners")).StatusCode);

        var customerAdmin = await PortalClient.SignedInAsCustomerUserAsync(factory, customer.Id);
        var consent = await customerAdmin.GetPageAsync("/support-access");
        Assert.NotNull(consent.QuerySelector($"#active-sessions tr[data-session-id='{sessionId}']"));
        await factory.Services.GetRequiredService<NotificationJob>().RunOnceAsync(TestContext.Current.CancellationToken);
        var customerAdminId = await factory.QueryAsync(db => db.Users.Where(u => u.CustomerId == customer.Id).Select(u => u.Id).SingleAsync());
        Assert.True(await factory.QueryAsync(db => db.Notifications.AnyAsync(n => n.RecipientUserId == customerAdminId && n.Kind == NotificationKind.SupportSessionStarted)));

        var ended = await customerAdmin.SubmitAsync(consent, $"form[action='/support-access/{sessionId}/end']");
        Assert.Equal(HttpStatusCode.Redirect, ended.StatusCode);
        Assert.Null((await client.GetPageAsync("/")).QuerySelector("#support-banner"));
    }

    [Fact]
    public async Task Only_the_providers_support_starts_sessions_and_only_on_what_it_sees_R26()
    {
        var customer = await factory.NewContosoCustomerAsync();
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var support = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderSupport);

        // A partner's administrator has no support access to start, not even on its own customer.
        Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync($"/support/start/{customer.Id}")).StatusCode);

        // The provider's support views partners and customers, never the provider itself, nor an id it does not see.
        Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync($"/support/start/{await ProviderIdAsync()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync($"/support/start/{Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await support.GetAsync($"/support/start/{customer.Id}")).StatusCode);
    }

    private async Task<(PortalClient Client, Guid SessionId)> StartAsync(string email, Guid companyId, int minutes = 30, bool askForWrites = false, string expectedHome = "/")
    {
        var client = await PortalClient.SignedInAsync(factory, email);
        var reason = $"Ticket {Guid.NewGuid():N}";
        var response = await client.PostFormAsync($"/support/start/{companyId}", $"/support/start/{companyId}", new()
        {
            ["Input.Reason"] = reason,
            ["Input.Minutes"] = minutes.ToString(CultureInfo.InvariantCulture),
            ["Input.AskForWriteAccess"] = askForWrites ? "true" : "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(expectedHome, response.Headers.Location?.OriginalString);
        return (client, await factory.QueryAsync(db => db.SupportSessions.Where(s => s.Reason == reason).Select(s => s.Id).SingleAsync()));
    }

    private Task<Guid> ContosoAsync() =>
        factory.QueryAsync(db => db.Companies.Where(c => c.Name == PartnerTestData.ActiveMsp).Select(c => c.Id).SingleAsync());

    private Task<Guid> ProviderIdAsync() =>
        factory.QueryAsync(db => db.Companies.Where(c => c.Name == PartnerTestData.ActiveMsp).Select(c => c.ProviderId!.Value).SingleAsync());

    private Task<Guid> UserIdAsync(string email) =>
        factory.QueryAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
}
