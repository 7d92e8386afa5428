using LicensingPortal.Domain.Notifications;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Notifications;

/// <summary>R20 retention: old notifications go, an email still waiting to be sent keeps its notification (its own app: the clean-up runs once a day).</summary>
[Trait("Category", "Calendar")]
public sealed class NotificationRetentionTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Notifications_older_than_the_retention_are_deleted_unless_their_email_still_waits_R20()
    {
        var now = factory.Clock.GetUtcNow();
        var retention = factory.Services.GetRequiredService<NotificationSettings>().RetentionDays;
        Assert.Equal(NotificationSettings.DefaultRetentionDays, retention);
        var user = await Demo.QueryAsync(factory, db => db.Users.Where(u => u.Email == DemoAccounts.MspAdmin).Select(u => new { u.Id, u.CompanyId }).SingleAsync(Cancel));

        Notification Old(string key, int daysAgo) =>
            Notification.Create(user.Id, user.CompanyId, NotificationKind.LicenseExpired, key, key, "/", now.AddDays(-daysAgo));
        var expired = Old("retention:old", retention + 1);
        var waiting = Old("retention:old-email-waiting", retention + 30);
        var young = Old("retention:young", retention - 1);
        await using (var db = factory.CreateDbContext())
        {
            db.Notifications.AddRange(expired, waiting, young);
            db.OutboxEmails.Add(OutboxEmail.For(waiting, "admin@contoso-msp.example", new RenderedMessage("s", "b"), now.AddDays(-retention - 30)));
            await db.SaveChangesAsync(Cancel);
        }

        await factory.Services.GetRequiredService<NotificationJob>().RunOnceAsync(Cancel);

        var left = await Demo.QueryAsync(factory, db => db.Notifications.Where(n => n.Key.StartsWith("retention:")).Select(n => n.Key).OrderBy(k => k).ToListAsync(Cancel));
        Assert.Equal(["retention:old-email-waiting", "retention:young"], left);
        Assert.Equal(1, await Demo.QueryAsync(factory, db => db.OutboxEmails.CountAsync(e => e.NotificationId == waiting.Id, Cancel)));
    }
}
