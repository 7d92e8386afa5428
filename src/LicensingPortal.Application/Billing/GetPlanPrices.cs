using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;

namespace LicensingPortal.Application.Billing;

/// <summary>
/// R24: one plan's prices, as on the price list, for the plan's page (its history, the forms, its charging policy). A plan the
/// caller cannot see is not found (R1); so is a trial or NFR plan, which is free and has no prices.
/// </summary>
public sealed class GetPlanPrices(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result<PlanPriceDetail>> HandleAsync(Guid planId, CancellationToken cancellationToken = default)
    {
        var provider = await db.PriceListOwnerAsync(user, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = await db.RowsAsync(user, provider, db.PricedPlans(user).Charged().Where(p => p.Id == planId), today, cancellationToken);
        return rows is [var plan]
            ? Result<PlanPriceDetail>.Ok(new PlanPriceDetail(user.CompanyType, provider.BillingCurrency, today, plan, await db.ChangeRefusalAsync(user, cancellationToken)))
            : Result<PlanPriceDetail>.From(Result.NotFound());
    }
}
