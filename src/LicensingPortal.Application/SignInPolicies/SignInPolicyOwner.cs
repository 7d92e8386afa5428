using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.SignInPolicies;

/// <summary>R26 with R1: the company whose sign-in policy the user may set (its own, or a provider's partner), tracked; null otherwise.</summary>
internal static class SignInPolicyOwner
{
    public static Task<Company?> FindAsync(IPortalDbContext db, ICurrentUser user, Guid companyId, CancellationToken cancellationToken) =>
        user.Can(Permission.ManageSignInPolicy)
            ? db.Companies.Where(c => c.Id == companyId && db.VisibleCompanyIds(user).Contains(c.Id)).SingleOrDefaultAsync(cancellationToken)
            : Task.FromResult<Company?>(null);
}
