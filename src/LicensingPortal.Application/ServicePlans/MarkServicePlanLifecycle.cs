using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.ServicePlans;

/// <summary>
/// R4: the owner retires one of its plans. End of Sale: no new customers, resellers or upgrades;
/// End of Life: every license on it becomes view-only. Forward only; recorded.
/// </summary>
public sealed class MarkServicePlanLifecycle(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid id, Lifecycle target, CancellationToken cancellationToken = default)
    {
        var owner = await db.Companies.SingleAsync(c => c.Id == user.CompanyId, cancellationToken);
        var plan = await db.ServicePlans.Include(p => p.Product).SingleOrDefaultAsync(p => p.Id == id && p.OwnerId == owner.Id, cancellationToken);
        if (plan is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            var before = plan.Lifecycle;
            plan.MoveLifecycleTo(owner, target);

            db.AuditEntries.Add(AuditEntry.Record(
                $"ServicePlan{target}", nameof(ServicePlan), plan.Id.ToString(), owner.Id, user.Actor, clock.GetUtcNow(), before.Display(), plan.Lifecycle.Display()));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"{plan.Name} is now {plan.Lifecycle.Display()}.");
        });
    }
}
