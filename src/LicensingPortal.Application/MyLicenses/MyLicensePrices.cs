using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Common;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.MyLicenses;

/// <summary>R25: what a license costs its customer, at its seller's prices: a month at today's price, and this month so far and to come (an estimate).</summary>
public sealed record MyLicensePrice(string Monthly, string? ThisMonth);

/// <summary>
/// R25: a customer's licenses' prices as its own users see them, only where the customer's owner shows them
/// (<see cref="Company.ShowPricesToCustomers"/>). The seller's prices to its customers are its <see cref="PlanPrice"/> rows: an
/// MSP's resale prices; for a reseller's and the provider's own customers, the provider's list price. This month's estimate is
/// the month's lines as the statement computes them (<see cref="StatementCalculator"/>: the plan's charging policy, proration)
/// at those prices, summed as the MSP's statement sums its resale amounts. A license without a price shows none.
/// </summary>
internal static class MyLicensePrices
{
    public static async Task<IReadOnlyDictionary<Guid, MyLicensePrice>> ForAsync(
        IPortalDbContext db, Company owner, Guid customerId, IReadOnlyCollection<Guid> licenseIds, DateOnly today, CancellationToken cancellationToken)
    {
        if (!owner.ShowPricesToCustomers || licenseIds.Count == 0)
        {
            return new Dictionary<Guid, MyLicensePrice>();
        }

        var provider = owner.ProviderId is { } providerId ? await db.Companies.AsNoTracking().SingleAsync(c => c.Id == providerId, cancellationToken) : owner;
        var sellerId = owner.Type == CompanyType.Msp ? owner.Id : provider.Id;
        var currency = Currency.Of(provider.BillingCurrency);
        var prices = new PriceBook(await db.PlanPrices.AsNoTracking().Where(p => p.ProviderId == sellerId).ToListAsync(cancellationToken));
        var licenses = await db.CustomerLicenses.AsNoTracking()
            .Where(l => l.CustomerId == customerId && licenseIds.Contains(l.Id) && l.LicenseType == LicenseType.Full)
            .Select(l => new { l.Id, l.ServicePlanId, l.Units })
            .ToListAsync(cancellationToken);
        var lines = (await new StatementCalculator(db).LinesAsync(provider, owner, today, customerId, cancellationToken)).ToLookup(l => l.Charge.LicenseId);

        var result = new Dictionary<Guid, MyLicensePrice>();
        foreach (var license in licenses)
        {
            if (prices.ListMonthlyUnitPrice(license.ServicePlanId, today) is not { } unitPrice)
            {
                continue;
            }

            var month = lines[license.Id]
                .Select(l => GetStatement.ResaleAmount(prices, l.Charge.PlanId, l.Charge.From, l.Charge.To, l.Charge.Chargeable, l.Charge.DaysInMonth, currency))
                .OfType<decimal>()
                .ToList();
            result[license.Id] = new MyLicensePrice(
                currency.Format(currency.Round(unitPrice * license.Units)),
                month.Count == 0 ? null : currency.Format(month.Sum()));
        }

        return result;
    }
}
