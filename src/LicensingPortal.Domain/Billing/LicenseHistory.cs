using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24: a license's states from its append-only transaction history (R9): each transaction that carries the license's
/// plan, units and last day starts a chargeable state on the (UTC) day it was made, and the license stops being
/// chargeable the day after its last day unless a later transaction (a renewal, a new expiry date) came first.
/// The same transactions always give the same states.
/// </summary>
public static class LicenseHistory
{
    public static IReadOnlyList<LicenseState> States(IEnumerable<LicenseTransaction> transactions) =>
        States(transactions
            .Where(t => t is { ServicePlanId: not null, Units: not null, ExpiresOn: not null })
            .Select(t => new LicenseStateChange(t.Id, t.At, t.ServicePlanId!.Value, t.Units!.Value, t.ExpiresOn!.Value)));

    /// <summary>The same, from the state each transaction recorded (transactions recorded before version 2 have none).</summary>
    public static IReadOnlyList<LicenseState> States(IEnumerable<LicenseStateChange> changes)
    {
        var known = changes.OrderBy(t => t.At).ThenBy(t => t.TransactionId).ToList();
        var states = new List<LicenseState>(known.Count + 1);
        for (var i = 0; i < known.Count; i++)
        {
            var t = known[i];
            var from = DateOnly.FromDateTime(t.At.UtcDateTime);
            var next = i + 1 < known.Count ? DateOnly.FromDateTime(known[i + 1].At.UtcDateTime) : DateOnly.MaxValue;
            states.Add(new LicenseState(from, t.PlanId, t.Units, Chargeable: t.ExpiresOn >= from));
            var afterLastDay = t.ExpiresOn.AddDays(1);
            if (afterLastDay > from && afterLastDay < next)
            {
                states.Add(new LicenseState(afterLastDay, t.PlanId, t.Units, Chargeable: false));
            }
        }

        return states;
    }

    /// <summary>
    /// The license's states with its partner's status history laid over them (R11, R24): from the (UTC) day a partner
    /// is suspended until the day it is reactivated, a running license is <see cref="LicenseState.PartnerSuspended"/>
    /// (listed, charged at 0); from the day it is canceled, nothing is chargeable. The last move of a day counts for
    /// the whole day. With no moves the states are returned as they are.
    /// </summary>
    public static IReadOnlyList<LicenseState> WithPartnerStatus(IReadOnlyList<LicenseState> states, IEnumerable<CompanyStatusChange> partnerStatus)
    {
        var moves = partnerStatus.OrderBy(m => m.At).ThenBy(m => m.Id).Select(m => (m.Day, m.Status)).ToList();
        if (moves.Count == 0 || states.Count == 0)
        {
            return states;
        }

        var ordered = states.OrderBy(s => s.From).ToList();
        var result = new List<LicenseState>(ordered.Count + moves.Count);
        foreach (var day in ordered.Select(s => s.From).Concat(moves.Select(m => m.Day)).Distinct().Order())
        {
            if (ordered.LastOrDefault(s => s.From <= day) is not { } state)
            {
                continue;
            }

            var status = moves.Where(m => m.Day <= day).Select(m => m.Status).DefaultIfEmpty(PartnerStatus.Active).Last();
            result.Add(state with
            {
                From = day,
                Chargeable = state.Chargeable && status != PartnerStatus.Canceled,
                PartnerSuspended = state.Chargeable && status == PartnerStatus.Suspended,
            });
        }

        return result;
    }

    /// <summary>
    /// The units provisioned on <paramref name="day"/>: those of the state it falls in (an expired stretch keeps the
    /// units it had), or null when no state has begun by then (a day before the license, or a history recorded before
    /// transactions carried units). Of two states from the same day the later one counts, as in <see cref="Proration"/>.
    /// </summary>
    public static int? UnitsOn(IReadOnlyList<LicenseState> states, DateOnly day) =>
        states.OrderBy(s => s.From).LastOrDefault(s => s.From <= day)?.Units;
}
