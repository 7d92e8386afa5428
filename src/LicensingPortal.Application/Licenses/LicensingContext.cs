using LicensingPortal.Application.Common;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.ServicePlans;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Licenses;

/// <summary>
/// What a company may sell and draw on: the plans it may assign (its own; a reseller's, the ones its
/// provider assigned to it) and its license pools (R12), shared by the customer use cases.
/// </summary>
public static class LicensingContext
{
    /// <summary>Plans the owner may give its customers. Lifecycle and lock are the plan's own rules (R4, R5).</summary>
    public static IQueryable<ServicePlan> PlansUsableBy(this IPortalDbContext db, Company owner) =>
        owner.Type == CompanyType.Reseller
            ? db.ServicePlans.Where(p => db.ResellerPlanAssignments.Any(a => a.ResellerId == owner.Id && a.ServicePlanId == p.Id))
            : db.ServicePlans.Where(p => p.OwnerId == owner.Id);

    /// <summary>The owner's pools, tracked, as the lookup the license methods take.</summary>
    public static async Task<Func<ServicePlan, LicensePool?>> PoolsOfAsync(this IPortalDbContext db, Company owner, CancellationToken cancellationToken, bool tracked = true)
    {
        if (!owner.IsPartner)
        {
            return _ => null;
        }

        var query = db.LicensePools.Where(p => p.PartnerId == owner.Id);
        var pools = await (tracked ? query : query.AsNoTracking()).ToListAsync(cancellationToken);
        return plan => pools.SingleOrDefault(p => p.ProductId == plan.ProductId && p.ServiceLevelId == plan.ServiceLevelId && p.LicenseType == plan.LicenseType);
    }

    /// <summary>A license with everything its rules read (customer, owner, plan, product, scheduled changes), tracked.</summary>
    public static Task<CustomerLicense?> LicenseForChangeAsync(this IQueryable<CustomerLicense> licenses, Guid customerId, Guid licenseId, CancellationToken cancellationToken) =>
        licenses.WithChangeGraph().SingleOrDefaultAsync(l => l.Id == licenseId && l.CustomerId == customerId, cancellationToken);

    /// <summary>What a license's domain methods read to decide (owner status, plan, product, pending change).</summary>
    public static IQueryable<CustomerLicense> WithChangeGraph(this IQueryable<CustomerLicense> licenses) =>
        licenses
            .Include(l => l.Customer).ThenInclude(c => c.Owner)
            .Include(l => l.Plan).ThenInclude(p => p.Product)
            .Include(l => l.ScheduledChanges);
}
