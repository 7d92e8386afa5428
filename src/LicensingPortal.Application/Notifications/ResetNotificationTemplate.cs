using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

/// <summary>Back to the safe default wording.</summary>
public sealed class ResetNotificationTemplate(IPortalDbContext db, ICurrentUser user)
{
    public async Task<Result> HandleAsync(NotificationKind kind, CancellationToken cancellationToken = default)
    {
        var saved = await db.NotificationTemplates.SingleOrDefaultAsync(t => t.ProviderId == user.CompanyId && t.Kind == kind, cancellationToken);
        if (saved is not null)
        {
            db.NotificationTemplates.Remove(saved);
            await db.SaveChangesAsync(cancellationToken);
        }

        return Result.Ok($"The \"{kind.Display()}\" email uses the default wording again.");
    }
}
