using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.ServicePlans;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Partners;

/// <summary>Service Plans tab › Remove Service Plan (R14): the reseller's customers who have the plan keep it.</summary>
public sealed class RemovePlanFromReseller(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid partnerId, Guid servicePlanId, CancellationToken cancellationToken = default)
    {
        var partner = await db.FindPartnerAsync(user, partnerId, cancellationToken);
        if (partner is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            ResellerPlanAssignment.EnsureRemovable(partner);
            var assignment = await db.ResellerPlanAssignments.SingleOrDefaultAsync(a => a.ResellerId == partner.Id && a.ServicePlanId == servicePlanId, cancellationToken);
            if (assignment is null)
            {
                return Result.NotFound();
            }

            var planName = await db.ServicePlans.Where(p => p.Id == servicePlanId).Select(p => p.Name).SingleAsync(cancellationToken);
            db.ResellerPlanAssignments.Remove(assignment);
            db.AuditEntries.Add(AuditEntry.Record(
                "ServicePlanRemoved", nameof(ServicePlan), servicePlanId.ToString(), partner.Id, user.Actor, clock.GetUtcNow(), planName, null));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"{planName} was removed from {partner.Name}; customers who have it keep it.");
        });
    }
}
