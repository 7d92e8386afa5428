namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24, proration by day: a month's charge for one license is, for each stretch of days with the same plan, units and
/// price, chargeable units × the month's unit price × days ÷ days in the month, rounded per line to the currency's
/// smallest unit, half away from zero (ADR 0019). Days before the license's first state, and days it was not
/// chargeable, cost nothing and are not listed. Days its partner was suspended are a line of their own with 0
/// chargeable units (<see cref="ChargeLine.PartnerSuspended"/>), so the statement says why they cost nothing. A day
/// with no price (the plan had none yet) is charged at zero and still listed.
/// </summary>
public static class Proration
{
    public static IReadOnlyList<ChargeLine> Month(
        Guid licenseId,
        DateOnly anyDayOfMonth,
        IReadOnlyList<LicenseState> states,
        IReadOnlyDictionary<DateOnly, int> usedByDay,
        Func<Guid, ChargingPolicy> policyOf,
        PriceBook prices,
        Currency currency)
    {
        var first = new DateOnly(anyDayOfMonth.Year, anyDayOfMonth.Month, 1);
        var daysInMonth = DateTime.DaysInMonth(first.Year, first.Month);
        var ordered = states.OrderBy(s => s.From).ToList();
        var lines = new List<ChargeLine>();
        (LicenseState State, int Chargeable, decimal Price, DateOnly From, DateOnly To, int? Used)? open = null;

        void Close()
        {
            if (open is { } o)
            {
                var days = o.To.DayNumber - o.From.DayNumber + 1;
                var amount = currency.Round(o.Chargeable * o.Price * days / daysInMonth);
                lines.Add(new ChargeLine(licenseId, o.State.PlanId, o.From, o.To, days, daysInMonth, o.State.Units, o.Used, o.Chargeable, o.Price, amount, o.State.PartnerSuspended));
                open = null;
            }
        }

        LicenseState? state = null;
        var next = 0;
        for (var day = first; day.Month == first.Month; day = day.AddDays(1))
        {
            // The last state that has begun by this day (of states beginning the same day, the last).
            for (; next < ordered.Count && ordered[next].From <= day; next++)
            {
                state = ordered[next];
            }

            if (state is null || !state.Chargeable)
            {
                Close();
                continue;
            }

            int? used = usedByDay.TryGetValue(day, out var u) ? u : null;
            var chargeable = state.PartnerSuspended ? 0 : policyOf(state.PlanId).Chargeable(state.Units, used);
            var price = prices.MonthlyUnitPrice(state.PlanId, day) ?? 0m;
            if (open is { } o && o.State.PlanId == state.PlanId && o.State.Units == state.Units && o.State.PartnerSuspended == state.PartnerSuspended
                && o.Chargeable == chargeable && o.Price == price)
            {
                open = o with { To = day, Used = Max(o.Used, used) };
                continue;
            }

            Close();
            open = (state, chargeable, price, day, day, used);
        }

        Close();
        return lines;
    }

    private static int? Max(int? a, int? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
