using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24: one row of the provider's price list: a service plan's unit price for a billing period, from a date on.
/// Rows are never edited: a new price is a new row from a later date, so a past month keeps the price it had.
/// </summary>
public sealed class PlanPrice
{
    /// <summary>Above this a unit price is a typing mistake, not a price.</summary>
    public const decimal MaxUnitPrice = 1_000_000m;

    private PlanPrice()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProviderId { get; private set; }

    public Guid ServicePlanId { get; private set; }

    public BillingPeriod Period { get; private set; }

    public decimal UnitPrice { get; private set; }

    public DateOnly EffectiveFrom { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static PlanPrice Set(Guid providerId, Guid servicePlanId, BillingPeriod period, decimal unitPrice, DateOnly effectiveFrom, Currency currency, DateOnly today, DateTimeOffset now)
    {
        if (!Enum.IsDefined(period))
        {
            throw new DomainRuleViolation("R18", "Choose monthly or yearly.", nameof(Period));
        }

        if (effectiveFrom < today)
        {
            // A price change never rewrites a month already charged (R24): it starts today or later.
            throw new DomainRuleViolation("R24", $"A price takes effect today ({today:yyyy-MM-dd}) or later; {effectiveFrom:yyyy-MM-dd} has passed.", nameof(EffectiveFrom));
        }

        return new PlanPrice
        {
            Id = Ids.New(),
            ProviderId = providerId,
            ServicePlanId = servicePlanId,
            Period = period,
            UnitPrice = Prices.Check(unitPrice, currency, nameof(UnitPrice)),
            EffectiveFrom = Guard.Date(effectiveFrom, nameof(EffectiveFrom), "The effective date"),
            CreatedAt = now,
        };
    }

    /// <summary>The price of one unit for one calendar month (a yearly price's twelfth, unrounded: rounding is per line).</summary>
    public decimal MonthlyUnitPrice => Period == BillingPeriod.Yearly ? UnitPrice / 12m : UnitPrice;
}
