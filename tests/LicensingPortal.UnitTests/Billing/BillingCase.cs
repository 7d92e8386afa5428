using LicensingPortal.Domain.Billing;

namespace LicensingPortal.UnitTests.Billing;

/// <summary>Two plans with list prices set long ago (10.00 and 15.00 USD a unit a month), and a license to charge.</summary>
internal sealed class BillingCase
{
    public static readonly DateOnly LongAgo = new(2026, 1, 1);
    public static readonly DateTimeOffset Now = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    public Guid Provider { get; } = Guid.NewGuid();

    public Guid Partner { get; } = Guid.NewGuid();

    public Guid PlanA { get; } = Guid.NewGuid();

    public Guid PlanB { get; } = Guid.NewGuid();

    public Guid License { get; } = Guid.NewGuid();

    public List<PlanPrice> List { get; } = [];

    public List<PartnerPrice> Own { get; } = [];

    public Dictionary<Guid, ChargingPolicy> Policies { get; } = [];

    public Dictionary<DateOnly, int> Used { get; } = [];

    public BillingCase()
    {
        Price(PlanA, 10.00m, LongAgo);
        Price(PlanB, 15.00m, LongAgo);
    }

    public void Price(Guid plan, decimal unitPrice, DateOnly from, BillingPeriod period = BillingPeriod.Monthly) =>
        List.Add(PlanPrice.Set(Provider, plan, period, unitPrice, from, Currency.Usd, LongAgo, Now));

    public IReadOnlyList<ChargeLine> Month(DateOnly month, params LicenseState[] states) =>
        Proration.Month(License, month, states, Used, plan => Policies.GetValueOrDefault(plan, ChargingPolicy.Provisioned), new PriceBook(List, Own), Currency.Usd);

    public static LicenseState On(int year, int month, int day, Guid plan, int units, bool chargeable = true) => new(new DateOnly(year, month, day), plan, units, chargeable);
}
