using LicensingPortal.Application.Common;
using LicensingPortal.Application.Dashboard;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.ServicePlans;

/// <summary>
/// Service Plans: a provider's or MSP's own plans; for a reseller, the provider plans assigned to it
/// (R14, read-only). Customer counts are of the caller's visible customers (R1).
/// </summary>
public sealed class ListServicePlans(IPortalDbContext db, ICurrentUser user)
{
    public async Task<ServicePlanList> HandleAsync(ServicePlanFilter filter, CancellationToken cancellationToken = default)
    {
        var isReseller = user.CompanyType == CompanyType.Reseller;
        var plans = PlansOf(db, user).AsNoTracking();

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var search = filter.Search.Trim().ToUpperInvariant();
            plans = plans.Where(p => p.NormalizedName.Contains(search));
        }

        if (filter.ProductId is { } productId)
        {
            plans = plans.Where(p => p.ProductId == productId);
        }

        if (filter.LicenseType is { } type)
        {
            plans = plans.Where(p => p.LicenseType == type);
        }

        if (filter.Lifecycle is { } lifecycle)
        {
            plans = plans.WhereEffective(lifecycle);
        }

        if (filter.Locked is { } locked)
        {
            plans = locked ? plans.Where(p => p.LockedBySuiteChangeId != null) : plans.Where(p => p.LockedBySuiteChangeId == null);
        }

        var licenses = (await db.CountingScopeAsync(user, cancellationToken)).Licenses;
        var rows = await plans
            .OrderBy(p => p.Product.Name).ThenBy(p => p.Name)
            .Select(p => new
            {
                p.Id,
                p.Name,
                Product = p.Product.Name,
                Level = db.ServiceLevels.Where(l => l.Id == p.ServiceLevelId).Select(l => l.Name).Single(),
                p.LicenseType,
                p.Period,
                p.UnitsPerLicense,
                p.AutoRenewDefault,
                p.AddOnAvailable,
                p.Lifecycle,
                ProductLifecycle = p.Product.Lifecycle,
                Locked = p.LockedBySuiteChangeId != null,
                Customers = licenses.Where(l => l.ServicePlanId == p.Id).Select(l => l.CustomerId).Distinct().Count(),
            })
            .ToListAsync(cancellationToken);

        var products = isReseller ? [] : await ProductOptions(db, user, cancellationToken);
        var pending = isReseller ? 0 : await GetDashboard.PendingApprovals(db, user.CompanyId).CountAsync(cancellationToken);
        return new ServicePlanList(
            isReseller,
            filter,
            rows.Select(r => new ServicePlanRow(r.Id, r.Name, r.Product, r.Level, r.LicenseType, r.Period, r.UnitsPerLicense, r.AutoRenewDefault, r.AddOnAvailable,
                LifecycleText.Latest(r.Lifecycle, r.ProductLifecycle), r.Locked, r.Customers)).ToList(),
            products,
            pending);
    }

    /// <summary>R1/R14: the plans the caller may see: its own, or (reseller) those assigned to it.</summary>
    internal static IQueryable<ServicePlan> PlansOf(IPortalDbContext db, ICurrentUser user) =>
        user.CompanyType == CompanyType.Reseller
            ? db.ServicePlans.Where(p => db.ResellerPlanAssignments.Any(a => a.ResellerId == user.CompanyId && a.ServicePlanId == p.Id))
            : db.ServicePlans.Where(p => p.OwnerId == user.CompanyId);

    /// <summary>Products a plan can be built on: every product for the provider; for an MSP, those in its license pool.</summary>
    internal static async Task<IReadOnlyList<ProductOption>> ProductOptions(IPortalDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var products = db.Products.AsNoTracking();
        if (user.CompanyType != CompanyType.Provider)
        {
            products = products.Where(p => db.LicensePools.Any(pool => pool.PartnerId == user.CompanyId && pool.ProductId == p.Id));
        }

        var list = await products.OrderBy(p => p.Name).ToListAsync(cancellationToken);
        return list.Select(p => new ProductOption(p.Id, p.Name, p.HasAddOn, p.Lifecycle, p.ServiceLevels.OrderBy(l => l.Rank).Select(l => (l.Id, l.Name)).ToList(), p.NewPlanRefusal()?.Message)).ToList();
    }
}
