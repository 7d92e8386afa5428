using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

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
