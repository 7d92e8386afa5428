using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.SingleSignOn;

/// <summary>
/// R26 with R1: the company whose identity provider the user may register: its own company only (the provider's or a
/// partner's administrators; a customer's users have none), tracked; null otherwise.
/// </summary>
internal static class SsoOwner
{
    public static Task<Company?> FindAsync(IPortalDbContext db, ICurrentUser user, Guid companyId, CancellationToken cancellationToken) =>
        user.Can(Permission.ManageSingleSignOn) && companyId == user.CompanyId
            ? db.Companies.Where(c => c.Id == companyId).SingleOrDefaultAsync(cancellationToken)
            : Task.FromResult<Company?>(null);
}
