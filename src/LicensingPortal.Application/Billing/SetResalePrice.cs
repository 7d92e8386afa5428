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
/// R24: an MSP sets its resale price of one of its own plans, the price its customers pay, from a day on (today or later). Stored
/// as a <see cref="PlanPrice"/> row whose seller is the MSP, append-only like the provider's list, in the provider's currency so
/// the margin over the MSP's cost is in one currency (docs/billing.md › Resale prices). Only MSPs resell: for anyone else, and
/// for a plan that is not the MSP's, not found (R1). A suspended MSP's plans are read-only (R11). Audited as "ResalePriceSet".
/// </summary>
public sealed class SetResalePrice(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<PlanPriceInput> validator)
{
    public async Task<Result> HandleAsync(PlanPriceInput input, CancellationToken cancellationToken = default)
    {
        if (user.CompanyType != CompanyType.Msp)
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
            var msp = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == user.CompanyId, cancellationToken);
            msp.EnsureAllows(PartnerArea.ServicePlans);
            if (plan!.PricingRefusal() is { } refusal)
            {
                throw refusal;
            }

            var currency = Currency.Of((await db.PriceListOwnerAsync(user, cancellationToken)).BillingCurrency);
            var now = clock.GetUtcNow();
            var price = PlanPrice.Set(msp.Id, plan.Id, input.Period!.Value, input.UnitPrice!.Value, input.EffectiveFrom!.Value, currency, DateOnly.FromDateTime(now.UtcDateTime), now);
            var before = await db.PlanPrices.AsNoTracking()
                .Where(p => p.ProviderId == msp.Id && p.ServicePlanId == plan.Id)
                .OrderByDescending(p => p.CreatedAt)
                .FirstOrDefaultAsync(cancellationToken);
            db.PlanPrices.Add(price);
            db.AuditEntries.Add(AuditEntry.Record(
                "ResalePriceSet", nameof(ServicePlan), plan.Id.ToString(), msp.Id, user.Actor, now,
                before is null ? null : Pricing.Describe(before, currency), Pricing.Describe(price, currency)));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"{plan.Name}: your customers' price is {Pricing.Describe(price, currency)}.");
        });
    }
}
