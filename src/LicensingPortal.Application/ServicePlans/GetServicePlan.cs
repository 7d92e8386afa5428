using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.ServicePlans;

/// <summary>
/// One plan with the caller's customers who use it: the owner's detail/edit page, or a reseller's
/// read-only view of a plan assigned to it (R14). Anything else is not found (R1).
/// </summary>
public sealed class GetServicePlan(IPortalDbContext db, ICurrentUser user)
{
    /// <summary>Customers listed on the page; a plan with more links to the customers list filtered by it.</summary>
    public const int ListedCustomers = 100;

    public async Task<Result<ServicePlanDetail>> HandleAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var plan = await ListServicePlans.PlansOf(db, user).AsNoTracking()
            .Include(p => p.Product)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return Result<ServicePlanDetail>.From(Result.NotFound());
        }

        // The first customers by name with their licenses on the plan, and the number of customers: a provider plan can
        // have tens of thousands. Read in the customers' name order (their index), each checked against the plan's
        // (ServicePlanId, CustomerId) index, rather than sorting every license on the plan by name.
        var licenses = db.CustomerLicenses.Where(l => l.ServicePlanId == id);
        var customers = await db.VisibleCustomers(user).AsNoTracking()
            .Where(c => licenses.Any(l => l.CustomerId == c.Id))
            .OrderBy(c => c.NormalizedName).ThenBy(c => c.Id)
            .Take(ListedCustomers)
            .SelectMany(c => licenses.Where(l => l.CustomerId == c.Id), (c, l) => new { c.Id, c.Name, c.NormalizedName, l.Units, l.ExpiresOn, LicenseId = l.Id })
            .OrderBy(r => r.NormalizedName).ThenBy(r => r.Id).ThenBy(r => r.LicenseId)
            .Select(r => new CustomerUsingPlan(r.Id, r.Name, r.Units, r.ExpiresOn))
            .ToListAsync(cancellationToken);
        var customerCount = await (await db.CountingScopeAsync(user, cancellationToken)).Licenses
            .Where(l => l.ServicePlanId == id).Select(l => l.CustomerId).Distinct().CountAsync(cancellationToken);

        var level = plan.Product.ServiceLevels.Single(l => l.Id == plan.ServiceLevelId).Name;
        var row = new ServicePlanRow(plan.Id, plan.Name, plan.Product.Name, level, plan.LicenseType, plan.Period, plan.UnitsPerLicense,
            plan.AutoRenewDefault, plan.AddOnAvailable, LifecycleText.Latest(plan.Lifecycle, plan.Product.Lifecycle), plan.IsLocked,
            customerCount);
        return Result<ServicePlanDetail>.Ok(new ServicePlanDetail(
            row, plan.ProductId, plan.ServiceLevelId, plan.OwnerId == user.CompanyId, plan.Product.AddOnName, plan.Version, customers,
            plan.EditRefusal()?.Message, Enum.GetValues<Lifecycle>().Where(target => plan.LifecycleRefusal(target) is null).ToList()));
    }
}
