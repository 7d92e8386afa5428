using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;

namespace LicensingPortal.UnitTests.Billing;

/// <summary>R24: the states a statement charges come from the transaction history (R9), the same every time.</summary>
public sealed class LicenseHistoryTests
{
    private readonly BillingCase _case = new();

    private Guid Plan => _case.PlanA;

    private Guid Other => _case.PlanB;

    private static LicenseTransaction At(int month, int day, TransactionType type, Guid plan, int units, DateOnly expiresOn, int hour = 9) =>
        LicenseTransaction.Record(type, Guid.NewGuid(), Guid.NewGuid(), "Maple Street Pharmacy", Guid.NewGuid(), "Plan", new Actor(null, "test"),
            new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.Zero), null, null, state: (plan, units, expiresOn));

    [Fact]
    public void A_purchase_a_unit_change_a_renewal_and_an_expiry_become_chargeable_stretches_R24()
    {
        var history = new[]
        {
            At(10, 3, TransactionType.NewPurchase, Plan, 10, new DateOnly(2026, 11, 10)),
            At(11, 5, TransactionType.LicenseChange, Plan, 12, new DateOnly(2026, 11, 10)),
            At(11, 11, TransactionType.AutoRenewal, Plan, 12, new DateOnly(2026, 11, 20), hour: 0),
        };

        var states = LicenseHistory.States(history);

        Assert.Equal(
            [
                new LicenseState(new DateOnly(2026, 10, 3), Plan, 10, true),
                new LicenseState(new DateOnly(2026, 11, 5), Plan, 12, true),
                new LicenseState(new DateOnly(2026, 11, 11), Plan, 12, true),  // renewed the day after its last day: no gap
                new LicenseState(new DateOnly(2026, 11, 21), Plan, 12, false), // not renewed again: nothing after the 20th
            ],
            states);

        // November: 10 units 1–4 (4 days) 13.33; 12 units 5–20 (16 days) 64.00.
        var lines = Proration.Month(Guid.NewGuid(), new DateOnly(2026, 11, 1), states, new Dictionary<DateOnly, int>(), _ => ChargingPolicy.Provisioned, new PriceBook(_case.List), Currency.Usd);
        Assert.Equal([13.33m, 64.00m], lines.Select(l => l.Amount));
    }

    [Fact]
    public void A_later_longer_expiry_keeps_the_license_chargeable_and_a_plan_change_changes_the_plan_R24()
    {
        var history = new[]
        {
            At(11, 1, TransactionType.NewPurchase, Plan, 5, new DateOnly(2026, 11, 15)),
            At(11, 10, TransactionType.LicenseChange, Other, 5, new DateOnly(2027, 11, 9)),
        };

        var states = LicenseHistory.States(history);

        Assert.Equal([new LicenseState(new DateOnly(2026, 11, 1), Plan, 5, true), new LicenseState(new DateOnly(2026, 11, 10), Other, 5, true), new LicenseState(new DateOnly(2027, 11, 10), Other, 5, false)], states);
    }

    [Fact]
    public void Transactions_recorded_before_version_2_carry_no_state_and_are_skipped_R24()
    {
        var old = LicenseTransaction.Record(TransactionType.NewPurchase, Guid.NewGuid(), Guid.NewGuid(), "x", Guid.NewGuid(), "Plan", new Actor(null, "test"), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), null, null);

        Assert.Empty(LicenseHistory.States([old]));
    }
}
