using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.MyLicenses;

/// <summary>
/// R25 (R11 extended): the banner every page of a customer's own user carries while its owner is suspended: everything
/// is read-only, and why. Null when nothing is to be said (or for anyone else).
/// </summary>
public sealed class GetCustomerUserBanner(IPortalDbContext db, ICurrentUser user)
{
    public async Task<string?> HandleAsync(CancellationToken cancellationToken = default)
    {
        if (user.CompanyType != CompanyType.Customer)
        {
            return null;
        }

        var customer = await db.VisibleCustomers(user).AsNoTracking().Include(c => c.Owner).SingleOrDefaultAsync(cancellationToken);
        return customer?.CustomerUsersRefusal is { Length: > 0 } refusal ? refusal : null;
    }
}
