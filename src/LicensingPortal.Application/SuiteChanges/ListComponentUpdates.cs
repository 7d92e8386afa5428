using LicensingPortal.Application.Common;
using LicensingPortal.Application.Dashboard;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.SuiteChanges;

public sealed record LockedPlan(Guid Id, string Name, int Customers);

public sealed record PendingComponentUpdate(
    Guid Id,
    string Product,
    string ComponentsAdded,
    string ComponentsRemoved,
    string ComponentsBefore,
    string ComponentsAfter,
    string? Description,
    DateOnly EffectiveOn,
    DateTimeOffset RecordedAt,
    string RecordedBy,
    IReadOnlyList<LockedPlan> LockedPlans)
{
    public int AffectedCustomers => LockedPlans.Sum(p => p.Customers);
}

public sealed record ApprovedComponentUpdate(Guid Id, string Product, string ComponentsAdded, string ComponentsRemoved, DateTimeOffset ApprovedAt, string ApprovedBy, int PlansUnlocked);

public sealed record ComponentUpdates(IReadOnlyList<PendingComponentUpdate> Pending, IReadOnlyList<ApprovedComponentUpdate> Approved);

/// <summary>R5: Service plan component updates: the owner's pending suite changes, with its locked plans and affected customers.</summary>
public sealed class ListComponentUpdates(IPortalDbContext db, ICurrentUser user)
{
    public async Task<ComponentUpdates> HandleAsync(CancellationToken cancellationToken = default)
    {
        var changes = await GetDashboard.PendingApprovals(db, user.CompanyId).AsNoTracking()
            .OrderBy(c => c.EffectiveOn)
            .Select(c => new
            {
                c.Id,
                Product = c.Product.Name,
                c.ComponentsAdded,
                c.ComponentsRemoved,
                c.ComponentsBefore,
                c.ComponentsAfter,
                c.Description,
                c.EffectiveOn,
                c.RecordedAt,
                c.RecordedBy,
            })
            .ToListAsync(cancellationToken);

        var changeIds = changes.Select(c => c.Id).ToList();
        var licenses = db.VisibleLicenses(user);
        var plans = await db.ServicePlans.AsNoTracking()
            .Where(p => p.OwnerId == user.CompanyId && p.LockedBySuiteChangeId != null && changeIds.Contains(p.LockedBySuiteChangeId.Value))
            .OrderBy(p => p.Name)
            .Select(p => new
            {
                ChangeId = p.LockedBySuiteChangeId!.Value,
                Plan = new LockedPlan(p.Id, p.Name, licenses.Where(l => l.ServicePlanId == p.Id).Select(l => l.CustomerId).Distinct().Count()),
            })
            .ToListAsync(cancellationToken);

        var approved = await db.SuiteChangeApprovals.AsNoTracking()
            .Where(a => a.OwnerId == user.CompanyId)
            .Join(db.SuiteCompositionChanges, a => a.SuiteChangeId, c => c.Id, (a, c) => new { a, c.Product.Name, c.ComponentsAdded, c.ComponentsRemoved, c.Id })
            .OrderByDescending(x => x.a.ApprovedAt)
            .Take(20)
            .ToListAsync(cancellationToken);

        return new ComponentUpdates(
            changes.Select(c => new PendingComponentUpdate(c.Id, c.Product, c.ComponentsAdded, c.ComponentsRemoved, c.ComponentsBefore, c.ComponentsAfter,
                c.Description, c.EffectiveOn, c.RecordedAt, c.RecordedBy, plans.Where(p => p.ChangeId == c.Id).Select(p => p.Plan).ToList())).ToList(),
            approved.Select(x => new ApprovedComponentUpdate(x.Id, x.Name, x.ComponentsAdded, x.ComponentsRemoved, x.a.ApprovedAt, x.a.ApprovedBy, x.a.PlansUnlocked)).ToList());
    }
}
