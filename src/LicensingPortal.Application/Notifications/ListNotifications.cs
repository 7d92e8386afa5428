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
