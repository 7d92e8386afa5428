using LicensingPortal.Application.Billing;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Infrastructure.Seeding;

/// <summary>
/// R24's demo: a price list a year old, Contoso's 10% discount, Email Security charged by the greater of provisioned and
/// used with a product reporting use since last month, and statements computed from the demo history: Contoso's last
/// six months (completed, approved, and last month's being prepared with an adjusted line), Fabrikam's (completed,
/// submitted) and Litware's (rejected with a reason). This month is the live estimate (Open).
/// </summary>
internal static class DemoBilling
{
    private static readonly Actor Morgan = new(null, "Morgan MSP");
    private static readonly Actor Riley = new(null, "Riley Reseller");
    private static readonly Actor Kai = new(null, "Kai Litware");
    private static readonly Actor Paula = new(null, "Paula Provider");

    /// <summary>A provider's monthly list prices by plan name (USD a unit a month).</summary>
    private static decimal ListPrice(ServicePlan plan) => plan.Name switch
    {
        _ when plan.Name.Contains("Advanced", StringComparison.Ordinal) => 5.40m,
        _ when plan.Name.Contains("WFBSS", StringComparison.Ordinal) => 3.60m,
        _ when plan.Name.Contains("Email", StringComparison.Ordinal) => 2.10m,
        _ when plan.Name.Contains("Cloud App", StringComparison.Ordinal) => 1.80m,
        _ when plan.Name.Contains("Encryption", StringComparison.Ordinal) => 4.25m,
        _ => 2.50m,
    };

    public static async Task SeedAsync(
        PortalDbContext db, Company provider, Company contoso, Company fabrikam, Company litware, IReadOnlyList<ServicePlan> plans, ServicePlan usageCharged,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var since = thisMonth.AddYears(-2);
        var currency = Currency.Of(provider.BillingCurrency);
        provider.SetBilling(currency.Code, 28);
        foreach (var plan in plans)
        {
            db.PlanPrices.Add(PlanPrice.Set(provider.Id, plan.Id, BillingPeriod.Monthly, ListPrice(plan), since, currency, since, now.AddYears(-2)));
        }

        db.PartnerPrices.Add(PartnerPrice.Discount(contoso.Id, null, 10m, since, since, now.AddYears(-2)));
        usageCharged.SetChargingPolicy(ChargingPolicy.GreaterOfProvisionedAndUsed);

        // The product reports use daily since the first of last month; some days above what is provisioned.
        var reported = await db.CustomerLicenses.Where(l => l.ServicePlanId == usageCharged.Id).Select(l => new { l.Id, l.Units }).ToListAsync(cancellationToken);
        foreach (var license in reported)
        {
            for (var day = thisMonth.AddMonths(-1); day <= today; day = day.AddDays(1))
            {
                db.LicenseUsages.Add(LicenseUsage.First(license.Id, day, Math.Max(0, license.Units - 3 + (day.Day % 6)), today, now));
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        var calculator = new StatementCalculator(db);
        async Task<Statement> CloseAsync(Company buyer, int monthsAgo)
        {
            var month = thisMonth.AddMonths(-monthsAgo);
            var statement = Statement.Open(provider.Id, buyer.Id, month, currency);
            var lines = await calculator.LinesAsync(provider, buyer, month, cancellationToken);
            statement.Close(lines.Select(l => l.ForStatement), month.AddMonths(1));
            db.Statements.Add(statement);
            return statement;
        }

        DateTimeOffset After(int monthsAgo, int day) => new(thisMonth.AddMonths(1 - monthsAgo).AddDays(day - 1).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);

        for (var monthsAgo = 6; monthsAgo >= 2; monthsAgo--)
        {
            var statement = await CloseAsync(contoso, monthsAgo);
            statement.Submit(Morgan, After(monthsAgo, 3));
            statement.Approve(Paula, After(monthsAgo, 8));
            if (monthsAgo > 2)
            {
                statement.Complete(Paula, After(monthsAgo, 20));
            }
        }

        var preparing = await CloseAsync(contoso, 1);
        if (preparing.Lines.Where(l => l.Provisioned > 2).OrderByDescending(l => l.Amount).FirstOrDefault() is { } line)
        {
            preparing.Adjust(line.Id, line.Provisioned - 2, "Two seats belonged to a duplicate account that was removed on the 3rd.");
        }

        var fabrikamEarlier = await CloseAsync(fabrikam, 2);
        fabrikamEarlier.Submit(Riley, After(2, 2));
        fabrikamEarlier.Approve(Paula, After(2, 6));
        fabrikamEarlier.Complete(Paula, After(2, 21));
        (await CloseAsync(fabrikam, 1)).Submit(Riley, After(1, 2));

        var rejected = await CloseAsync(litware, 1);
        rejected.Submit(Kai, After(1, 1));
        rejected.Reject("Kobe Trading's license was bought on our behalf by mistake: correct the units before submitting again.", Paula, After(1, 2));
        await db.SaveChangesAsync(cancellationToken);
    }
}
