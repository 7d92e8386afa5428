using System.Net;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Notifications;

/// <summary>R20 end to end: a license made to expire soon, the job, the bell, the list, settings, templates and the email.</summary>
[Trait("Category", "Calendar")]
public sealed class NotificationTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private NotificationJob Job => factory.Services.GetRequiredService<NotificationJob>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_license_made_to_expire_soon_notifies_its_companys_license_users_once_in_the_portal_and_by_email_R20()
    {
        await factory.Smtp.StartAsync();
        var (customerId, licenseId) = await NotificationSteps.ChangeLicenseAsync(factory, "Evergreen Clinic", "WFBSS", autoRenew: false);

        var runs = await Task.WhenAll(Job.RunOnceAsync(Cancel), Job.RunOnceAsync(Cancel));
        await Job.RunOnceAsync(Cancel);

        // The MSP's license users, linked to the license's page; and (R25) Evergreen's own administrator, linked to its own page.
        var notified = await NotificationSteps.NotifiedAsync(factory, licenseId, NotificationKind.LicenseExpiringSoon);
        Assert.Equal(["admin@contoso-msp.example", DemoAccounts.MspCustomerAdmin, "staff@contoso-msp.example"], notified.Select(n => n.Email).Order(StringComparer.Ordinal));
        Assert.All(notified, n => Assert.Equal(n.Email == DemoAccounts.MspCustomerAdmin ? $"/my/licenses/{licenseId}" : $"/customers/{customerId}/licenses/{licenseId}", n.Link));
        Assert.True(runs.Sum(r => r.Created) >= 3);

        var emails = factory.Smtp.Messages.Where(m => (m.Subject ?? string.Empty).StartsWith("Evergreen Clinic: WFBSS", StringComparison.Ordinal) && (m.Subject ?? string.Empty).Contains("expires on", StringComparison.Ordinal)).ToList();
        Assert.Equal(["admin@contoso-msp.example", DemoAccounts.MspCustomerAdmin, "staff@contoso-msp.example"], emails.Select(m => m.To.Mailboxes.Single().Address).Order(StringComparer.Ordinal));
        Assert.All(emails, m => Assert.Contains(
            m.To.Mailboxes.Single().Address == DemoAccounts.MspCustomerAdmin ? $"https://portal.example/my/licenses/{licenseId}" : $"https://portal.example/customers/{customerId}/licenses/{licenseId}",
            m.HtmlBody!,
            StringComparison.Ordinal));

        // R1: nobody at the provider, the reseller or elsewhere hears about Contoso's customer.
        var others = await Demo.QueryAsync(factory, db => db.Notifications.CountAsync(n => n.Key.Contains(licenseId.ToString("N")) && !notified.Select(x => x.UserId).Contains(n.RecipientUserId), Cancel));
        Assert.Equal(0, others);

        var sentBefore = factory.Smtp.Messages.Count;
        var again = await Job.RunOnceAsync(Cancel);
        Assert.Equal(0, again.Created);
        Assert.Equal(0, again.EmailsSent);
        Assert.Equal(sentBefore, factory.Smtp.Messages.Count);
    }

    [Fact]
    public async Task The_bell_counts_unread_notifications_and_opening_one_marks_it_read_and_goes_to_its_license_R20()
    {
        await factory.Smtp.StartAsync();
        var (customerId, licenseId) = await NotificationSteps.ChangeLicenseAsync(factory, "Granite Builders", "Email", autoRenew: false);
        await Job.RunOnceAsync(Cancel);
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var unread = await NotificationSteps.UnreadAsync(factory, DemoAccounts.MspAdmin);
        Assert.True(unread > 0);

        var home = await client.GetPageAsync("/");
        Assert.Equal(unread.ToString(System.Globalization.CultureInfo.InvariantCulture), home.QuerySelector("[data-testid=unread-count]")!.FirstChild!.TextContent.Trim());

        var list = await client.GetPageAsync("/notifications");
        var item = list.QuerySelectorAll("[data-testid=notifications] li").Single(li => li.TextContent.Contains("Granite Builders", StringComparison.Ordinal));
        Assert.Equal("false", item.GetAttribute("data-read"));
        var form = item.QuerySelector("form")!;
        var response = await client.SubmitAsync(list, $"form[action='{form.GetAttribute("action")}']");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/customers/{customerId}/licenses/{licenseId}", response.Headers.Location!.OriginalString);
        Assert.Equal(unread - 1, await NotificationSteps.UnreadAsync(factory, DemoAccounts.MspAdmin));
        var after = await client.GetPageAsync("/notifications");
        Assert.Equal("true", after.QuerySelectorAll("[data-testid=notifications] li").Single(li => li.TextContent.Contains("Granite Builders", StringComparison.Ordinal)).GetAttribute("data-read"));
    }

    [Fact]
    public async Task A_provider_edits_and_previews_a_template_unknown_placeholders_are_refused_and_values_are_encoded_R20()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var page = await admin.GetPageAsync("/notifications/templates/edit?kind=AutoRenewalComingUp");

        // The preview's sample customer carries a script: it shows as text, never as an element.
        Assert.Null(page.QuerySelector("[data-testid=template-preview] script"));
        Assert.Contains("<script>alert(1)</script>", page.QuerySelector("[data-testid=template-preview]")!.TextContent, StringComparison.Ordinal);

        var refused = await admin.SubmitAsync(page, "[data-testid=template-form]", new() { ["Input.Body"] = "Hello {customr}" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("{customr} is not a placeholder", refusedPage.QuerySelector("[data-valmsg-for='Input.Body']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Hello {customr}", refusedPage.QuerySelector("#Input_Body")!.TextContent);

        var saved = await admin.SubmitAsync(page, "[data-testid=template-form]", new()
        {
            ["Input.Subject"] = "Renewal of {plan} for {customer} on {date}",
            ["Input.Body"] = "<b>Heads up</b> {recipient}: {customer} renews on {date}.\n{link}",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var list = await admin.GetPageAsync("/notifications/templates");
        Assert.Contains("Renewal of {plan}", list.QuerySelector("[data-testid=templates]")!.TextContent, StringComparison.Ordinal);

        // Contoso's provider is Northwind: its renewal emails now use this wording, encoded.
        await factory.Smtp.StartAsync();
        var (_, licenseId) = await NotificationSteps.ChangeLicenseAsync(factory, "Evergreen Clinic", "Email", autoRenew: true);
        await Job.RunOnceAsync(Cancel);
        var email = factory.Smtp.Messages.First(m => (m.Subject ?? string.Empty).StartsWith("Renewal of", StringComparison.Ordinal) && (m.Subject ?? string.Empty).Contains("Evergreen Clinic", StringComparison.Ordinal));
        Assert.StartsWith("&lt;b&gt;Heads up&lt;/b&gt;", email.HtmlBody!, StringComparison.Ordinal);
        Assert.Single(await NotificationSteps.NotifiedAsync(factory, licenseId, NotificationKind.AutoRenewalComingUp), n => n.Email == DemoAccounts.MspAdmin);
    }
}
