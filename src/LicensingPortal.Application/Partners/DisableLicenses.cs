using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Licensing;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Partners;

/// <summary>Licenses tab › Disable Licenses (R12, MSP only): the selected pools take no new customers; existing ones keep theirs.</summary>
public sealed class DisableLicenses(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid partnerId, IReadOnlyCollection<Guid> poolIds, CancellationToken cancellationToken = default)
    {
        var partner = await db.FindPartnerAsync(user, partnerId, cancellationToken);
        if (partner is null)
        {
            return Result.NotFound();
        }

        if (poolIds.Count == 0)
        {
            return Result.Invalid(PartnerLookup.FieldError("PoolIds", "Select the licenses to disable."));
        }

        return await PartnerLookup.Attempt(async () =>
        {
            var pools = await db.LicensePools.Where(p => p.PartnerId == partner.Id && poolIds.Contains(p.Id)).ToListAsync(cancellationToken);
            if (pools.Count != poolIds.Distinct().Count())
            {
                return Result.NotFound();
            }

            var now = clock.GetUtcNow();
            foreach (var pool in pools)
            {
                pool.Disable(partner);
                db.AuditEntries.Add(AuditEntry.Record(
                    "LicensesDisabled", nameof(LicensePool), pool.Id.ToString(), partner.Id, user.Actor, now, "Enabled", $"Disabled ({pool.UnitsFree:N0} free units)"));
            }

            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"{Counted.Of(pools.Count, "license pool")} of {partner.Name} disabled: no new customers can be given them.");
        });
    }
}
