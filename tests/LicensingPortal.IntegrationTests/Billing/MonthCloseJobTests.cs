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

/// <summary>R24: after the month, each buyer's statement is closed once, on any number of nodes; at the deadline it is submitted.</summary>
public abstract class MonthCloseJobTests : MigratedDatabaseTests
{
    private static readonly DateOnly LongAgo = new(2026, 1, 1);
    private static readonly DateOnly November = new(2026, 11, 1);
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 12, 1, 0, 5, 0, TimeSpan.Zero));

    [Fact]
    public async Task November_closes_once_on_the_1st_of_December_even_on_three_nodes_at_once_R24()
    {
        var msp = await SeedAsync();
        _clock.Set(new DateTimeOffset(2026, 11, 30, 23, 59, 0, TimeSpan.Zero));
        var nodes = Enumerable.Range(0, 3).Select(_ => Node()).ToList();
        // The first run closes October for both buyers (the MSP's license was bought on the 3rd); October's deadline,
        // the 5th of November, has passed, so both are submitted at once. November is not over.
        Assert.Equal(new MonthCloseRun(2, 2), await nodes[0].Job.RunOnceAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await CountAsync(November));

        _clock.Set(new DateTimeOffset(2026, 12, 1, 0, 5, 0, TimeSpan.Zero));
        var runs = await Task.WhenAll(nodes.Select(n => n.Job.RunOnceAsync(TestContext.Current.CancellationToken)));

        await using var db = Database.CreateContext();
        var statements = await db.Statements.AsNoTracking().Include(s => s.Lines).Where(s => s.Month == November).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, statements.Count); // the MSP's, and the provider's own (no direct customers: no lines)
        Assert.Equal(2, runs.Sum(r => r.Closed));
        Assert.Equal(0, runs.Sum(r => r.Submitted)); // November's deadline is the 5th of December
        Assert.All(statements, s => Assert.Equal(StatementState.Preparing, s.State));
        var mine = statements.Single(s => s.CompanyId == msp);
        Assert.Equal(10 * 10.00m * 15 / 30 + 15 * 10.00m * 15 / 30, mine.Total); // 50.00 + 75.00
        Assert.Equal(2, mine.Lines.Count);
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == "StatementClosed" && a.At >= new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero), TestContext.Current.CancellationToken));
        Assert.Equal(new MonthCloseRun(0, 0), await nodes[1].Job.RunOnceAsync(TestContext.Current.CancellationToken));
        foreach (var node in nodes)
        {
            await node.Services.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_statement_the_partner_has_not_submitted_is_submitted_on_the_providers_deadline_day_R24()
    {
        var msp = await SeedAsync();
        var node = Node();
        _clock.Set(new DateTimeOffset(2026, 12, 1, 0, 5, 0, TimeSpan.Zero));
        await node.Job.RunOnceAsync(TestContext.Current.CancellationToken);

        _clock.Set(new DateTimeOffset(2026, 12, 4, 23, 59, 0, TimeSpan.Zero));
        var dayBefore = await node.Job.RunOnceAsync(TestContext.Current.CancellationToken);
        _clock.Set(new DateTimeOffset(2026, 12, 5, 0, 1, 0, TimeSpan.Zero));
        var onTheDay = await node.Job.RunOnceAsync(TestContext.Current.CancellationToken);

        await using var db = Database.CreateContext();
        var mine = await db.Statements.AsNoTracking().SingleAsync(s => s.CompanyId == msp && s.Month == November, TestContext.Current.CancellationToken);
        Assert.Equal(0, dayBefore.Submitted);
        Assert.Equal(2, onTheDay.Submitted);
        Assert.Equal(StatementState.Submitted, mine.State);
        Assert.Equal("System (statement deadline)", mine.SubmittedBy);
        await node.Services.DisposeAsync();
    }

    private async Task<int> CountAsync(DateOnly month)
    {
        await using var db = Database.CreateContext();
        return await db.Statements.CountAsync(s => s.Month == month, TestContext.Current.CancellationToken);
    }

    private (ServiceProvider Services, MonthCloseJob Job) Node()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPortalDatabase(Database.Settings)
            .AddSingleton<MonthCloseJob>()
            .BuildServiceProvider();
        return (services, services.GetRequiredService<MonthCloseJob>());
    }

    private async Task<Guid> SeedAsync()
    {
        await using var db = Database.CreateContext();
        var at = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var provider = Company.CreateProvider("Northwind", "US", "US", at);
        var msp = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Contoso MSP", null, "ops@contoso.example", null, null, "US", "US"), at);
        var product = Product.Create("Email Security", ["Standard"]);
        var pool = LicensePool.Assign(msp, product, product.ServiceLevels[0].Id, LicenseType.Full, 1000, LongAgo, LongAgo.AddYears(3));
        var plan = ServicePlan.Create(msp, product, new ServicePlanDefinition("Email Standard", product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 1, true, false), at);
        var customer = Customer.Create(msp, "Maple Street Pharmacy", null, "US", at);
        var someone = new Actor(null, "Tester");
        var (license, bought) = CustomerLicense.Purchase(customer, plan, 10, pool, someone, new DateTimeOffset(2026, 10, 3, 9, 0, 0, TimeSpan.Zero));
        var changed = license.Modify(license.Settings with { Units = 15 }, null, _ => pool, someone, new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero));
        db.AddRange(provider, msp, product, pool, plan, customer, license);
        db.LicenseTransactions.AddRange(bought, changed);
        db.PlanPrices.Add(PlanPrice.Set(provider.Id, plan.Id, BillingPeriod.Monthly, 10.00m, LongAgo, Currency.Usd, LongAgo, at));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return msp.Id;
    }
}

public sealed class SqliteMonthCloseJobTests : MonthCloseJobTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlMonthCloseJobTests : MonthCloseJobTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
