using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

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
