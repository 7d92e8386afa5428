using LicensingPortal.Domain.Billing;

namespace LicensingPortal.UnitTests.Billing;

/// <summary>R24: hand-worked amounts. Each line is chargeable units × monthly unit price × days ÷ days in the month, rounded to the cent, half away from zero.</summary>
public sealed class ProrationTests
{
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly DateOnly December = new(2026, 12, 1);
    private readonly BillingCase _case = new();

    private static (DateOnly From, DateOnly To, int Days, int Units, decimal Amount)[] Summary(IEnumerable<ChargeLine> lines) =>
        lines.Select(l => (l.From, l.To, l.Days, l.Chargeable, l.Amount)).ToArray();

    [Fact]
    public void A_whole_month_at_the_list_price_R24()
    {
        var lines = _case.Month(November, BillingCase.On(2026, 10, 5, _case.PlanA, 10));

        // 10 units × 10.00 × 30/30.
        Assert.Equal([(November, new DateOnly(2026, 11, 30), 30, 10, 100.00m)], Summary(lines));
    }

    [Fact]
    public void A_mid_month_unit_increase_is_charged_for_the_days_of_each_count_R24()
    {
        var lines = _case.Month(November, BillingCase.On(2026, 10, 5, _case.PlanA, 10), BillingCase.On(2026, 11, 16, _case.PlanA, 15));

        // 10 × 10.00 × 15/30 = 50.00; 15 × 10.00 × 15/30 = 75.00.
        Assert.Equal(
            [(November, new DateOnly(2026, 11, 15), 15, 10, 50.00m), (new DateOnly(2026, 11, 16), new DateOnly(2026, 11, 30), 15, 15, 75.00m)],
            Summary(lines));
        Assert.Equal(125.00m, lines.Sum(l => l.Amount));
    }

    [Fact]
    public void A_plan_change_on_the_11th_of_a_31_day_month_is_charged_at_each_plans_price_R24()
    {
        var lines = _case.Month(December, BillingCase.On(2026, 6, 1, _case.PlanA, 10), BillingCase.On(2026, 12, 11, _case.PlanB, 10));

        // 10 × 10.00 × 10/31 = 32.2580… → 32.26; 10 × 15.00 × 21/31 = 101.6129… → 101.61.
        Assert.Equal(
            [(December, new DateOnly(2026, 12, 10), 10, 10, 32.26m), (new DateOnly(2026, 12, 11), new DateOnly(2026, 12, 31), 21, 10, 101.61m)],
            Summary(lines));
        Assert.Equal([_case.PlanA, _case.PlanB], lines.Select(l => l.PlanId));
    }

    [Fact]
    public void A_license_that_starts_mid_month_costs_nothing_before_it_starts_R24()
    {
        var lines = _case.Month(November, BillingCase.On(2026, 11, 21, _case.PlanA, 3));

        // 3 × 10.00 × 10/30 = 10.00.
        Assert.Equal([(new DateOnly(2026, 11, 21), new DateOnly(2026, 11, 30), 10, 3, 10.00m)], Summary(lines));
    }

    [Fact]
    public void A_renewal_with_more_units_continues_without_a_gap_R24()
    {
        var lines = _case.Month(November, BillingCase.On(2025, 11, 20, _case.PlanA, 10), BillingCase.On(2026, 11, 21, _case.PlanA, 12));

        // 10 × 10.00 × 20/30 = 66.666… → 66.67; 12 × 10.00 × 10/30 = 40.00.
        Assert.Equal([66.67m, 40.00m], lines.Select(l => l.Amount));
    }

    [Fact]
    public void An_expiry_on_the_20th_is_charged_up_to_and_including_the_20th_R24()
    {
        var lines = _case.Month(November, BillingCase.On(2026, 1, 1, _case.PlanA, 10), BillingCase.On(2026, 11, 21, _case.PlanA, 10, chargeable: false));

        Assert.Equal([(November, new DateOnly(2026, 11, 20), 20, 10, 66.67m)], Summary(lines));
    }

