using LicensingPortal.Application.Common;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.ServicePlans;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Partners;

/// <summary>Service Plans tab › Assign Service Plan (R14): the provider's own plans, not End of Sale/Life, not locked.</summary>
public sealed class AssignPlanToReseller(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid partnerId, Guid? servicePlanId, CancellationToken cancellationToken = default)
    {
        var partner = await db.FindPartnerAsync(user, partnerId, cancellationToken);
        if (partner is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            var provider = await db.Companies.SingleAsync(c => c.Id == user.CompanyId, cancellationToken);
            var plan = await db.ServicePlans.Include(p => p.Product).SingleOrDefaultAsync(p => p.Id == servicePlanId && p.OwnerId == provider.Id, cancellationToken);
            if (plan is null)
            {
                // Checked before the plan so an MSP is refused with R14 whatever plan id is posted.
                ResellerPlanAssignment.EnsureRemovable(partner);
                return Result.Invalid(PartnerLookup.FieldError("ServicePlanId", "Choose one of your service plans."));
            }

            var now = clock.GetUtcNow();
            var assigned = await db.ResellerPlanAssignments.AsNoTracking().Where(a => a.ResellerId == partner.Id).ToListAsync(cancellationToken);
            var assignment = ResellerPlanAssignment.Assign(provider, partner, plan, assigned, now);
            db.ResellerPlanAssignments.Add(assignment);
            db.AuditEntries.Add(AuditEntry.Record(
                "ServicePlanAssigned", nameof(ServicePlan), plan.Id.ToString(), partner.Id, user.Actor, now, null, plan.Name));
            await db.SaveChangesAsync(cancellationToken);

            // R12 before the click: a plan the reseller has no licenses for cannot reach its customers yet; say so now.
            var pools = await db.PoolsOfAsync(partner, cancellationToken, tracked: false);
            return LicensePool.Availability(pools(plan), partner).Refusal is { } refusal
                ? Result.Ok($"{plan.Name} is now available to {partner.Name}, but {refusal}: its customers cannot be given this plan until you assign licenses of {plan.Product.Name} on the Licenses tab.")
                : Result.Ok($"{plan.Name} is now available to {partner.Name}.");
        });
    }
}
