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
public sealed class StatementCalculator(IPortalDbContext db)
{
    public async Task<IReadOnlyList<CalculatedLine>> LinesAsync(Company provider, Company buyer, DateOnly anyDayOfMonth, CancellationToken cancellationToken = default)
    {
        var first = new DateOnly(anyDayOfMonth.Year, anyDayOfMonth.Month, 1);
        var last = first.AddMonths(1).AddDays(-1);
        var end = new DateTimeOffset(first.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var currency = Currency.Of(provider.BillingCurrency);

        var licenses = await db.CustomerLicenses.AsNoTracking()
            .Where(l => l.Customer.OwnerId == buyer.Id)
            .Select(l => new { l.Id, l.CustomerId, CustomerName = l.Customer.Name })
            .ToListAsync(cancellationToken);
        var history = (await db.LicenseTransactions.AsNoTracking()
                .Where(t => t.CompanyId == buyer.Id && t.At < end && t.ServicePlanId != null)
                .ToListAsync(cancellationToken))
            .ToLookup(t => t.LicenseId);
        var usage = (await db.LicenseUsages.AsNoTracking()
                .Where(u => u.Day >= first && u.Day <= last && db.CustomerLicenses.Any(l => l.Id == u.LicenseId && l.Customer.OwnerId == buyer.Id))
                .ToListAsync(cancellationToken))
            .ToLookup(u => u.LicenseId);
        var prices = new PriceBook(
            await db.PlanPrices.AsNoTracking().Where(p => p.ProviderId == provider.Id).ToListAsync(cancellationToken),
            await db.PartnerPrices.AsNoTracking().Where(p => p.PartnerId == buyer.Id).ToListAsync(cancellationToken));
        var partnerStatus = await db.CompanyStatusChanges.AsNoTracking()
            .Where(c => c.CompanyId == buyer.Id && c.At < end)
            .ToListAsync(cancellationToken);
        var planIds = history.SelectMany(h => h).Select(t => t.ServicePlanId!.Value).Distinct().ToList();
        var plans = await db.ServicePlans.AsNoTracking()
            .Where(p => planIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.ChargingPolicy, p.LicenseType })
            .ToDictionaryAsync(p => p.Id, cancellationToken);

        var lines = new List<CalculatedLine>();
        foreach (var license in licenses.OrderBy(l => l.CustomerName, StringComparer.OrdinalIgnoreCase).ThenBy(l => l.Id))
        {
            // Trial and NFR licenses cost nothing: their states are not chargeable.
            var states = LicenseHistory.WithPartnerStatus(
                LicenseHistory.States(history[license.Id])
                    .Select(s => plans.TryGetValue(s.PlanId, out var plan) && plan.LicenseType != LicenseType.Full ? s with { Chargeable = false } : s)
                    .ToList(),
                partnerStatus);
            var used = usage[license.Id].ToDictionary(u => u.Day, u => u.Used);
            foreach (var charge in Proration.Month(license.Id, first, states, used, id => plans.TryGetValue(id, out var p) ? p.ChargingPolicy : ChargingPolicy.Provisioned, prices, currency))
            {
                lines.Add(new CalculatedLine(charge, license.CustomerId, license.CustomerName, plans.TryGetValue(charge.PlanId, out var plan) ? plan.Name : "(removed plan)"));
            }
        }

        return lines;
    }
}

/// <summary>One prorated line with the names a statement shows.</summary>
public sealed record CalculatedLine(ChargeLine Charge, Guid CustomerId, string CustomerName, string PlanName)
{
    public Func<Guid, StatementLine> ForStatement => statementId => StatementLine.Of(statementId, Charge, CustomerId, CustomerName, PlanName);
}