    [Fact]
    public void Days_while_the_partner_is_suspended_are_a_line_of_their_own_at_0_R24()
    {
        var lines = _case.Month(
            November,
            BillingCase.On(2026, 1, 1, _case.PlanA, 10),
            BillingCase.On(2026, 11, 10, _case.PlanA, 10) with { PartnerSuspended = true },
            BillingCase.On(2026, 11, 20, _case.PlanA, 10));

        // 10 × 10.00 × 9/30 = 30.00; 10 days suspended: 0 chargeable, 0.00; 10 × 10.00 × 11/30 = 36.666… → 36.67.
        Assert.Equal(
            [(November, new DateOnly(2026, 11, 9), 9, 10, 30.00m), (new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 19), 10, 0, 0.00m), (new DateOnly(2026, 11, 20), new DateOnly(2026, 11, 30), 11, 10, 36.67m)],
            Summary(lines));
        Assert.Equal([false, true, false], lines.Select(l => l.PartnerSuspended));
        Assert.Equal(10, lines[1].Provisioned);
    }

    [Fact]
    public void A_suspended_partners_license_that_expires_meanwhile_is_listed_only_until_its_last_day_R24()
    {
        var lines = _case.Month(
            November,
            BillingCase.On(2026, 1, 1, _case.PlanA, 10),
            BillingCase.On(2026, 11, 10, _case.PlanA, 10) with { PartnerSuspended = true },
            BillingCase.On(2026, 11, 16, _case.PlanA, 10, chargeable: false));

        Assert.Equal([(November, new DateOnly(2026, 11, 9), 9, 10, 30.00m), (new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 15), 6, 0, 0.00m)], Summary(lines));
    }

    [Fact]
    public void A_cancellation_on_the_25th_ends_the_charge_the_day_before_R24()
    {
        var lines = _case.Month(November, BillingCase.On(2026, 1, 1, _case.PlanA, 10), BillingCase.On(2026, 11, 25, _case.PlanA, 10, chargeable: false));

        Assert.Equal([(November, new DateOnly(2026, 11, 24), 24, 10, 80.00m)], Summary(lines));
    }

    [Fact]
    public void A_leap_year_february_has_29_days_R24()
    {
        var february = new DateOnly(2028, 2, 1);

        var whole = _case.Month(february, BillingCase.On(2027, 3, 1, _case.PlanA, 7));
        var changed = _case.Month(february, BillingCase.On(2027, 3, 1, _case.PlanA, 7), BillingCase.On(2028, 2, 15, _case.PlanA, 8));

        Assert.Equal([(february, new DateOnly(2028, 2, 29), 29, 7, 70.00m)], Summary(whole));

        // 7 × 10.00 × 14/29 = 33.793… → 33.79; 8 × 10.00 × 15/29 = 41.379… → 41.38.
        Assert.Equal([33.79m, 41.38m], changed.Select(l => l.Amount));
        Assert.All(changed, l => Assert.Equal(29, l.DaysInMonth));
    }

    [Fact]
    public void A_price_change_on_the_15th_splits_the_line_and_leaves_earlier_days_at_the_old_price_R24()
    {
        _case.Price(_case.PlanA, 12.00m, new DateOnly(2026, 11, 15));

        var lines = _case.Month(November, BillingCase.On(2026, 1, 1, _case.PlanA, 10));
        var october = _case.Month(new DateOnly(2026, 10, 1), BillingCase.On(2026, 1, 1, _case.PlanA, 10));

        // 10 × 10.00 × 14/30 = 46.666… → 46.67; 10 × 12.00 × 16/30 = 64.00.
        Assert.Equal(
            [(November, new DateOnly(2026, 11, 14), 14, 10, 46.67m), (new DateOnly(2026, 11, 15), new DateOnly(2026, 11, 30), 16, 10, 64.00m)],
            Summary(lines));
        Assert.Equal(100.00m, Assert.Single(october).Amount);
    }

    [Fact]
    public void A_partner_discount_and_a_partner_unit_price_give_the_partner_its_own_cost_plan_row_first_R24()
    {
        _case.Own.Add(PartnerPrice.Discount(_case.Partner, null, 20m, BillingCase.LongAgo, BillingCase.LongAgo, BillingCase.Now));

        var discounted = _case.Month(November, BillingCase.On(2026, 1, 1, _case.PlanA, 10));

        _case.Own.Add(PartnerPrice.Fixed(_case.Partner, _case.PlanA, 9.50m, Currency.Usd, BillingCase.LongAgo, BillingCase.LongAgo, BillingCase.Now));
        var fixedPrice = _case.Month(November, BillingCase.On(2026, 1, 1, _case.PlanA, 10));
        var otherPlan = _case.Month(November, BillingCase.On(2026, 1, 1, _case.PlanB, 10));

        Assert.Equal(80.00m, Assert.Single(discounted).Amount);   // 10 × (10.00 − 20%) × 30/30
        Assert.Equal(95.00m, Assert.Single(fixedPrice).Amount);   // the plan's own row wins over the every-plan discount
        Assert.Equal(120.00m, Assert.Single(otherPlan).Amount);   // 10 × (15.00 − 20%)
    }

    [Fact]
    public void A_yearly_price_is_charged_a_twelfth_a_month_R24()
    {
        var yearly = Guid.NewGuid();
        _case.Price(yearly, 126.00m, BillingCase.LongAgo, BillingPeriod.Yearly);

        var lines = _case.Month(November, BillingCase.On(2026, 1, 1, yearly, 10), BillingCase.On(2026, 11, 11, yearly, 20));

        // 126.00/12 = 10.50 a month: 10 × 10.50 × 10/30 = 35.00; 20 × 10.50 × 20/30 = 140.00.
        Assert.Equal([35.00m, 140.00m], lines.Select(l => l.Amount));
    }

    [Theory]
    [InlineData(ChargingPolicy.Provisioned, new[] { 10 }, new[] { 100.00 })]
    [InlineData(ChargingPolicy.GreaterOfProvisionedAndUsed, new[] { 12, 10 }, new[] { 40.00, 66.67 })]
    [InlineData(ChargingPolicy.Used, new[] { 12, 8 }, new[] { 40.00, 53.33 })]
    public void Each_charging_policy_gives_its_chargeable_units_R24(ChargingPolicy policy, int[] units, double[] amounts)
    {
        _case.Policies[_case.PlanA] = policy;
        for (var day = November; day.Month == 11; day = day.AddDays(1))
        {
            _case.Used[day] = day.Day <= 10 ? 12 : 8; // 12 in use the first ten days (over-provisioned by 2), 8 after
        }

        var lines = _case.Month(November, BillingCase.On(2026, 1, 1, _case.PlanA, 10));

        Assert.Equal(units, lines.Select(l => l.Chargeable));
        Assert.Equal(amounts.Select(a => (decimal)a), lines.Select(l => l.Amount));
        Assert.Equal(2, lines[0].OverProvisioned);
    }

    [Fact]
    public void The_used_policy_charges_nothing_for_days_nothing_was_reported_R24()
    {
        _case.Policies[_case.PlanA] = ChargingPolicy.Used;

        var line = Assert.Single(_case.Month(November, BillingCase.On(2026, 1, 1, _case.PlanA, 10)));

        Assert.Null(line.Used);
        Assert.Equal(0, line.Chargeable);
        Assert.Equal(0.00m, line.Amount);
    }

    [Fact]
    public void The_same_history_gives_the_same_lines_and_a_price_set_later_for_a_later_day_changes_no_past_month_R24()
    {
        LicenseState[] history = [BillingCase.On(2026, 1, 1, _case.PlanA, 10), BillingCase.On(2026, 11, 16, _case.PlanA, 15)];
        var first = _case.Month(November, history);

        _case.Price(_case.PlanA, 99.00m, new DateOnly(2026, 12, 1));
        var again = _case.Month(November, history);

        Assert.Equal(first, again);
    }
}
