using LicensingPortal.Application.Common;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

/// <summary>
/// R24: a buyer's lines for one month, from what the database holds: its customers' license transactions up to the
/// month's end (<see cref="LicenseHistory"/>), the month's reported usage, the provider's price list with the
/// buyer's own prices (<see cref="PriceBook"/>) and each plan's charging policy, prorated by day
/// (<see cref="Proration"/>). Trial and NFR licenses are free; days the buyer was suspended are listed at 0 and days from
/// its cancellation on are not charged (its status history, <see cref="LicenseHistory.WithPartnerStatus"/>). Reads
/// only; the same rows always give the same lines.
/// </summary>
/// <remarks>
/// The month close asks for every buyer in turn (a million licenses at the scale target), so a buyer's month is read by
/// index in three queries (its transactions' states, its customers' names, its licenses' usage), and the plans and
/// each provider's price list, the same for every buyer, are read once per calculator (prices are append-only and never
/// start in the past, so a later row cannot change a month being closed).
/// </remarks>
public sealed class StatementCalculator(IPortalDbContext db)
{
    private static readonly Dictionary<DateOnly, int> NothingReported = [];

    private readonly Dictionary<Guid, PlanFacts> _plans = [];
    private readonly Dictionary<Guid, List<PlanPrice>> _priceLists = [];

    public Task<IReadOnlyList<CalculatedLine>> LinesAsync(Company provider, Company buyer, DateOnly anyDayOfMonth, CancellationToken cancellationToken = default) =>
        LinesAsync(provider, buyer, anyDayOfMonth, null, cancellationToken);

    /// <summary>The buyer's lines of one of its customers only (R25: what a customer's own users see of this month), or of all.</summary>
    public async Task<IReadOnlyList<CalculatedLine>> LinesAsync(Company provider, Company buyer, DateOnly anyDayOfMonth, Guid? customerId, CancellationToken cancellationToken = default)
    {
        var first = new DateOnly(anyDayOfMonth.Year, anyDayOfMonth.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var end = new DateTimeOffset(first.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var currency = Currency.Of(provider.BillingCurrency);

        // A transaction's company is its customer's owner, which never changes: the buyer's transactions are its
        // customers' licenses' whole history. Only the state each recorded is read, not its texts.
        var history = (await db.LicenseTransactions.AsNoTracking()
                .Where(t => t.CompanyId == buyer.Id && t.At < end && t.ServicePlanId != null && t.Units != null && t.ExpiresOn != null)
                .Where(t => customerId == null || t.CustomerId == customerId)
                .Select(t => new { t.LicenseId, t.CustomerId, t.Id, t.At, PlanId = t.ServicePlanId!.Value, Units = t.Units!.Value, ExpiresOn = t.ExpiresOn!.Value })
                .ToListAsync(cancellationToken))
            .ToLookup(t => t.LicenseId);
        if (history.Count == 0)
        {
            return [];
        }

        var customers = await db.Customers.AsNoTracking()
            .Where(c => c.OwnerId == buyer.Id)
            .Select(c => new { c.Id, c.Name })
            .ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);

        // The usage key is (license, day): the history's licenses, as one array parameter (thousands of them), each
        // looked up for the month's days. A filter on the day alone read every buyer's month for each buyer, and a join
        // from the customers read each license's row for its id (docs/performance.md, R24).
        var licenseIds = history.Select(h => h.Key).ToList();
        var usage = (await db.LicenseUsages.AsNoTracking()
                .Where(u => EF.Parameter(licenseIds).Contains(u.LicenseId) && u.Day >= first && u.Day <= last)
                .Select(u => new { u.LicenseId, u.Day, u.Used })
                .ToListAsync(cancellationToken))
            .ToLookup(u => u.LicenseId);
        var prices = new PriceBook(
            await PriceListAsync(provider.Id, cancellationToken),
            await db.PartnerPrices.AsNoTracking().Where(p => p.PartnerId == buyer.Id).ToListAsync(cancellationToken));
        var partnerStatus = buyer.IsPartner
            ? await db.CompanyStatusChanges.AsNoTracking().Where(c => c.CompanyId == buyer.Id && c.At < end).ToListAsync(cancellationToken)
            : [];
        await KnowPlansAsync(history.SelectMany(h => h).Select(t => t.PlanId), cancellationToken);

        var lines = new List<CalculatedLine>();
        var licenses = history
            .Select(h => (LicenseId: h.Key, h.First().CustomerId, CustomerName: customers.GetValueOrDefault(h.First().CustomerId, string.Empty)))
            .OrderBy(l => l.CustomerName, StringComparer.OrdinalIgnoreCase).ThenBy(l => l.LicenseId);
        foreach (var license in licenses)
        {
            // Trial and NFR licenses cost nothing: their states are not chargeable.
            var states = LicenseHistory.WithPartnerStatus(
                LicenseHistory.States(history[license.LicenseId].Select(t => new LicenseStateChange(t.Id, t.At, t.PlanId, t.Units, t.ExpiresOn)))
                    .Select(s => _plans.TryGetValue(s.PlanId, out var plan) && plan.LicenseType != LicenseType.Full ? s with { Chargeable = false } : s)
                    .ToList(),
                partnerStatus);
            if (!states.Any(s => s.Chargeable))
            {
                continue;
            }

            var used = usage[license.LicenseId] is var days && days.Any() ? days.ToDictionary(u => u.Day, u => u.Used) : NothingReported;
            foreach (var charge in Proration.Month(license.LicenseId, first, states, used, id => _plans.TryGetValue(id, out var p) ? p.ChargingPolicy : ChargingPolicy.Provisioned, prices, currency))
            {
                lines.Add(new CalculatedLine(charge, license.CustomerId, license.CustomerName, _plans.TryGetValue(charge.PlanId, out var plan) ? plan.Name : "(removed plan)"));
            }
        }

        return lines;
    }

    private async Task<List<PlanPrice>> PriceListAsync(Guid providerId, CancellationToken cancellationToken)
    {
        if (!_priceLists.TryGetValue(providerId, out var list))
        {
            list = await db.PlanPrices.AsNoTracking().Where(p => p.ProviderId == providerId).ToListAsync(cancellationToken);
            _priceLists[providerId] = list;
        }

        return list;
    }

    private async Task KnowPlansAsync(IEnumerable<Guid> planIds, CancellationToken cancellationToken)
    {
        var unknown = planIds.Where(id => !_plans.ContainsKey(id)).Distinct().ToList();
        if (unknown.Count == 0)
        {
            return;
        }

        foreach (var plan in await db.ServicePlans.AsNoTracking()
                     .Where(p => unknown.Contains(p.Id))
                     .Select(p => new PlanFacts(p.Id, p.Name, p.ChargingPolicy, p.LicenseType))
                     .ToListAsync(cancellationToken))
        {
            _plans[plan.Id] = plan;
        }
    }

    private sealed record PlanFacts(Guid Id, string Name, ChargingPolicy ChargingPolicy, LicenseType LicenseType);
}

/// <summary>One prorated line with the names a statement shows.</summary>
public sealed record CalculatedLine(ChargeLine Charge, Guid CustomerId, string CustomerName, string PlanName)
{
    public Func<Guid, StatementLine> ForStatement => statementId => StatementLine.Of(statementId, Charge, CustomerId, CustomerName, PlanName);
}
