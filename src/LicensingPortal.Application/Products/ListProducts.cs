using LicensingPortal.Application.Common;
using LicensingPortal.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Products;

/// <summary>
/// A product of the Products page. <see cref="LifecycleMoves"/> and <see cref="SuiteChangeRefusal"/> are what the product
/// says may still happen to it (R4), so the page offers only those.
/// </summary>
public sealed record ProductRow(
    Guid Id,
    string Name,
    IReadOnlyList<string> ServiceLevels,
    string? AddOnName,
    bool SupportsPlanSwitching,
    bool ManagedThroughRemoteManager,
    string Components,
    Lifecycle Lifecycle,
    DateTimeOffset? LifecycleChangedAt,
    int Plans,
    int LockedPlans,
    IReadOnlyList<Lifecycle> LifecycleMoves,
    string? SuiteChangeRefusal);

/// <summary>Products (provider): levels, add-on, plan switching, components and lifecycle (R4), with plan counts.</summary>
public sealed class ListProducts(IPortalDbContext db)
{
    public async Task<IReadOnlyList<ProductRow>> HandleAsync(CancellationToken cancellationToken = default)
    {
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var counts = await db.ServicePlans.AsNoTracking()
            .GroupBy(p => p.ProductId)
            .Select(g => new { ProductId = g.Key, Plans = g.Count(), Locked = g.Count(p => p.LockedBySuiteChangeId != null) })
            .ToDictionaryAsync(x => x.ProductId, cancellationToken);
        return products.Select(p => new ProductRow(
            p.Id,
            p.Name,
            p.ServiceLevels.OrderBy(l => l.Rank).Select(l => l.Name).ToList(),
            p.AddOnName,
            p.SupportsPlanSwitching,
            p.ManagedThroughRemoteManager,
            p.Components,
            p.Lifecycle,
            p.LifecycleChangedAt,
            counts.TryGetValue(p.Id, out var c) ? c.Plans : 0,
            counts.TryGetValue(p.Id, out var l) ? l.Locked : 0,
            Enum.GetValues<Lifecycle>().Where(target => p.LifecycleRefusal(target) is null).ToList(),
            p.SuiteChangeRefusal()?.Message)).ToList();
    }
}
