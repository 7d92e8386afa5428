using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.MyLicenses;

/// <summary>One license on the customer's own page (R25), and why nothing can be asked for now, or null.</summary>
public sealed record MyLicenseView(Guid CustomerId, string CustomerName, string OwnerName, string? ReadOnlyReason, MyLicenseRow License);

/// <summary>My licenses › {license} (R25): another customer's license, or any license for anyone but a customer user, is not found (R1).</summary>
public sealed class GetMyLicense(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<MyLicenseView?> HandleAsync(Guid licenseId, CancellationToken cancellationToken = default)
    {
        if (user.CompanyType != CompanyType.Customer)
        {
            return null;
        }

        var customer = await db.VisibleCustomers(user).AsNoTracking().Include(c => c.Owner).SingleOrDefaultAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = customer is null
            ? []
            : await MyLicenseRows.WithPricesAsync(db, customer, await MyLicenseRows.QueryAsync(db, db.VisibleLicenses(user).Where(l => l.Id == licenseId), today, cancellationToken), today, cancellationToken);
        if (customer is null || rows.Count == 0)
        {
            return null;
        }

        var refusal = customer.CustomerUsersRefusal;
        return new MyLicenseView(customer.Id, customer.Name, customer.Owner.Name, refusal.Length == 0 ? null : refusal, rows[0]);
    }
}
