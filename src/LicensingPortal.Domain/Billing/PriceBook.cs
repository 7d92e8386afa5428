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
            price = Find(planId, day);
            _answered[(planId, day)] = price;
        }

        return price;
    }

    private decimal? Find(Guid planId, DateOnly day)
    {
        if (_list[planId].FirstOrDefault(p => p.EffectiveFrom <= day) is not { } list)
        {
            return null;
        }

        var own = _own[planId].FirstOrDefault(p => p.EffectiveFrom <= day) ?? _own[null].FirstOrDefault(p => p.EffectiveFrom <= day);
        return own is null ? list.MonthlyUnitPrice : own.MonthlyUnitPrice(list);
    }
}
