using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Licenses;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Partners;

/// <summary>Either <see cref="PoolId"/> (add units to that pool) or product, level and type (a new pool, or more units in the matching one).</summary>
public sealed record AssignLicensesCommand(
    Guid PartnerId,
    Guid? PoolId,
    int? PoolVersion,
    Guid? ServiceLevelId,
    LicenseType LicenseType,
    int Units,
    DateOnly? StartsOn,
    DateOnly? EndsOn);

/// <summary>Licenses tab › Assign Licenses (R12), refused for a suspended or canceled partner (R11).</summary>
public sealed class AssignLicenses(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<AssignLicensesInput> validator)
{
    public async Task<Result> HandleAsync(Guid partnerId, AssignLicensesInput input, CancellationToken cancellationToken = default)
    {
        var partner = await db.FindPartnerAsync(user, partnerId, cancellationToken);
        if (partner is null)
        {
            return Result.NotFound();
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var units = input.Units!.Value;

        return await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            LicensePool? pool;
            string before;
            if (input.PoolId is { } poolId)
            {
                pool = await db.LicensePools.SingleOrDefaultAsync(p => p.Id == poolId && p.PartnerId == partner.Id, cancellationToken);
                if (pool is null)
                {
                    return Result.NotFound();
                }

                if (input.PoolVersion is { } version)
                {
                    db.ExpectVersion(pool, version);
                }

                before = $"{pool.UnitsTotal:N0} units";
                pool.AddUnits(partner, units);
            }
            else
            {
                var level = await db.ServiceLevels.AsNoTracking().SingleOrDefaultAsync(l => l.Id == input.ServiceLevelId, cancellationToken);
                var product = level is null ? null : await db.Products.AsNoTracking().SingleAsync(p => p.Id == level.ProductId, cancellationToken);
                if (level is null || product is null)
                {
                    return Result.Invalid(PartnerLookup.FieldError("ServiceLevelId", "Choose a product and service level."));
                }

                pool = await db.LicensePools.SingleOrDefaultAsync(
                    p => p.PartnerId == partner.Id && p.ServiceLevelId == level.Id && p.LicenseType == input.LicenseType, cancellationToken);
                if (pool is not null)
                {
                    before = $"{pool.UnitsTotal:N0} units";
                    pool.AddUnits(partner, product, units);
                }
                else
                {
                    var today = DateOnly.FromDateTime(now.UtcDateTime);
                    before = "no pool";
                    pool = LicensePool.Assign(partner, product, level.Id, input.LicenseType, units, input.StartsOn ?? today, input.EndsOn ?? today.AddYears(1));
                    db.LicensePools.Add(pool);
                }
            }

            db.AuditEntries.Add(AuditEntry.Record(
                "LicensesAssigned", nameof(LicensePool), pool.Id.ToString(), partner.Id, user.Actor, now, before, $"{pool.UnitsTotal:N0} units (+{units:N0})"));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"{units:N0} units assigned to {partner.Name}.");
        });
    }
}
