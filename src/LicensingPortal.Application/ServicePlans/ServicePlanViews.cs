using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Products;

namespace LicensingPortal.Application.ServicePlans;

/// <summary>One row of the Service Plans (or Assigned Plans) list.</summary>
public sealed record ServicePlanRow(
    Guid Id,
    string Name,
    string Product,
    string ServiceLevel,
    LicenseType LicenseType,
    LicensePeriod Period,
    int UnitsPerLicense,
    bool AutoRenewDefault,
    bool AddOnAvailable,
    Lifecycle Lifecycle,
    bool IsLocked,
    int Customers);

public sealed record ServicePlanFilter(string? Search, Guid? ProductId, LicenseType? LicenseType, Lifecycle? Lifecycle, bool? Locked);

/// <summary>A product of the plan form; <see cref="NewPlanRefusal"/> says why no new plan can be built on it (R4).</summary>
public sealed record ProductOption(Guid Id, string Name, bool HasAddOn, Lifecycle Lifecycle, IReadOnlyList<(Guid Id, string Name)> Levels, string? NewPlanRefusal);

public sealed record ServicePlanList(bool IsReseller, ServicePlanFilter Filter, IReadOnlyList<ServicePlanRow> Plans, IReadOnlyList<ProductOption> Products, int PendingApprovals);

public sealed record CustomerUsingPlan(Guid CustomerId, string CustomerName, int Units, DateOnly ExpiresOn);

/// <summary>
/// One plan. <see cref="EditRefusal"/> (R4, R5) and <see cref="LifecycleMoves"/> (R4) are what the plan says about editing
/// and retiring it, for the page to offer only what the owner may do; the API answers with the same refusals when tried.
/// </summary>
public sealed record ServicePlanDetail(
    ServicePlanRow Plan,
    Guid ProductId,
    Guid ServiceLevelId,
    bool IsOwner,
    string? AddOnName,
    int Version,
    IReadOnlyList<CustomerUsingPlan> Customers,
    [property: System.Text.Json.Serialization.JsonIgnore] string? EditRefusal,
    [property: System.Text.Json.Serialization.JsonIgnore] IReadOnlyList<Lifecycle> LifecycleMoves);

internal static class PlanLifecycle
{
    /// <summary>The effective lifecycle (the plan's or its product's, whichever is further along) as SQL can filter it.</summary>
    public static IQueryable<Domain.ServicePlans.ServicePlan> WhereEffective(this IQueryable<Domain.ServicePlans.ServicePlan> plans, Lifecycle lifecycle) => lifecycle switch
    {
        Lifecycle.Active => plans.Where(p => p.Lifecycle == Lifecycle.Active && p.Product.Lifecycle == Lifecycle.Active),
        Lifecycle.EndOfSale => plans.Where(p => p.Lifecycle != Lifecycle.EndOfLife && p.Product.Lifecycle != Lifecycle.EndOfLife
                                                && (p.Lifecycle == Lifecycle.EndOfSale || p.Product.Lifecycle == Lifecycle.EndOfSale)),
        Lifecycle.EndOfLife => plans.Where(p => p.Lifecycle == Lifecycle.EndOfLife || p.Product.Lifecycle == Lifecycle.EndOfLife),
    };
}
