using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Licenses;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Reports;

public sealed record ExpiringLicenseRow(
    Guid CustomerId,
    string CustomerName,
    string OwnerName,
    Guid LicenseId,
    string PlanName,
    string ProductName,
    int Units,
    DateOnly ExpiresOn,
    int NotifyDaysBefore,
    bool AutoRenew,
    int? AutoRenewMonths,
    LicenseStatus Status);

/// <summary>
/// Reports › Licenses expiring: every visible license that expired in the last <c>expiredDays</c> or
/// expires within <c>days</c>, soonest first, so nobody is surprised by an expiry or a renewal (R20).
/// </summary>
public sealed class ListExpiringLicenses(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const int MaxRows = 2000;
    public static readonly int[] Windows = [30, 60, 90];

    public async Task<(IReadOnlyList<ExpiringLicenseRow> Rows, bool Truncated)> HandleAsync(int days, bool includeExpired, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var until = today.AddDays(Math.Clamp(days, 1, 365));
        var from = includeExpired ? today.AddDays(-90) : today;
        var rows = await db.VisibleLicenses(user).AsNoTracking()
            .Where(l => l.ExpiresOn >= from && l.ExpiresOn <= until)
            .OrderBy(l => l.ExpiresOn).ThenBy(l => l.Customer.NormalizedName)
            .Select(l => new
            {
                l.CustomerId,
                CustomerName = l.Customer.Name,
                OwnerName = l.Customer.Owner.Name,
                l.Id,
                PlanName = l.Plan.Name,
                ProductName = l.Plan.Product.Name,
                l.Units,
                l.ExpiresOn,
                l.NotifyDaysBefore,
                l.AutoRenew,
                l.AutoRenewMonths,
            })
            .Take(MaxRows + 1)
            .ToListAsync(cancellationToken);
        var result = rows.Take(MaxRows)
            .Select(r => new ExpiringLicenseRow(r.CustomerId, r.CustomerName, r.OwnerName, r.Id, r.PlanName, r.ProductName, r.Units, r.ExpiresOn, r.NotifyDaysBefore, r.AutoRenew, r.AutoRenewMonths,
                LicenseStatusRules.On(today, r.ExpiresOn, r.NotifyDaysBefore)))
            .ToList();
        return (result, rows.Count > MaxRows);
    }
}
