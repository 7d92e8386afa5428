using LicensingPortal.Domain.Branding;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Notifications;

/// <summary>R25 with R20: a customer's own user hears of its license's expiry in the portal and by email, in its partner's colours.</summary>
[Trait("Category", "Calendar")]
public sealed class CustomerUserNotificationTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private NotificationJob Job => factory.Services.GetRequiredService<NotificationJob>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_users_expiry_email_arrives_branded_and_links_to_its_own_license_page_R25_R20()
    {
        await factory.Smtp.StartAsync();
        var (customerId, licenseId) = await NotificationSteps.ChangeLicenseAsync(factory, "Evergreen Clinic", "WFBSS", autoRenew: false);
        var viewer = await factory.CustomerUserAsync(customerId, Application.Security.Roles.CustomerViewer);
        await using (var db = factory.CreateDbContext())
        {
            var owner = await db.Customers.Where(c => c.Id == customerId).Select(c => c.OwnerId).SingleAsync(Cancel);
            db.CompanyBrands.Add(CompanyBrand.Create(owner, "Contoso IT", "#1a5276", null, factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync(Cancel);
        }

        await Job.RunOnceAsync(Cancel);
        await Job.RunOnceAsync(Cancel);

        var email = Assert.Single(factory.Smtp.Messages, m => m.To.Mailboxes.Single().Address == viewer && (m.Subject ?? string.Empty).Contains("expires on", StringComparison.Ordinal));
        Assert.StartsWith("Evergreen Clinic: WFBSS", email.Subject, StringComparison.Ordinal);
        Assert.Contains("Contoso IT", email.HtmlBody!, StringComparison.Ordinal);
        Assert.Contains("#1a5276", email.HtmlBody!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"https://portal.example/my/licenses/{licenseId}", email.HtmlBody!, StringComparison.Ordinal);
        Assert.DoesNotContain("/customers/", email.HtmlBody!, StringComparison.Ordinal);

        // The MSP's own staff get the portal's look.
        var staff = Assert.Single(factory.Smtp.Messages, m => m.To.Mailboxes.Single().Address == "admin@contoso-msp.example" && (m.Subject ?? string.Empty).StartsWith("Evergreen Clinic: WFBSS", StringComparison.Ordinal) && (m.Subject ?? string.Empty).Contains("expires on", StringComparison.Ordinal));
        Assert.DoesNotContain("Contoso IT", staff.HtmlBody!, StringComparison.Ordinal);

        // In the portal: the notice, linked to the customer's own page of the license, which opens.
        var client = await PortalClient.SignedInAsync(factory, viewer);
        var list = await client.GetPageAsync("/notifications");
        Assert.Contains("Evergreen Clinic: WFBSS", list.QuerySelector("[data-testid=notifications]")!.TextContent, StringComparison.Ordinal);
        var notified = await NotificationSteps.NotifiedAsync(factory, licenseId, NotificationKind.LicenseExpiringSoon);
        Assert.Equal($"/my/licenses/{licenseId}", Assert.Single(notified, n => n.Email == viewer).Link);
        await client.GetPageAsync($"/my/licenses/{licenseId}");

        // Its settings list what a customer user can receive, and nothing of the partner's.
        var settings = (await client.GetPageAsync("/notifications/settings")).QuerySelector("[data-testid=notification-settings]")!.TextContent;
        Assert.Contains(NotificationKind.LicenseExpiringSoon.Display(), settings, StringComparison.Ordinal);
        Assert.Contains(NotificationKind.AutoRenewalDone.Display(), settings, StringComparison.Ordinal);
        Assert.DoesNotContain(NotificationKind.LicensePoolRunningLow.Display(), settings, StringComparison.Ordinal);
        Assert.DoesNotContain(NotificationKind.ScheduledChangeApplied.Display(), settings, StringComparison.Ordinal);
        Assert.DoesNotContain(NotificationKind.StatementReady.Display(), settings, StringComparison.Ordinal);
    }
}
