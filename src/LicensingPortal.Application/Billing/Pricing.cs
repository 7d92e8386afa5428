using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.ServicePlans;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.ServicePlans;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

/// <summary>
/// R24: what the price pages and their use cases share: which plans the caller's company prices or buys (R1), whose price
/// list and currency apply, and the dated rows as the pages show them. A seller's prices are <see cref="PlanPrice"/> rows with
/// <see cref="PlanPrice.ProviderId"/> = the seller: the provider's list, and an MSP's resale prices to its customers
/// (docs/billing.md › Resale prices).
/// </summary>
internal static class Pricing
{
    /// <summary>
    /// The plans the caller may see on the price pages, every license type: for a provider, its own plans and its partners'
    /// (an MSP's customers are on the MSP's plans, which the provider prices); for an MSP, its own; for a reseller, those its
    /// provider assigned to it (R14). Anything else is not found (R1).
    /// </summary>
    public static IQueryable<ServicePlan> PricedPlans(this IPortalDbContext db, ICurrentUser user)
    {
        if (user.CompanyType != CompanyType.Provider)
        {
            return ListServicePlans.PlansOf(db, user);
        }

        var companies = db.VisibleCompanyIds(user);
        return db.ServicePlans.Where(p => companies.Contains(p.OwnerId));
    }

    /// <summary>Only plans that are charged: trial and NFR licenses are free (<see cref="ServicePlan.PricingRefusal"/>).</summary>
    public static IQueryable<ServicePlan> Charged(this IQueryable<ServicePlan> plans) => plans.Where(p => p.LicenseType == LicenseType.Full);

    /// <summary>The company whose price list applies to the caller: its own (a provider) or its provider's.</summary>
    public static async Task<Company> PriceListOwnerAsync(this IPortalDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var providerId = await db.Companies.Where(c => c.Id == user.CompanyId).Select(c => c.ProviderId ?? c.Id).SingleAsync(cancellationToken);
        return await db.Companies.AsNoTracking().SingleAsync(c => c.Id == providerId, cancellationToken);
    }

