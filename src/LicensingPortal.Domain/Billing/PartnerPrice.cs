using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24: what one partner pays instead of the list price, from a date on: a discount off the list price, or its own
/// unit price (for the list price's billing period). For one plan, or for every plan when <see cref="ServicePlanId"/>
/// is null; a plan's own row wins over an every-plan row. Append-only, like <see cref="PlanPrice"/>.
/// </summary>
public sealed class PartnerPrice
{
    private PartnerPrice()
    {
    }

    public Guid Id { get; private set; }

    public Guid PartnerId { get; private set; }

    public Guid? ServicePlanId { get; private set; }

    public decimal? DiscountPercent { get; private set; }

    public decimal? UnitPrice { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static PartnerPrice Discount(Guid partnerId, Guid? servicePlanId, decimal percent, DateOnly effectiveFrom, DateOnly today, DateTimeOffset now)
    {
        if (percent is <= 0 or > 100 || decimal.Round(percent, 2) != percent)
        {
            throw new DomainRuleViolation("R18", "A discount is more than 0% and at most 100%, with at most two decimals.", nameof(DiscountPercent));
        }

        return New(partnerId, servicePlanId, percent, null, effectiveFrom, today, now);
    }

    public static PartnerPrice Fixed(Guid partnerId, Guid servicePlanId, decimal unitPrice, Currency currency, DateOnly effectiveFrom, DateOnly today, DateTimeOffset now) =>
        New(partnerId, servicePlanId, null, Prices.Check(unitPrice, currency, nameof(UnitPrice)), effectiveFrom, today, now);

    /// <summary>The partner's monthly cost of one unit, given the list row in force.</summary>
    public decimal MonthlyUnitPrice(PlanPrice list) => UnitPrice is { } own
        ? (list.Period == BillingPeriod.Yearly ? own / 12m : own)
        : list.MonthlyUnitPrice * (100m - DiscountPercent!.Value) / 100m;

    /// <summary>The partner's price of one unit for the list row's billing period (a month or a year), unrounded.</summary>
    public decimal PeriodUnitPrice(PlanPrice list) => UnitPrice ?? list.UnitPrice * (100m - DiscountPercent!.Value) / 100m;

    private static PartnerPrice New(Guid partnerId, Guid? servicePlanId, decimal? percent, decimal? unitPrice, DateOnly effectiveFrom, DateOnly today, DateTimeOffset now)
    {
        if (effectiveFrom < today)
        {
            throw new DomainRuleViolation("R24", $"A partner price takes effect today ({today:yyyy-MM-dd}) or later; {effectiveFrom:yyyy-MM-dd} has passed.", nameof(EffectiveFrom));
        }

        return new PartnerPrice
        {
            Id = Ids.New(),
            PartnerId = partnerId,
            ServicePlanId = servicePlanId,
            DiscountPercent = percent,
            UnitPrice = unitPrice,
            EffectiveFrom = Guard.Date(effectiveFrom, nameof(EffectiveFrom), "The effective date"),
            CreatedAt = now,
        };
    }
}
