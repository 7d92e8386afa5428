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
    public async Task<Result<ServicePlanDetail>> HandleAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var plan = await ListServicePlans.PlansOf(db, user).AsNoTracking()
            .Include(p => p.Product)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (plan is null)
        {
            return Result<ServicePlanDetail>.From(Result.NotFound());
        }

        var customers = await db.VisibleLicenses(user).AsNoTracking()
            .Where(l => l.ServicePlanId == id)
            .OrderBy(l => l.Customer.Name)
            .Select(l => new CustomerUsingPlan(l.CustomerId, l.Customer.Name, l.Units, l.ExpiresOn))
            .ToListAsync(cancellationToken);

        var level = plan.Product.ServiceLevels.Single(l => l.Id == plan.ServiceLevelId).Name;
        var row = new ServicePlanRow(plan.Id, plan.Name, plan.Product.Name, level, plan.LicenseType, plan.Period, plan.UnitsPerLicense,
            plan.AutoRenewDefault, plan.AddOnAvailable, LifecycleText.Latest(plan.Lifecycle, plan.Product.Lifecycle), plan.IsLocked,
            customers.Select(c => c.CustomerId).Distinct().Count());
        return Result<ServicePlanDetail>.Ok(new ServicePlanDetail(row, plan.ProductId, plan.ServiceLevelId, plan.OwnerId == user.CompanyId, plan.Product.AddOnName, plan.Version, customers));
    }
}

/// <summary>The create/edit form's choices: products the caller may build plans on, with their levels.</summary>
public sealed class GetServicePlanFormOptions(IPortalDbContext db, ICurrentUser user)
{
    public Task<IReadOnlyList<ProductOption>> HandleAsync(CancellationToken cancellationToken = default) =>
        ListServicePlans.ProductOptions(db, user, cancellationToken);
}
