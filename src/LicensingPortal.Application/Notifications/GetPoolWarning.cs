using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

/// <summary>The partner's "license pool running low" threshold (R20), with the version the form was loaded from (R19).</summary>
public sealed record PoolWarningView(int? Percent, int Version);

/// <summary>Notifications › Settings › License pools: what the partner set; null for a provider (it has no pools).</summary>
public sealed class GetPoolWarning(IPortalDbContext db, ICurrentUser user)
{
    public async Task<PoolWarningView?> HandleAsync(CancellationToken cancellationToken = default)
    {
        if (!user.Can(Permission.ManagePoolWarnings))
        {
            return null;
        }

        return await db.Companies.AsNoTracking().Where(c => c.Id == user.CompanyId)
            .Select(c => new PoolWarningView(c.PoolWarningPercent, c.Version))
            .SingleOrDefaultAsync(cancellationToken);
    }
}
