using LicensingPortal.Application.Common;

namespace LicensingPortal.Application.Products;

/// <summary>One product, for the suite change form.</summary>
public sealed class GetProduct(IPortalDbContext db)
{
    public async Task<Result<ProductRow>> HandleAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var rows = await new ListProducts(db).HandleAsync(cancellationToken);
        var row = rows.SingleOrDefault(r => r.Id == id);
        return row is null ? Result<ProductRow>.From(Result.NotFound()) : Result<ProductRow>.Ok(row);
    }
}
