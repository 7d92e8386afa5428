namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24: the prices in force for one buyer on any day: the provider's list (latest row effective on that day) with the
/// buyer's own rows laid over it. Built once per statement from the append-only rows, so the same rows always give
/// the same prices for a past day, whatever was added later for later days.
/// </summary>
public sealed class PriceBook
{
    private readonly ILookup<Guid, PlanPrice> _list;
    private readonly ILookup<Guid?, PartnerPrice> _own;
    private readonly Dictionary<(Guid PlanId, DateOnly Day), decimal?> _answered = [];

    public PriceBook(IEnumerable<PlanPrice> list, IEnumerable<PartnerPrice>? own = null)
    {
        _list = list.OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.CreatedAt).ToLookup(p => p.ServicePlanId);
        _own = (own ?? []).OrderByDescending(p => p.EffectiveFrom).ThenByDescending(p => p.CreatedAt).ToLookup(p => p.ServicePlanId);
    }

    /// <summary>The list price of one unit for a month on <paramref name="day"/>, or null when the plan had no price yet.</summary>
    public decimal? ListMonthlyUnitPrice(Guid planId, DateOnly day) =>
        _list[planId].FirstOrDefault(p => p.EffectiveFrom <= day)?.MonthlyUnitPrice;

    /// <summary>The buyer's price of one unit for a month on <paramref name="day"/>: its own row for the plan, else its every-plan row, else the list.</summary>
    public decimal? MonthlyUnitPrice(Guid planId, DateOnly day)
    {
        // Asked for every day of every license of a statement: each plan and day is worked out once.
        if (!_answered.TryGetValue((planId, day), out var price))
        {
            price = InForce(planId, day) is { } rows ? rows.Own?.MonthlyUnitPrice(rows.List) ?? rows.List.MonthlyUnitPrice : null;
            _answered[(planId, day)] = price;
        }

        return price;
    }

    /// <summary>
    /// The rows that make the buyer's price of a plan on <paramref name="day"/>: the list row in force and the buyer's own row
    /// that wins (the plan's, else its every-plan row), or null when the plan had no list price yet.
    /// </summary>
    public PricesInForce? InForce(Guid planId, DateOnly day) =>
        _list[planId].FirstOrDefault(p => p.EffectiveFrom <= day) is { } list
            ? new PricesInForce(list, _own[planId].FirstOrDefault(p => p.EffectiveFrom <= day) ?? _own[null].FirstOrDefault(p => p.EffectiveFrom <= day))
            : null;

    /// <summary>The first day after <paramref name="day"/> on which a row for the plan (the list's, or the buyer's own) takes effect, or null.</summary>
    public DateOnly? NextChange(Guid planId, DateOnly day) =>
        _list[planId].Select(p => p.EffectiveFrom)
            .Concat(_own[planId].Select(p => p.EffectiveFrom))
            .Concat(_own[null].Select(p => p.EffectiveFrom))
            .Where(from => from > day)
            .Order()
            .Cast<DateOnly?>()
            .FirstOrDefault();
}

