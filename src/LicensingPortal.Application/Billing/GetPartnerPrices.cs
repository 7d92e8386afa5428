using LicensingPortal.Application.Common;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

/// <summary>
/// R24, a partner's prices (the provider's page): the partner's own rows with their history, and what it pays for each plan it
/// sells (its own plans, or a reseller's assigned ones) today and from its next change. The partner is one of the provider's:
/// anyone else's, and any partner user's call, is not found (R1).
/// </summary>
public sealed class GetPartnerPrices(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result<PartnerPrices>> HandleAsync(Guid partnerId, CancellationToken cancellationToken = default)
    {
        var partner = await db.VisiblePartners(user).AsNoTracking().SingleOrDefaultAsync(c => c.Id == partnerId, cancellationToken);
        if (partner is null)
        {
            return Result<PartnerPrices>.From(Result.NotFound());
        }

        var provider = await db.PriceListOwnerAsync(user, cancellationToken);
        var currency = Currency.Of(provider.BillingCurrency);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var plans = await db.PlansUsableBy(partner).Charged().AsNoTracking()
            .OrderBy(p => p.Product.Name).ThenBy(p => p.Name)
            .Select(p => new { p.Id, p.Name, Product = p.Product.Name })
            .ToListAsync(cancellationToken);
        var planIds = plans.Select(p => p.Id).ToList();
        var own = await db.PartnerPrices.AsNoTracking().Where(p => p.PartnerId == partner.Id).ToListAsync(cancellationToken);
        var ownPlanIds = own.Select(p => p.ServicePlanId).OfType<Guid>().Distinct().ToList();
        var names = await db.ServicePlans.AsNoTracking().Where(p => ownPlanIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var list = await db.PlanPrices.AsNoTracking().Where(p => p.ProviderId == provider.Id && planIds.Contains(p.ServicePlanId)).ToListAsync(cancellationToken);
        var byPlan = list.ToLookup(p => p.ServicePlanId);
        var book = new PriceBook(list, own);

        return Result<PartnerPrices>.Ok(new PartnerPrices(
            partner.Id,
            partner.Name,
            partner.Type,
            currency.Code,
            today,
            Pricing.Overrides(own, names, currency, today),
            plans.Select(p => new PartnerPlanCost(
                    p.Id,
                    p.Name,
                    p.Product,
                    Pricing.Series(byPlan[p.Id], currency, today).InForce,
                    Pricing.Cost(book, p.Id, today, currency),
                    book.NextChange(p.Id, today) is { } next ? Pricing.Cost(book, p.Id, next, currency) : null))
                .ToList(),
            partner.Allows(PartnerArea.Profile) ? null : partner.StatusRefusal));
    }
}
