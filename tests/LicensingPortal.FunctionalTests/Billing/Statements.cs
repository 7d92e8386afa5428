using LicensingPortal.Domain.Billing;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>Statements on the demo data (R24): this month priced and closed by the real month-close job, or one made to measure.</summary>
internal static class Statements
{
    public const decimal UnitPrice = 10.00m;

    private static readonly DateOnly LongAgo = new(2020, 1, 1);

    /// <summary>
    /// Prices every plan of the provider's partners at <see cref="UnitPrice"/> a unit a month, moves the clock to the
    /// first minute of next month and runs <see cref="MonthCloseJob"/>: each buyer's statement of the clock's month is
    /// then Preparing, audited "StatementClosed". Once per factory; answers the month closed.
    /// </summary>
    public static async Task<DateOnly> CloseThisMonthAsync(PortalFactory factory)
    {
        var today = factory.Clock.Today;
        var month = new DateOnly(today.Year, today.Month, 1);
        await using (var db = factory.CreateDbContext())
        {
            if (await db.Statements.AnyAsync(s => s.State != StatementState.Open))
            {
                return await db.Statements.Where(s => s.State != StatementState.Open).MaxAsync(s => s.Month);
            }

            var provider = await db.Companies.SingleAsync(c => c.Name == "Northwind Distribution");
            var plans = await db.CustomerLicenses.Where(l => db.Companies.Any(c => c.Id == l.Customer.OwnerId && (c.Id == provider.Id || c.ProviderId == provider.Id)))
                .Select(l => l.ServicePlanId).Distinct().ToListAsync();
            foreach (var plan in plans)
            {
                db.PlanPrices.Add(PlanPrice.Set(provider.Id, plan, BillingPeriod.Monthly, UnitPrice, LongAgo, Currency.Usd, LongAgo, factory.Clock.GetUtcNow()));
            }

            await db.SaveChangesAsync();
        }

        factory.Clock.Set(new DateTimeOffset(month.AddMonths(1).ToDateTime(new TimeOnly(0, 5)), TimeSpan.Zero));
        var run = await factory.Services.GetRequiredService<MonthCloseJob>().RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.True(run.Closed >= 3, $"The month close closed {run.Closed} statements.");
        return month;
    }

    /// <summary>The statement of <paramref name="company"/> for <paramref name="month"/>, with its lines.</summary>
    public static Task<Statement> OfAsync(PortalFactory factory, string company, DateOnly month) =>
        factory.QueryAsync(db => db.Statements.AsNoTracking().Include(s => s.Lines)
            .SingleAsync(s => s.Month == month && db.Companies.Any(c => c.Id == s.CompanyId && c.Name == company)));

    public static Task<Guid> CompanyAsync(PortalFactory factory, string name) =>
        factory.QueryAsync(db => db.Companies.Where(c => c.Name == name).Select(c => c.Id).SingleAsync());

    /// <summary>
    /// A closed (Preparing) statement of <paramref name="company"/> for <paramref name="month"/> with <paramref name="lines"/>
    /// made-up lines over its customers' licenses, 3 units at <see cref="UnitPrice"/> for the whole month each; saved as it is.
    /// </summary>
    public static async Task<Statement> MadeUpAsync(PortalFactory factory, string company, DateOnly month, int lines, Func<int, string>? customerName = null)
    {
        await using var db = factory.CreateDbContext();
        var buyer = await db.Companies.SingleAsync(c => c.Name == company);
        var licenses = await db.CustomerLicenses.Where(l => l.Customer.OwnerId == buyer.Id)
            .Select(l => new { l.Id, l.ServicePlanId, l.CustomerId, Customer = l.Customer.Name, Plan = l.Plan.Name }).ToListAsync();
        var days = month.AddMonths(1).AddDays(-1).Day;
        var statement = Statement.Open(buyer.ProviderId ?? buyer.Id, buyer.Id, month, Currency.Usd);
        statement.Close(Enumerable.Range(0, lines).Select(i =>
        {
            var license = licenses[i % licenses.Count];
            var charge = new ChargeLine(license.Id, license.ServicePlanId, month, month.AddDays(days - 1), days, days, 3, null, 3, UnitPrice, 3 * UnitPrice);
            return (Func<Guid, StatementLine>)(id => StatementLine.Of(id, charge, license.CustomerId, customerName?.Invoke(i) ?? license.Customer, license.Plan));
        }), month.AddMonths(1));
        db.Statements.Add(statement);
        await db.SaveChangesAsync();
        return statement;
    }
}
