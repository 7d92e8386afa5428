using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.ServicePlans;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

/// <summary>
/// R24: the provider sets a plan's list price for a billing period from a day on, today or later (<see cref="PlanPrice.Set"/>):
/// a new row, so a month already charged keeps the price it had. For the provider's own plans and its partners' (an MSP's
/// customers are on the MSP's plans). List prices are the provider's: for a partner, and for another provider's plan, not
/// found (R1). Audited as "PlanPriceSet" with the price it replaces.
/// </summary>
public sealed class SetPlanPrice(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<PlanPriceInput> validator)
{
    public async Task<Result> HandleAsync(PlanPriceInput input, CancellationToken cancellationToken = default)
    {
        if (user.CompanyType != CompanyType.Provider)
        {
            return Result.NotFound();
        }

        var plan = input.PlanId is { } planId ? await db.PricedPlans(user).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken) : null;
        if (input.PlanId is not null && plan is null)
        {
            return Result.NotFound();
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        return await UseCase.RunAsync(async () =>
        {
            if (plan!.PricingRefusal() is { } refusal)
            {
                throw refusal;
            }

            var provider = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == user.CompanyId, cancellationToken);
            var currency = Currency.Of(provider.BillingCurrency);
            var now = clock.GetUtcNow();
            var price = PlanPrice.Set(provider.Id, plan.Id, input.Period!.Value, input.UnitPrice!.Value, input.EffectiveFrom!.Value, currency, DateOnly.FromDateTime(now.UtcDateTime), now);
            var before = await db.PlanPrices.AsNoTracking()
                .Where(p => p.ProviderId == provider.Id && p.ServicePlanId == plan.Id)
                .OrderByDescending(p => p.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken);
            db.PlanPrices.Add(price);
            db.AuditEntries.Add(AuditEntry.Record(
                "PlanPriceSet", nameof(ServicePlan), plan.Id.ToString(), provider.Id, user.Actor, now,
                before is null ? null : Pricing.Describe(before, currency), Pricing.Describe(price, currency)));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"{plan.Name}: the list price is {Pricing.Describe(price, currency)}.");
        });
    }
}
