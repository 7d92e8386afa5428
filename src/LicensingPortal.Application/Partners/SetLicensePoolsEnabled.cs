using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Licenses;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Partners;

/// <summary>
/// Licenses tab › Disable Licenses / Enable Licenses (R12, MSP only): disabled pools take no new customers,
/// customers who have their licenses keep them; enabling lets the pool be assigned again.
/// </summary>
public sealed class SetLicensePoolsEnabled(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid partnerId, IReadOnlyCollection<Guid> poolIds, bool enable, CancellationToken cancellationToken = default)
    {
        var partner = await db.FindPartnerAsync(user, partnerId, cancellationToken);
        if (partner is null)
        {
            return Result.NotFound();
        }

        var verb = enable ? "enable" : "disable";
        if (poolIds.Count == 0)
        {
            return Result.Invalid(PartnerLookup.FieldError("PoolIds", $"Select the licenses to {verb}."));
        }

        return await UseCase.RunAsync(async () =>
        {
            var pools = await db.LicensePools.Where(p => p.PartnerId == partner.Id && poolIds.Contains(p.Id)).ToListAsync(cancellationToken);
            if (pools.Count != poolIds.Distinct().Count())
            {
                return Result.NotFound();
            }

            var now = clock.GetUtcNow();
            foreach (var pool in pools)
            {
                if (enable)
                {
                    pool.Enable(partner);
                }
                else
                {
                    pool.Disable(partner);
                }

                db.AuditEntries.Add(AuditEntry.Record(
                    enable ? "LicensesEnabled" : "LicensesDisabled", nameof(LicensePool), pool.Id.ToString(), partner.Id, user.Actor, now,
                    enable ? "Disabled" : "Enabled", enable ? $"Enabled ({pool.UnitsFree:N0} free units)" : $"Disabled ({pool.UnitsFree:N0} free units)"));
            }

            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok(enable
                ? $"{Counted.Of(pools.Count, "license pool")} of {partner.Name} enabled: they can be given to new customers again."
                : $"{Counted.Of(pools.Count, "license pool")} of {partner.Name} disabled: no new customers can be given them.");
        });
    }
}
