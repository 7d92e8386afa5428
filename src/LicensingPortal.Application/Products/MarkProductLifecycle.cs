using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Products;

/// <summary>
/// R4 (provider): End of Sale — the product's plans can no longer be assigned or chosen as upgrades;
/// End of Life — every license on it becomes view-only. Forward only; recorded.
/// </summary>
public sealed class MarkProductLifecycle(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid id, Lifecycle target, CancellationToken cancellationToken = default)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var before = product.Lifecycle;
            product.MoveLifecycleTo(target, now);

            db.AuditEntries.Add(AuditEntry.Record(
                $"Product{target}", nameof(Product), product.Id.ToString(), user.CompanyId, user.Actor, now, before.Display(), product.Lifecycle.Display()));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"{product.Name} is now {product.Lifecycle.Display()}.");
        });
    }
}
