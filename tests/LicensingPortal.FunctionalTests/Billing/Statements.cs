using System.Runtime.CompilerServices;
using LicensingPortal.Domain.Billing;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>Statements on the demo data (R24, with its prices): this month closed by the real month-close job, or one made to measure.</summary>
internal static class Statements
{
    /// <summary>The unit price of a made-up statement's lines.</summary>
    public const decimal UnitPrice = 10.00m;

    private static readonly ConditionalWeakTable<PortalFactory, Task<DateOnly>> Closed = [];

    /// <summary>
    /// Moves the clock to the first minute of next month and runs <see cref="MonthCloseJob"/>: each buyer's statement of
    /// the clock's month is then Preparing (from the demo's history and prices), audited "StatementClosed"; last month's
    /// demo statements still waiting are submitted at their deadline. Once per factory; answers the month closed.
    /// </summary>
    public static Task<DateOnly> CloseThisMonthAsync(PortalFactory factory)
    {
        lock (Closed)
        {
            return Closed.GetValue(factory, CloseAsync);
        }
    }

    private static async Task<DateOnly> CloseAsync(PortalFactory factory)
    {
        factory.CreateDbContext().Dispose(); // the app started: migrated and seeded on today's clock
        var today = factory.Clock.Today;
        var month = new DateOnly(today.Year, today.Month, 1);
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