    /// <summary>Why the caller's company cannot change its prices or its plans' charging policy now (a suspended MSP, R11), or null.</summary>
    public static async Task<string?> ChangeRefusalAsync(this IPortalDbContext db, ICurrentUser user, CancellationToken cancellationToken)
    {
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == user.CompanyId, cancellationToken);
        return company.Allows(PartnerArea.ServicePlans) ? null : company.StatusRefusal;
    }

    /// <summary>The price list's rows of <paramref name="plans"/> as <paramref name="user"/>'s company sees them on <paramref name="today"/>.</summary>
    public static async Task<List<PlanPricing>> RowsAsync(
        this IPortalDbContext db, ICurrentUser user, Company provider, IQueryable<ServicePlan> plans, DateOnly today, CancellationToken cancellationToken)
    {
        var facts = await plans.AsNoTracking()
            .Select(p => new
            {
                p.Id,
                p.Name,
                Product = p.Product.Name,
                p.OwnerId,
                Owner = db.Companies.Where(c => c.Id == p.OwnerId).Select(c => c.Name).Single(),
                p.ChargingPolicy,
                p.Version,
            })
            .ToListAsync(cancellationToken);
        var planIds = facts.Select(p => p.Id).ToList();
        var currency = Currency.Of(provider.BillingCurrency);
        var list = (await db.PlanPrices.AsNoTracking().Where(p => p.ProviderId == provider.Id && planIds.Contains(p.ServicePlanId)).ToListAsync(cancellationToken))
            .ToLookup(p => p.ServicePlanId);

        // A partner sees what it pays (its own rows over the list) and, an MSP, its resale prices: never another partner's (R1).
        var isPartner = user.CompanyType != CompanyType.Provider;
        var own = isPartner ? await db.PartnerPrices.AsNoTracking().Where(p => p.PartnerId == user.CompanyId).ToListAsync(cancellationToken) : [];
        var resale = user.CompanyType == CompanyType.Msp
            ? (await db.PlanPrices.AsNoTracking().Where(p => p.ProviderId == user.CompanyId && planIds.Contains(p.ServicePlanId)).ToListAsync(cancellationToken)).ToLookup(p => p.ServicePlanId)
            : null;
        var book = new PriceBook(list.SelectMany(rows => rows), own);

        return facts
            .OrderBy(p => p.OwnerId != provider.Id).ThenBy(p => p.Owner, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.Product, StringComparer.OrdinalIgnoreCase).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase)
            .Select(p =>
            {
                var resaleSeries = resale is null ? null : Series(resale[p.Id], currency, today);
                var margin = resaleSeries?.InForce is not null && book.MonthlyUnitPrice(p.Id, today) is { } cost
                    ? currency.Round(MonthlyOf(resaleSeries.InForce) - cost)
                    : (decimal?)null;
                return new PlanPricing(
                    p.Id,
                    p.Name,
                    p.Product,
                    p.OwnerId,
                    p.Owner,
                    p.ChargingPolicy,
                    p.Version,
                    p.OwnerId == user.CompanyId,
                    !isPartner,
                    Series(list[p.Id], currency, today),
                    isPartner ? Cost(book, p.Id, today, currency) : null,
                    isPartner && book.NextChange(p.Id, today) is { } next ? Cost(book, p.Id, next, currency) : null,
                    resaleSeries,
                    margin,
                    margin is { } m ? currency.Format(m) : null);
            })
            .ToList();
    }

    /// <summary>A seller's rows of one plan: on each day the row saved last wins, so a row replaced on its own day never took effect.</summary>
    public static PriceSeries Series(IEnumerable<PlanPrice> rows, Currency currency, DateOnly today)
    {
        var newest = rows.OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.CreatedAt).ToList();
        var winners = newest.GroupBy(p => p.EffectiveFrom).Select(g => g.First()).ToList();
        var inForce = winners.FirstOrDefault(p => p.EffectiveFrom <= today);
        var next = winners.LastOrDefault(p => p.EffectiveFrom > today);
        var history = newest.Select(p => new PriceEntry(
                p.Period, p.UnitPrice, currency.Format(p.UnitPrice), p.EffectiveFrom, StateOf(p.EffectiveFrom, today, p == inForce, winners.Contains(p)), p.CreatedAt))
            .ToList();
        return new PriceSeries(
            inForce is null ? null : history[newest.IndexOf(inForce)],
            next is null ? null : history[newest.IndexOf(next)],
            history);
    }

    /// <summary>A partner's own rows, newest first, each with its state within its scope (one plan, or every plan).</summary>
    public static IReadOnlyList<PartnerPriceEntry> Overrides(IEnumerable<PartnerPrice> rows, IReadOnlyDictionary<Guid, string> planNames, Currency currency, DateOnly today)
    {
        var newest = rows.OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.CreatedAt).ToList();
        var winners = newest.GroupBy(p => (p.ServicePlanId, p.EffectiveFrom)).Select(g => g.First()).ToHashSet();
        var inForce = winners.GroupBy(p => p.ServicePlanId).Select(g => g.FirstOrDefault(p => p.EffectiveFrom <= today)).OfType<PartnerPrice>().ToHashSet();
        return newest.Select(p => new PartnerPriceEntry(
                p.Id,
                p.ServicePlanId,
                p.ServicePlanId is { } planId ? planNames.GetValueOrDefault(planId, "(a plan it no longer has)") : "Every plan",
                p.DiscountPercent,
                p.UnitPrice,
                p.UnitPrice is { } own ? currency.Format(own) : $"{Percent(p.DiscountPercent)} off the list price",
                p.EffectiveFrom,
                StateOf(p.EffectiveFrom, today, inForce.Contains(p), winners.Contains(p)),
                p.CreatedAt))
            .ToList();
    }

    /// <summary>What the buyer of <paramref name="book"/> pays for a unit of the plan on <paramref name="day"/>, or null without a list price.</summary>
    public static PartnerCost? Cost(PriceBook book, Guid planId, DateOnly day, Currency currency)
    {
        if (book.InForce(planId, day) is not { } rows)
        {
            return null;
        }

        var basis = rows.Own switch
        {
            null => "List price",
            { UnitPrice: not null } => "Own price",
            { ServicePlanId: null } own => $"{Percent(own.DiscountPercent)} off the list price (every plan)",
            var own => $"{Percent(own.DiscountPercent)} off the list price",
        };
        var from = rows.Own is { } o && o.EffectiveFrom > rows.List.EffectiveFrom ? o.EffectiveFrom : rows.List.EffectiveFrom;
        return new PartnerCost(rows.List.Period, rows.PeriodUnitPrice, currency.Format(rows.PeriodUnitPrice), basis, from);
    }

    /// <summary>A price row as the audit log reads it: "10.00 USD a month from 2026-12-01".</summary>
    public static string Describe(PlanPrice price, Currency currency) =>
        $"{currency.Format(price.UnitPrice)} {PerPeriod(price.Period)} from {price.EffectiveFrom:yyyy-MM-dd}";

    /// <summary>"12.5%": a discount as people read it, whatever the server's culture.</summary>
    public static string Percent(decimal? percent) => $"{percent?.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}%";

    public static string PerPeriod(BillingPeriod period) => period == BillingPeriod.Yearly ? "a year" : "a month";

    private static decimal MonthlyOf(PriceEntry entry) => entry.Period == BillingPeriod.Yearly ? entry.UnitPrice / 12m : entry.UnitPrice;

    private static PriceState StateOf(DateOnly effectiveFrom, DateOnly today, bool inForce, bool winner) =>
        effectiveFrom > today && winner ? PriceState.Scheduled
        : inForce ? PriceState.InForce
        : PriceState.Replaced;
}
