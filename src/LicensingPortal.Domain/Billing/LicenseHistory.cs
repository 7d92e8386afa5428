using LicensingPortal.Domain.Auditing;

namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24: a license's states from its append-only transaction history (R9): each transaction that carries the license's
/// plan, units and last day starts a chargeable state on the (UTC) day it was made, and the license stops being
/// chargeable the day after its last day unless a later transaction (a renewal, a new expiry date) came first.
/// The same transactions always give the same states.
/// </summary>
public static class LicenseHistory
{
    public static IReadOnlyList<LicenseState> States(IEnumerable<LicenseTransaction> transactions)
    {
        var known = transactions
            .Where(t => t is { ServicePlanId: not null, Units: not null, ExpiresOn: not null })
            .OrderBy(t => t.At).ThenBy(t => t.Id)
            .ToList();
        var states = new List<LicenseState>();
        for (var i = 0; i < known.Count; i++)
        {
            var t = known[i];
            var from = DateOnly.FromDateTime(t.At.UtcDateTime);
            var next = i + 1 < known.Count ? DateOnly.FromDateTime(known[i + 1].At.UtcDateTime) : DateOnly.MaxValue;
            states.Add(new LicenseState(from, t.ServicePlanId!.Value, t.Units!.Value, Chargeable: t.ExpiresOn!.Value >= from));
            var afterLastDay = t.ExpiresOn.Value.AddDays(1);
            if (afterLastDay > from && afterLastDay < next)
            {
                states.Add(new LicenseState(afterLastDay, t.ServicePlanId.Value, t.Units.Value, Chargeable: false));
            }
        }

        return states;
    }

    /// <summary>
    /// The units provisioned on <paramref name="day"/>: those of the state it falls in (an expired stretch keeps the
    /// units it had), or null when no state has begun by then (a day before the license, or a history recorded before
    /// transactions carried units). Of two states from the same day the later one counts, as in <see cref="Proration"/>.
    /// </summary>
    public static int? UnitsOn(IReadOnlyList<LicenseState> states, DateOnly day) =>
        states.OrderBy(s => s.From).LastOrDefault(s => s.From <= day)?.Units;
}
