using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

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
