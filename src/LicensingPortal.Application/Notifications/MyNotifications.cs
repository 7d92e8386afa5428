using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

public sealed record NotificationRow(Guid Id, NotificationKind Kind, string Title, string Link, DateTimeOffset CreatedAt, bool IsRead);

public sealed record NotificationPage(IReadOnlyList<NotificationRow> Rows, bool HasMore, int Unread);

/// <summary>The signed-in user's own notifications (R20), newest first, keyset-paged. Nobody sees anyone else's.</summary>
public sealed class ListNotifications(IPortalDbContext db, ICurrentUser user)
{
    public const int PageSize = 50;

    public async Task<NotificationPage> HandleAsync(DateTimeOffset? before, CancellationToken cancellationToken = default)
    {
        var mine = db.Notifications.AsNoTracking().Where(n => n.RecipientUserId == user.UserId);
        var page = before is { } b ? mine.Where(n => n.CreatedAt < b) : mine;
        var rows = await page.OrderByDescending(n => n.CreatedAt).Take(PageSize + 1)
            .Select(n => new NotificationRow(n.Id, n.Kind, n.Title, n.Link, n.CreatedAt, n.ReadAt != null))
            .ToListAsync(cancellationToken);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        return new NotificationPage(rows.Take(PageSize).ToList(), rows.Count > PageSize, unread);
    }
}

/// <summary>Opens a notification: marks it read and answers the page it is about. Another user's answers 404 (R1).</summary>
public sealed class OpenNotification(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result<string>> HandleAsync(Guid notificationId, CancellationToken cancellationToken = default)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == notificationId && n.RecipientUserId == user.UserId, cancellationToken);
        if (notification is null)
        {
            return Result<string>.From(Result.NotFound());
        }

        notification.MarkRead(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Result<string>.Ok(notification.Link);
    }
}

public sealed class MarkAllNotificationsRead(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var count = await db.Notifications
            .Where(n => n.RecipientUserId == user.UserId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return Result.Ok(count == 0 ? "No unread notifications." : $"{count} notification(s) marked read.");
    }
}

public sealed record NotificationSetting(NotificationKind Kind, bool Enabled);

/// <summary>Notifications › Settings: each kind the user's roles receive, on or off (in the portal and by email).</summary>
public sealed class GetNotificationSettings(IPortalDbContext db, ICurrentUser user)
{
    public async Task<IReadOnlyList<NotificationSetting>> HandleAsync(CancellationToken cancellationToken = default)
    {
        var off = await db.NotificationOptOuts.AsNoTracking().Where(o => o.UserId == user.UserId).Select(o => o.Kind).ToListAsync(cancellationToken);
        return NotificationAudience.KindsFor(user.Roles, user.CompanyType).Select(k => new NotificationSetting(k, !off.Contains(k))).ToList();
    }
}

public sealed class SaveNotificationSettings(IPortalDbContext db, ICurrentUser user)
{
    public async Task<Result> HandleAsync(IReadOnlyCollection<NotificationKind> enabled, CancellationToken cancellationToken = default)
    {
        var existing = await db.NotificationOptOuts.Where(o => o.UserId == user.UserId).ToListAsync(cancellationToken);
        var wantedOff = NotificationAudience.KindsFor(user.Roles, user.CompanyType).Where(k => !enabled.Contains(k)).ToHashSet();
        db.NotificationOptOuts.RemoveRange(existing.Where(o => !wantedOff.Contains(o.Kind)));
        foreach (var kind in wantedOff.Where(k => existing.All(o => o.Kind != k)))
        {
            db.NotificationOptOuts.Add(NotificationOptOut.For(user.UserId, kind));
        }

        await db.SaveChangesAsync(cancellationToken);
        return Result.Ok("Notification settings saved.");
    }
}
