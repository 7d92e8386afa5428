using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.ServicePlans;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.SuiteChanges;

/// <summary>
/// R5: the owner approves a suite composition change. Only its own plans unlock; the approval is
/// recorded per plan and as a "suite change" transaction on every license of those plans.
/// A change that never locked one of the owner's plans, and that it never approved, is not found (R1).
/// </summary>
public sealed class ApproveSuiteChange(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid changeId, CancellationToken cancellationToken = default)
    {
        var ownerId = user.CompanyId;
        var change = await db.SuiteCompositionChanges
            .Include(c => c.Approvals)
            .Where(c => c.Id == changeId
                        && (c.Approvals.Any(a => a.OwnerId == ownerId)
                            || db.ServicePlans.Any(p => p.OwnerId == ownerId && p.LockedBySuiteChangeId == c.Id)))
            .SingleOrDefaultAsync(cancellationToken);
        if (change is null)
        {
            return Result.NotFound();
        }

        var owner = await db.Companies.SingleAsync(c => c.Id == ownerId, cancellationToken);
        var plans = await db.ServicePlans.Include(p => p.Product)
            .Where(p => p.OwnerId == ownerId && p.LockedBySuiteChangeId == change.Id)
            .ToListAsync(cancellationToken);
        var planIds = plans.Select(p => p.Id).ToList();
        var licenses = await db.CustomerLicenses
            .Include(l => l.Customer).ThenInclude(c => c.Owner)
            .Where(l => planIds.Contains(l.ServicePlanId))
            .ToListAsync(cancellationToken);

        try
        {
            // A refusal or a lost race through the one runner; the unique index below is this use case's own.
            return await UseCase.RunAsync(async () =>
            {
                var now = clock.GetUtcNow();
                var approval = change.Approve(owner, plans, user.Actor, now);
                db.SuiteChangeApprovals.Add(approval);
                foreach (var plan in plans)
                {
                    db.AuditEntries.Add(AuditEntry.Record(
                        "SuiteChangeApproved", nameof(ServicePlan), plan.Id.ToString(), ownerId, user.Actor, now, "Locked", $"Unlocked: {change.ComponentsBefore} → {change.ComponentsAfter}"));
                }

                foreach (var license in licenses)
                {
                    db.LicenseTransactions.Add(license.RecordSuiteChange(change.ComponentsBefore, change.ComponentsAfter, user.Actor, now));
                }

                await db.SaveChangesAsync(cancellationToken);
                return Result.Ok($"Approved: {Counted.Of(plans.Count, "plan")} unlocked, {Counted.Of(licenses.Count, "license")} recorded as a suite change.");
            });
        }
        catch (DbUpdateException)
        {
            // Two administrators approved at once: the unique index (change, owner) let only one through.
            if (await db.SuiteChangeApprovals.AsNoTracking().AnyAsync(a => a.SuiteChangeId == changeId && a.OwnerId == ownerId, CancellationToken.None))
            {
                return Result.Refused(new DomainRuleViolation("R5", $"{owner.Name} already approved this suite composition change."));
            }

            throw;
        }
    }
}
