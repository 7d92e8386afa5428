using System.Net;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Notifications;

/// <summary>R20: the email outbox when the mail server is down, and when an address is refused (its own app: the clock moves).</summary>
[Trait("Category", "Calendar")]
public sealed class OutboxDeliveryTests(NotificationsFactory factory) : IClassFixture<NotificationsFactory>
{
    private NotificationJob Job => factory.Services.GetRequiredService<NotificationJob>();

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_email_is_retried_with_backoff_while_the_server_is_down_then_delivered_once_and_a_refused_address_is_shown_to_admins_R20()
    {
        await factory.Smtp.StopAsync();
        await SetEmailAsync(DemoAccounts.MspStaff, "reject-staff@contoso-msp.example");
        var (_, licenseId) = await NotificationSteps.ChangeLicenseAsync(factory, "Evergreen Clinic", "WFBSS", autoRenew: false);

        var down = await Job.RunOnceAsync(Cancel);
        Assert.True(down.EmailsRetrying >= 2);
        var email = await EmailToAsync(DemoAccounts.MspAdmin, licenseId);
        Assert.Equal(OutboxEmailState.Pending, email.State);
        Assert.Equal(1, email.Attempts);
        Assert.Equal(factory.Clock.GetUtcNow() + OutboxEmail.FirstRetryDelay, email.DueAt, TimeSpan.FromMilliseconds(1));
        Assert.NotNull(email.LastError);

        // The admins see it waiting, with the error.
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var waiting = await admin.GetPageAsync("/notifications/emails");
        Assert.Contains(DemoAccounts.MspAdmin, waiting.QuerySelector("[data-testid=waiting-emails]")!.TextContent, StringComparison.Ordinal);

        // Up again, but not yet due: nothing is sent before the backoff ends.
        await factory.Smtp.StartAsync();
        await Job.RunOnceAsync(Cancel);
        Assert.Empty(factory.Smtp.Messages);

        factory.Clock.Advance(OutboxEmail.FirstRetryDelay);
        await Task.WhenAll(Job.RunOnceAsync(Cancel), Job.RunOnceAsync(Cancel));
        await Job.RunOnceAsync(Cancel);

        var delivered = factory.Smtp.Messages.Where(m => m.To.Mailboxes.Any(a => a.Address == DemoAccounts.MspAdmin) && (m.Subject ?? string.Empty).StartsWith("Evergreen Clinic: WFBSS", StringComparison.Ordinal)).ToList();
        Assert.Single(delivered);
        email = await EmailToAsync(DemoAccounts.MspAdmin, licenseId);
        Assert.Equal(OutboxEmailState.Sent, email.State);
        Assert.Equal(2, email.Attempts);

        // The refused address is not retried forever: failed at its first real try, and listed for the admins.
        var refused = await EmailToAsync("reject-staff@contoso-msp.example", licenseId);
        Assert.Equal(OutboxEmailState.Failed, refused.State);
        Assert.Equal(2, refused.Attempts);
        var page = await admin.GetPageAsync("/notifications/emails");
        var failed = page.QuerySelector("[data-testid=failed-emails]")!.TextContent;
        Assert.Contains("reject-staff@contoso-msp.example", failed, StringComparison.Ordinal);
        Assert.Contains("refused the recipient", failed, StringComparison.Ordinal);

        // Another company's administrator does not see Contoso's emails (R1).
        var reseller = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        Assert.DoesNotContain("contoso-msp.example", (await reseller.GetPageAsync("/notifications/emails")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // "Send again" puts it back in the outbox; the server still refuses it.
        var retry = await admin.SubmitAsync(page, $"form[action='/notifications/emails/{refused.Id}/retry']");
        Assert.Equal(HttpStatusCode.Redirect, retry.StatusCode);
        await Job.RunOnceAsync(Cancel);
        Assert.Equal(OutboxEmailState.Failed, (await EmailToAsync("reject-staff@contoso-msp.example", licenseId)).State);
        Assert.Single(factory.Smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == DemoAccounts.MspAdmin) && (m.Subject ?? string.Empty).StartsWith("Evergreen Clinic: WFBSS", StringComparison.Ordinal));
    }

    private async Task SetEmailAsync(string email, string newEmail)
    {
        await using var db = factory.CreateDbContext();
        await db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, newEmail), Cancel);
    }

    private Task<OutboxEmail> EmailToAsync(string to, Guid licenseId)
    {
        var key = $"{NotificationKind.LicenseExpiringSoon}:{licenseId:N}:";
        return Demo.QueryAsync(factory, db => db.OutboxEmails.AsNoTracking()
            .Where(e => e.To == to && db.Notifications.Any(n => n.Id == e.NotificationId && n.Key.StartsWith(key)))
            .SingleAsync(Cancel));
    }
}
