using FluentValidation;
using LicensingPortal.Application;
using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests.Billing;

/// <summary>
/// R24's statement page reads a page of customers' lines and the rest as sums in the database (docs/performance.md):
/// whatever page is read, its totals, counts, adjustments, resale amount and chart are the ones the whole statement's
/// lines give, after the month close, the partner's adjustments and a correction carried from an approved month.
/// </summary>
public abstract class StatementPageTests : MigratedDatabaseTests
{
    private const int CustomerCount = 230;
    private static readonly DateOnly LongAgo = new(2026, 1, 1);
    private static readonly DateOnly October = new(2026, 10, 1);
    private static readonly DateOnly November = new(2026, 11, 1);
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 11, 1, 0, 5, 0, TimeSpan.Zero));
    private Company _provider = null!;
    private Company _msp = null!;

    [Fact]
    public async Task Every_page_of_a_statement_has_the_totals_its_lines_give_after_adjustments_and_a_carried_correction_R24()
    {
        var statementId = await CloseAdjustAndCarryAsync();
        var lines = await LinesAsync(statementId);
        Assert.Contains(lines, l => l.IsCarriedAdjustment);
        Assert.True(lines.Count(l => l.AdjustedChargeable is not null) >= 3);

        foreach (var reader in new[] { new CompanyAdministrator(_msp), new CompanyAdministrator(_provider) })
        {
            var whole = (await Run(reader, s => s.GetRequiredService<GetStatement>().HandleAsync(statementId)))!;
            var pages = new List<StatementView> { (await Run(reader, s => s.GetRequiredService<GetStatement>().PageAsync(statementId, 1)))! };
            for (var page = 2; page <= pages[0].Extent.Pages; page++)
            {
                pages.Add((await Run(reader, s => s.GetRequiredService<GetStatement>().PageAsync(statementId, page)))!);
            }

            // The whole statement: its total is the sum of its lines, as kept with it; every customer's subtotal is the sum of theirs.
            Assert.Equal(lines.Sum(l => l.Amount), whole.Total);
            Assert.Equal(CustomerCount, whole.Customers.Count);
            Assert.Equal(lines.Count(l => !l.IsCarriedAdjustment), whole.Lines);
            Assert.All(whole.Customers, c => Assert.Equal(lines.Where(l => !l.IsCarriedAdjustment && l.CustomerId == c.CustomerId).Sum(l => l.Amount), c.Subtotal));

            // The page: a hundred customers at a time, in the whole statement's order, with the whole statement's figures.
            Assert.Equal(3, pages.Count);
            Assert.Equal([100, 100, 30], pages.Select(p => p.Customers.Count));
            Assert.Equal([0, 100, 200], pages.Select(p => p.Extent.First));
            Assert.Equal(
                whole.Customers.Select(c => (c.CustomerId, c.Name, c.Subtotal, Lines: string.Join(",", c.Lines.Select(l => $"{l.Id}:{l.Chargeable}:{l.Amount}:{l.Resale}")))),
                pages.SelectMany(p => p.Customers).Select(c => (c.CustomerId, c.Name, c.Subtotal, Lines: string.Join(",", c.Lines.Select(l => $"{l.Id}:{l.Chargeable}:{l.Amount}:{l.Resale}")))));
            foreach (var page in pages)
            {
                Assert.Equal((whole.Total, whole.Lines, whole.Version), (page.Total, page.Lines, page.Version));
                Assert.Equal(new StatementExtent(page.Extent.Page, 3, page.Extent.First, CustomerCount, whole.Lines, whole.Extent.Unpriced), page.Extent);
                Assert.Equal(whole.Adjustments.Select(l => (l.Id, l.Amount, l.Resale)), page.Adjustments.Select(l => (l.Id, l.Amount, l.Resale)));
                Assert.Equal((whole.Resale, whole.Margin), (page.Resale, page.Margin));
                Assert.Equal(whole.Chart.Months, page.Chart.Months);
                Assert.Equal(whole.Chart.Series.Select(s => (s.Product, string.Join(";", s.Units))), page.Chart.Series.Select(s => (s.Product, string.Join(";", s.Units))));
            }

            var customerLines = whole.Customers.SelectMany(c => c.Lines).ToList();
            if (reader.CompanyId == _msp.Id)
            {
                // At the MSP's resale prices (one plan of two has them): the sum of the priced lines, less what the lines cost it.
                Assert.Equal(customerLines.Sum(l => l.Resale ?? 0m), whole.Resale);
                Assert.Equal(customerLines.Sum(l => l.Resale ?? 0m) - customerLines.Sum(l => l.Amount), whole.Margin);
                Assert.Equal(customerLines.Count(l => l.Resale is null), whole.Extent.Unpriced);
                Assert.InRange(whole.Extent.Unpriced, 1, whole.Lines - 1);
            }
            else
            {
                Assert.Null(whole.Resale);
                Assert.Null(whole.Margin);
                Assert.Equal(0, whole.Extent.Unpriced);
            }

            // Two months of stored statements in the chart: October's units and November's, as adjusted (each product's rounded to 0.1).
            var units = customerLines.Sum(l => (decimal)l.Chargeable * l.Days / l.DaysInMonth);
            Assert.InRange(whole.Chart.Series.Sum(s => s.Units[^1]) - units, -0.05m * whole.Chart.Series.Count, 0.05m * whole.Chart.Series.Count);
            Assert.True(whole.Chart.Series.Sum(s => s.Units[^2]) > 0);
        }
    }

    [Fact]
    public async Task A_page_beyond_the_last_shows_the_last_and_a_lines_page_is_its_customers_R24()
    {
        var statementId = await CloseAdjustAndCarryAsync();
        var msp = new CompanyAdministrator(_msp);
        var whole = (await Run(msp, s => s.GetRequiredService<GetStatement>().HandleAsync(statementId)))!;
        var line = whole.Customers[125].Lines[0]; // the 126th customer: page 2

        var beyond = (await Run(msp, s => s.GetRequiredService<GetStatement>().PageAsync(statementId, 99)))!;
        var before = (await Run(msp, s => s.GetRequiredService<GetStatement>().PageAsync(statementId, -4)))!;
        var ofLine = (await Run(msp, s => s.GetRequiredService<GetStatement>().PageAsync(statementId, 3, line.Id)))!;

        Assert.Equal((3, 200), (beyond.Extent.Page, beyond.Extent.First));
        Assert.Equal(1, before.Extent.Page);
        Assert.Equal(2, ofLine.Extent.Page);
        Assert.Contains(ofLine.Customers, c => c.Lines.Any(l => l.Id == line.Id));
        Assert.Null(await Run(new CompanyAdministrator(_provider), s => s.GetRequiredService<GetStatement>().PageAsync(Guid.NewGuid(), 1)));
    }

    private async Task<List<StatementLine>> LinesAsync(Guid statementId)
    {
        await using var db = Database.CreateContext();
        return await db.Statements.AsNoTracking().Where(s => s.Id == statementId).SelectMany(s => s.Lines).ToListAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// One MSP with 230 customers on two plans (the MSP keeps a resale price for one), bought in October, a third of
    /// them changed in November; October and November closed by the month-close job; the MSP adjusts three November
    /// lines (on each page of customers) and an October correction is carried into November. Answers November's statement.
    /// </summary>
    private async Task<Guid> CloseAdjustAndCarryAsync()
    {
        await using (var db = Database.CreateContext())
        {
            var at = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
            var someone = new Actor(null, "Tester");
            _provider = Company.CreateProvider("Northwind", "US", "US", at);
            var product = Product.Create("Email Security", ["Standard"]);
            _msp = Company.CreatePartner(_provider, CompanyType.Msp, new CompanyProfile("Contoso MSP", null, "ops@example.com", null, null, "US", "US"), at);
            var pool = LicensePool.Assign(_msp, product, product.ServiceLevels[0].Id, LicenseType.Full, 1_000_000, LongAgo, LongAgo.AddYears(3));
            var plans = new[] { "Email Standard", "Email Plus" }
                .Select(name => ServicePlan.Create(_msp, product, new ServicePlanDefinition(name, product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 1, true, false), at))
                .ToList();
            db.AddRange(_provider, product, _msp, pool);
            db.AddRange(plans);
            db.PlanPrices.Add(PlanPrice.Set(_provider.Id, plans[0].Id, BillingPeriod.Monthly, 10.00m, LongAgo, Currency.Usd, LongAgo, at));
            db.PlanPrices.Add(PlanPrice.Set(_provider.Id, plans[1].Id, BillingPeriod.Monthly, 7.35m, LongAgo, Currency.Usd, LongAgo, at));
            db.PlanPrices.Add(PlanPrice.Set(_msp.Id, plans[0].Id, BillingPeriod.Monthly, 12.49m, LongAgo, Currency.Usd, LongAgo, at));
            for (var i = 0; i < CustomerCount; i++)
            {
                // Names whose order differs by case and by number of digits, as real ones do.
                var customer = Customer.Create(_msp, i % 3 == 0 ? $"customer {i}" : $"Customer {i:000}", null, "US", at);
                var (license, bought) = CustomerLicense.Purchase(customer, plans[i % 2], 1 + (i % 7), pool, someone, new DateTimeOffset(2026, 10, 3 + (i % 20), 9, 0, 0, TimeSpan.Zero));
                db.AddRange(customer, license);
                db.LicenseTransactions.Add(bought);
                if (i % 3 == 1)
                {
                    db.LicenseTransactions.Add(license.Modify(license.Settings with { Units = 2 + (i % 7) + (i % 5) }, null, _ => pool, someone, new DateTimeOffset(2026, 11, 1 + (i % 28), 9, 0, 0, TimeSpan.Zero)));
                }
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await RunMonthCloseAsync(); // October, on the 1st of November
        _clock.Set(new DateTimeOffset(2026, 12, 1, 0, 5, 0, TimeSpan.Zero));
        await RunMonthCloseAsync(); // November

        Guid statementId;
        await using (var db = Database.CreateContext())
        {
            statementId = await db.Statements.Where(s => s.CompanyId == _msp.Id && s.Month == November).Select(s => s.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        var msp = new CompanyAdministrator(_msp);
        var whole = (await Run(msp, s => s.GetRequiredService<GetStatement>().HandleAsync(statementId)))!;
        foreach (var (customer, chargeable) in new[] { (3, 0), (120, 40), (229, 55) })
        {
            var line = whole.Customers[customer].Lines[0];
            var adjusted = await Run(msp, s => s.GetRequiredService<AdjustStatementLine>().HandleAsync(statementId, new AdjustStatementLineInput
            {
                LineId = line.Id,
                Chargeable = chargeable,
                Comment = "Counted again with the customer",
                Version = whole.Version,
            }));
            Assert.True(adjusted.Succeeded, adjusted.Message);
            whole = (await Run(msp, s => s.GetRequiredService<GetStatement>().HandleAsync(statementId)))!;
        }

        await using (var db = Database.CreateContext())
        {
            var october = await db.Statements.AsNoTracking().Include(s => s.Lines).SingleAsync(s => s.CompanyId == _msp.Id && s.Month == October, TestContext.Current.CancellationToken);
            var november = await db.Statements.Include(s => s.Lines).SingleAsync(s => s.Id == statementId, TestContext.Current.CancellationToken);
            november.Carry(october.Lines[0], -3.33m, "October: a unit credited back after the approval.");
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        return statementId;
    }

    private async Task<T> Run<T>(ICurrentUser user, Func<IServiceProvider, Task<T>> action)
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPortalDatabase(Database.Settings)
            .AddPortalUseCases()
            .AddSingleton<IValidator<AdjustStatementLineInput>, AdjustStatementLineInputValidator>()
            .AddSingleton(user);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private async Task RunMonthCloseAsync()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPortalDatabase(Database.Settings)
            .AddSingleton<MonthCloseJob>()
            .BuildServiceProvider();
        await services.GetRequiredService<MonthCloseJob>().RunOnceAsync(TestContext.Current.CancellationToken);
    }
}

public sealed class SqliteStatementPageTests : StatementPageTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlStatementPageTests : StatementPageTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
