using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Partners;

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

    private static CompanyStatusChange Moved(PartnerStatus status, int month, int day, int hour = 10) =>
        CompanyStatusChange.Of(Guid.NewGuid(), status, new DateTimeOffset(2026, month, day, hour, 0, 0, TimeSpan.Zero));

    private IReadOnlyList<ChargeLine> November(IReadOnlyList<LicenseState> states) =>
        Proration.Month(Guid.NewGuid(), new DateOnly(2026, 11, 1), states, new Dictionary<DateOnly, int>(), _ => ChargingPolicy.Provisioned, new PriceBook(_case.List), Currency.Usd);

    [Fact]
    public void A_partner_suspended_on_the_11th_and_reactivated_on_the_21st_is_charged_for_20_of_30_days_R11_R24()
    {
        var states = LicenseHistory.WithPartnerStatus(
            LicenseHistory.States([At(10, 3, TransactionType.NewPurchase, Plan, 15, new DateOnly(2027, 10, 2))]),
            [Moved(PartnerStatus.Suspended, 11, 11), Moved(PartnerStatus.Active, 11, 21)]);

        var lines = November(states);

        // 15 × 10.00 × 10/30 = 50.00 (1–10); 11–20 suspended: 0 chargeable, 0.00; 15 × 10.00 × 10/30 = 50.00 (21–30).
        Assert.Equal(
            [(1, 10, 15, false, 50.00m), (11, 20, 0, true, 0.00m), (21, 30, 15, false, 50.00m)],
            lines.Select(l => (l.From.Day, l.To.Day, l.Chargeable, l.PartnerSuspended, l.Amount)));
        Assert.Equal(100.00m, lines.Sum(l => l.Amount));
    }

    [Fact]
    public void A_partner_suspended_before_the_month_and_still_suspended_has_one_line_at_0_and_a_cancellation_ends_it_R11_R24()
    {
        var states = LicenseHistory.WithPartnerStatus(
            LicenseHistory.States([At(10, 3, TransactionType.NewPurchase, Plan, 15, new DateOnly(2027, 10, 2))]),
            [Moved(PartnerStatus.Suspended, 10, 20), Moved(PartnerStatus.Canceled, 11, 25)]);

        var lines = November(states);

        // Suspended the whole month until the cancel on the 25th; from then on nothing is chargeable, nothing is listed.
        Assert.Equal([(1, 24, 0, true, 0.00m)], lines.Select(l => (l.From.Day, l.To.Day, l.Chargeable, l.PartnerSuspended, l.Amount)));
    }

    [Fact]
    public void A_cancellation_stops_the_charge_from_its_day_even_though_the_license_runs_to_the_end_of_that_day_R11_R24()
    {
        // CancelPartner sets the license's last day to the cancel date; the partner's status ends the charge that day.
        var states = LicenseHistory.WithPartnerStatus(
            LicenseHistory.States([At(10, 3, TransactionType.NewPurchase, Plan, 15, new DateOnly(2027, 10, 2)), At(11, 25, TransactionType.Expiration, Plan, 15, new DateOnly(2026, 11, 25))]),
            [Moved(PartnerStatus.Canceled, 11, 25)]);

        // 15 × 10.00 × 24/30 = 120.00.
        Assert.Equal([(1, 24, 120.00m)], November(states).Select(l => (l.From.Day, l.To.Day, l.Amount)));
    }

    [Fact]
    public void A_suspension_undone_the_same_day_costs_no_day_and_no_moves_leave_the_states_as_they_are_R24()
    {
        var history = LicenseHistory.States([At(10, 3, TransactionType.NewPurchase, Plan, 15, new DateOnly(2027, 10, 2))]);

        var sameDay = LicenseHistory.WithPartnerStatus(history, [Moved(PartnerStatus.Suspended, 11, 11, hour: 9), Moved(PartnerStatus.Active, 11, 11, hour: 15)]);

        Assert.Equal([150.00m], November(sameDay).Select(l => l.Amount));
        Assert.Same(history, LicenseHistory.WithPartnerStatus(history, []));
    }
}
