using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.FunctionalTests.Api;
using LicensingPortal.FunctionalTests.Billing;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Notifications;

/// <summary>
/// R24 with R20: each state change of a statement reaches the company that acts next, once, and only its users who
/// read billing (ViewBilling): the partner when its month is ready, approved or rejected (with the reason), the
/// provider when a statement is submitted. The clock moves to the month's close: its own app.
/// </summary>
[Trait("Category", "Calendar")]
public sealed class StatementNotificationTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private NotificationJob Job => factory.Services.GetRequiredService<NotificationJob>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task R24_R20_every_state_change_of_a_statement_reaches_the_billing_readers_of_the_company_that_acts_next_once()
    {
        var month = await Statements.CloseThisMonthAsync(factory);
        var statement = await Statements.OfAsync(factory, ApiKeys.Contoso, month);
        var page = $"/billing/statements/{statement.Id}";
        var monthName = month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        await Job.RunOnceAsync(Cancel);
        await Job.RunOnceAsync(Cancel);

        // Ready: each buyer's administrators, who read billing; not Contoso's customer account manager, not the provider's support.
        var ready = await ReceivedAsync(NotificationKind.StatementReady);
        Assert.Equal([DemoAccounts.MspAdmin], ready.Where(r => r.Link == page).Select(r => r.Email));
        string[] buyersAdmins = [DemoAccounts.ProviderAdmin, DemoAccounts.MspAdmin, DemoAccounts.ResellerAdmin, DemoAccounts.SuspendedPartnerAdmin];
        Assert.Equal(buyersAdmins.Order(StringComparer.Ordinal), ready.Select(r => r.Email).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(ready, r => r.Email is DemoAccounts.MspStaff or DemoAccounts.ProviderSupport);
        var readyMail = Assert.Single(ready, r => r.Link == page);
        Assert.Equal($"Your statement for {monthName} is ready to review", readyMail.Title);
        var deadlineDay = await factory.QueryAsync(db => db.Companies.Where(c => c.Name == ApiKeys.Northwind).Select(c => c.StatementDeadlineDay).SingleAsync(Cancel));
        var deadline = month.AddMonths(1).AddDays(deadlineDay - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Contains($"submitted automatically on {deadline}", readyMail.Body, StringComparison.Ordinal);
        Assert.Contains($"https://portal.example{page}", readyMail.Body, StringComparison.Ordinal);
        Assert.Contains($"{statement.Total.ToString("N2", CultureInfo.InvariantCulture)} USD", readyMail.Body, StringComparison.Ordinal);

        // Submitted: the provider's billing readers.
        var msp = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var provider = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var submitted = await PostAsync(msp, $"/api/v1/statements/{statement.Id}/submit", null, await ETagAsync(msp, statement.Id));
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        await Job.RunOnceAsync(Cancel);
        var toProvider = Assert.Single(await ReceivedAsync(NotificationKind.StatementSubmitted), r => r.Link == page);
        Assert.Equal(DemoAccounts.ProviderAdmin, toProvider.Email);
        Assert.All(await ReceivedAsync(NotificationKind.StatementSubmitted), r => Assert.Equal(DemoAccounts.ProviderAdmin, r.Email));
        Assert.Equal($"Contoso Managed Services submitted its statement for {monthName}", toProvider.Title);

        // Rejected, with the reason; submitted again; approved.
        var reason = "Two seats of Evergreen Clinic were <b>never</b> used.";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(provider, $"/api/v1/statements/{statement.Id}/reject", new { reason }, submitted.Headers.ETag!.Tag)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(msp, $"/api/v1/statements/{statement.Id}/submit", null, await ETagAsync(msp, statement.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(provider, $"/api/v1/statements/{statement.Id}/approve", null, await ETagAsync(provider, statement.Id))).StatusCode);
        await Job.RunOnceAsync(Cancel);
        await Job.RunOnceAsync(Cancel);

        var rejected = Assert.Single(await ReceivedAsync(NotificationKind.StatementRejected));
        Assert.Equal((DemoAccounts.MspAdmin, page), (rejected.Email, rejected.Link));
        Assert.Contains(System.Net.WebUtility.HtmlEncode(reason), rejected.Body, StringComparison.Ordinal);
        Assert.Equal(2, (await ReceivedAsync(NotificationKind.StatementSubmitted)).Count(r => r.Link == page));
        var approved = Assert.Single(await ReceivedAsync(NotificationKind.StatementApproved));
        Assert.Equal((DemoAccounts.MspAdmin, page, $"Your statement for {monthName} is approved"), (approved.Email, approved.Link, approved.Title));

        // Nothing twice, however often the job runs.
        var count = await factory.QueryAsync(db => db.Notifications.CountAsync(Cancel));
        await Job.RunOnceAsync(Cancel);
        Assert.Equal(count, await factory.QueryAsync(db => db.Notifications.CountAsync(Cancel)));
    }

    [Fact]
    public void R24_R20_only_users_who_read_billing_can_receive_a_statements_news()
    {
        var billing = Application.Notifications.NotificationAudience.KindsFor([Application.Security.Roles.BillingManager], Domain.Partners.CompanyType.Msp);
        var staff = Application.Notifications.NotificationAudience.KindsFor([Application.Security.Roles.CustomerAccountManager], Domain.Partners.CompanyType.Msp);
        NotificationKind[] statementKinds = [NotificationKind.StatementReady, NotificationKind.StatementSubmitted, NotificationKind.StatementApproved, NotificationKind.StatementRejected];

        Assert.All(statementKinds, k => Assert.Contains(k, billing));
        Assert.All(statementKinds, k => Assert.DoesNotContain(k, staff));
    }

    private sealed record Received(string? Email, string Link, string Title, string Body);

    private Task<List<Received>> ReceivedAsync(NotificationKind kind) =>
        factory.QueryAsync(db => db.Notifications.Where(n => n.Kind == kind)
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => new
            {
                u.Email,
                n.Link,
                n.Title,
                Body = db.OutboxEmails.Where(e => e.NotificationId == n.Id).Select(e => e.HtmlBody).FirstOrDefault(),
            })
            .Select(r => new Received(r.Email, r.Link, r.Title, r.Body ?? string.Empty))
            .ToListAsync(Cancel));

    private static async Task<string> ETagAsync(HttpClient client, Guid statementId) =>
        (await client.GetAsync($"/api/v1/statements/{statementId}", Cancel)).Headers.ETag!.Tag;

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object? body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request, Cancel);
    }
}
