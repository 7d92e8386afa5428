using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Branding;

/// <summary>R25 with R1: the company whose brand the user may change (its own, or a provider's partner), tracked; null otherwise.</summary>
internal static class BrandOwner
{
    public static Task<Company?> FindAsync(IPortalDbContext db, ICurrentUser user, Guid companyId, CancellationToken cancellationToken) =>
        user.Can(Permission.ManageBranding)
            ? db.Companies.Where(c => c.Id == companyId && db.VisibleCompanyIds(user).Contains(c.Id)).SingleOrDefaultAsync(cancellationToken)
            : Task.FromResult<Company?>(null);
}
