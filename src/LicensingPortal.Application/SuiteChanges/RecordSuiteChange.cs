using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.SuiteChanges;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.SuiteChanges;

/// <summary>
/// R5 (provider): records that a product suite's components changed. Every plan of the product, at the
/// provider and at each of its partners, locks until that owner approves on Service plan component updates.
/// </summary>
public sealed class RecordSuiteChange(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<SuiteChangeInput> validator)
{
    public async Task<Result<int>> HandleAsync(Guid productId, SuiteChangeInput input, CancellationToken cancellationToken = default)
    {
        var product = await db.Products.SingleOrDefaultAsync(p => p.Id == productId, cancellationToken);
        if (product is null)
        {
            return Result<int>.From(Result.NotFound());
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return Result<int>.From(invalid);
        }

        var effectiveOn = input.EffectiveOn!.Value;

        var owners = db.VisibleCompanyIds(user);
        var plans = await db.ServicePlans.Where(p => p.ProductId == product.Id && owners.Contains(p.OwnerId)).ToListAsync(cancellationToken);
        return await UseCase.RunAsync<int>(async () =>
        {
            var now = clock.GetUtcNow();
            var change = SuiteCompositionChange.Record(
                product, Split(input.ComponentsAdded), Split(input.ComponentsRemoved), input.Description, effectiveOn, plans, user.Actor, now);
            db.SuiteCompositionChanges.Add(change);
            db.AuditEntries.Add(AuditEntry.Record(
                "SuiteChangeRecorded", nameof(SuiteCompositionChange), change.Id.ToString(), user.CompanyId, user.Actor, now,
                change.ComponentsBefore, $"{change.ComponentsAfter} (effective {effectiveOn:yyyy-MM-dd}; {Counted.Of(plans.Count, "plan")} locked)"));
            await db.SaveChangesAsync(cancellationToken);
            return Result<int>.Ok(plans.Count);
        });
    }

    private static string[] Split(string? components) =>
        (components ?? string.Empty).Split([',', '\n'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
}
