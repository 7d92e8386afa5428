using LicensingPortal.Application.Common;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Licenses;

/// <summary>A license's pending change (R7, R23) as a list shows it: when, and what.</summary>
public sealed record PendingChangeFacts(DateOnly ApplyOn, LicenseSettingsChange? Changes, Guid? NewServicePlanId);

/// <summary>
/// What a list of a customer's licenses shows of each (the partner's Licenses tab and the customer's own My licenses, R25):
/// read in one query, ordered by product, then expiry.
/// </summary>
public sealed record LicenseListFacts(
    Guid Id,
    string PlanName,
    string ProductName,
    string? Level,
    LicenseType LicenseType,
    int Units,
    DateOnly ExpiresOn,
    int NotifyDaysBefore,
    bool AutoRenew,
    int? AutoRenewMonths,
    PendingChangeFacts? Pending,
    Lifecycle PlanLifecycle,
    Lifecycle ProductLifecycle,
    bool Locked)
{
    /// <summary>R8 on <paramref name="today"/>.</summary>
    public LicenseStatus StatusOn(DateOnly today) => LicenseStatusRules.On(today, ExpiresOn, NotifyDaysBefore);

    public static Task<List<LicenseListFacts>> QueryAsync(IPortalDbContext db, IQueryable<CustomerLicense> licenses, CancellationToken cancellationToken) =>
        licenses.AsNoTracking()
            .OrderBy(l => l.Plan.Product.Name).ThenBy(l => l.ExpiresOn)
            .Select(l => new LicenseListFacts(
                l.Id,
                l.Plan.Name,
                l.Plan.Product.Name,
                db.ServiceLevels.Where(s => s.Id == l.Plan.ServiceLevelId).Select(s => s.Name).FirstOrDefault(),
                l.LicenseType,
                l.Units,
                l.ExpiresOn,
                l.NotifyDaysBefore,
                l.AutoRenew,
                l.AutoRenewMonths,
                l.ScheduledChanges.Where(c => c.State == ScheduledChangeState.Pending)
                    .Select(c => new PendingChangeFacts(c.ApplyOn, c.Changes, c.NewServicePlanId)).FirstOrDefault(),
                l.Plan.Lifecycle,
                l.Plan.Product.Lifecycle,
                l.Plan.LockedBySuiteChangeId != null))
            .ToListAsync(cancellationToken);
}
