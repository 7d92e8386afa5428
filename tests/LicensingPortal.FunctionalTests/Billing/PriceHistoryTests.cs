using System.Globalization;
using System.Net;
using LicensingPortal.Application.Billing;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>
/// R24: a price change never rewrites a past month. Prices set through the page, a month passes, a new price is set: the old
/// month's lines, computed from the database by the statement calculator, are what they were, and the new month charges the new price.
/// </summary>
public sealed class PriceHistoryTests
{
    [Fact]
    public async Task R24_a_month_already_charged_keeps_its_price_after_a_new_price_takes_effect()
    {
        await using var factory = new PortalFactory();
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var plans = await factory.QueryAsync(db => db.ServicePlans.Where(p => p.LicenseType == Domain.Licenses.LicenseType.Full && db.Companies.Any(c => c.Id == p.OwnerId && c.Name == "Contoso Managed Services")).Select(p => p.Id).ToListAsync());
        var firstMonth = factory.Clock.Today;
        foreach (var plan in plans)
        {
            await SetAsync(admin, plan, "10.00", firstMonth);
        }

        var before = await LinesAsync(factory, firstMonth);
        Assert.Contains(before, l => l.Charge.Amount > 0);
        // Contoso pays the list price less the demo's 10% discount.
        Assert.All(before.Where(l => l.Charge.From >= firstMonth && l.Charge.Chargeable > 0), l => Assert.Equal(9.00m, l.Charge.MonthlyUnitPrice));

        // The next month: a new price from its first day on, set on that day.
        var secondMonth = new DateOnly(firstMonth.Year, firstMonth.Month, 1).AddMonths(1);
        factory.Clock.Set(new DateTimeOffset(secondMonth.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        foreach (var plan in plans)
        {
            await SetAsync(admin, plan, "20.00", secondMonth);
        }

        var after = await LinesAsync(factory, firstMonth);
        var next = await LinesAsync(factory, secondMonth);
        Assert.Equal(before.Select(l => l.Charge), after.Select(l => l.Charge));
        Assert.Contains(next, l => l.Charge.Amount > 0);
        Assert.All(next.Where(l => l.Charge.Chargeable > 0), l => Assert.Equal(18.00m, l.Charge.MonthlyUnitPrice));
    }

    private static async Task SetAsync(PortalClient admin, Guid plan, string unitPrice, DateOnly from)
    {
        var response = await admin.SubmitAsync(await admin.GetPageAsync($"/prices/plan/{plan}"), "#set-price", new()
        {
            ["Input.Period"] = "Monthly",
            ["Input.UnitPrice"] = unitPrice,
            ["Input.EffectiveFrom"] = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<IReadOnlyList<CalculatedLine>> LinesAsync(PortalFactory factory, DateOnly month)
    {
        await using var db = factory.CreateDbContext();
        var msp = await db.Companies.AsNoTracking().SingleAsync(c => c.Name == "Contoso Managed Services");
        var provider = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == msp.ProviderId);
        return await new StatementCalculator(db).LinesAsync(provider, msp, month, TestContext.Current.CancellationToken);
    }
}
