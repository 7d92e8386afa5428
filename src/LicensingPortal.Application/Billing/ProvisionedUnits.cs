using LicensingPortal.Application.Common;
using LicensingPortal.Domain.Billing;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

/// <summary>A license as <see cref="ProvisionedUnits"/> needs it: its customer (the history's index) and its current units.</summary>
public sealed record ProvisionedLicense(Guid LicenseId, Guid CustomerId, int Units);

/// <summary>
/// R24: the units a license provided on a day, from its transaction history (<see cref="LicenseHistory"/>): the same
/// figure a statement shows as Provisioned. A day before any transaction that carries units (a history recorded before
/// version 2) counts the license's current units.
/// </summary>
public static class ProvisionedUnits
{
    /// <summary>One query for every license given: their transactions, found through the customers' (CustomerId, At) index.</summary>
    public static async Task<Func<Guid, DateOnly, int>> OfAsync(IPortalDbContext db, IReadOnlyCollection<ProvisionedLicense> licenses, CancellationToken cancellationToken)
    {
        if (licenses.Count == 0)
        {
            return (_, _) => 0;
        }

        var licenseIds = licenses.Select(l => l.LicenseId).Distinct().ToList();
        var customerIds = licenses.Select(l => l.CustomerId).Distinct().ToList();
        var transactions = await db.LicenseTransactions.AsNoTracking()
            .Where(t => customerIds.Contains(t.CustomerId) && licenseIds.Contains(t.LicenseId) && t.ServicePlanId != null)
            .ToListAsync(cancellationToken);
        var states = transactions.ToLookup(t => t.LicenseId).ToDictionary(g => g.Key, g => LicenseHistory.States(g));
        var current = licenses.GroupBy(l => l.LicenseId).ToDictionary(g => g.Key, g => g.First().Units);
        return (licenseId, day) =>
            (states.TryGetValue(licenseId, out var history) ? LicenseHistory.UnitsOn(history, day) : null) ?? current.GetValueOrDefault(licenseId);
    }
}
