using LicensingPortal.Application.Billing;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LicensingPortal.IntegrationTests.Billing;

/// <summary>
/// R24 with R19 on each engine: two reports of the same license and day saved at the same moment (the second one's save
/// runs while the first is saving, made to happen by an interceptor, not by timing). The day keeps the higher figure
/// whichever saves first, and the day over its units is recorded once.
/// </summary>
public abstract class ReportUsageConcurrencyTests : MigratedDatabaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Yesterday = new(2026, 11, 23);
    private const int Units = 10;

    [Fact]
    public async Task A_first_report_of_a_day_inserted_by_another_meanwhile_is_read_again_and_the_higher_kept_R19_R24()
    {
        var (msp, license) = await SeedAsync();
        await using var other = Database.CreateContext();

        await using var db = ContextSaving(() => UseCase(other, msp).HandleAsync(Input(license, 12)));
        var result = await UseCase(db, msp).HandleAsync(Input(license, 11), TestContext.Current.CancellationToken);

        // Its insert lost to the other's (the unique day); read again, 11 is below 12: nothing to record.
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal((0, 1), (result.Value!.Recorded, result.Value.Unchanged));
        await AssertDayAsync(license, used: 12, alerts: 1);
    }

    [Fact]
    public async Task A_lower_report_saved_after_a_higher_one_read_the_same_version_never_overwrites_it_R19_R24()
    {
        var (msp, license) = await SeedAsync();
        await using (var first = Database.CreateContext())
        {
            Assert.True((await UseCase(first, msp).HandleAsync(Input(license, 6), TestContext.Current.CancellationToken)).Succeeded);
        }

        await using var other = Database.CreateContext();
        await using var db = ContextSaving(() => UseCase(other, msp).HandleAsync(Input(license, 12)));
        var result = await UseCase(db, msp).HandleAsync(Input(license, 11), TestContext.Current.CancellationToken);

        // Both read 6; the other saved 12 first, so this save of 11 found the version moved on, read again and kept 12.
        Assert.True(result.Succeeded, result.Message);
        Assert.Equal((0, 1), (result.Value!.Recorded, result.Value.Unchanged));
        await AssertDayAsync(license, used: 12, alerts: 1);
    }

    private async Task AssertDayAsync(Guid license, int used, int alerts)
    {
        await using var db = Database.CreateContext();
        Assert.Equal(used, (await db.LicenseUsages.SingleAsync(u => u.LicenseId == license && u.Day == Yesterday, TestContext.Current.CancellationToken)).Used);
        Assert.Equal(alerts, await db.OverProvisionedDays.CountAsync(d => d.LicenseId == license && d.Day == Yesterday, TestContext.Current.CancellationToken));
        Assert.Equal(used, (await db.OverProvisionedDays.FirstAsync(d => d.LicenseId == license, TestContext.Current.CancellationToken)).Used);
    }

    private static ReportUsageInput Input(Guid license, int used) => new() { Reports = [new UsageRow(license, Yesterday, used)] };

    private static ReportUsage UseCase(PortalDbContext db, Company company) =>
        new(db, new CompanyAdministrator(company), new TestClock(Now), new ReportUsageInputValidator());

    /// <summary>A context whose first save lets <paramref name="meanwhile"/> run to its end first: the other report saved in between.</summary>
    private PortalDbContext ContextSaving(Func<Task> meanwhile)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        Infrastructure.Persistence.DatabaseSetup.Configure(options, Database.Settings);
        options.AddInterceptors(new Meanwhile(meanwhile));
        return new PortalDbContext(options.Options);
    }

    private sealed class Meanwhile(Func<Task> action) : SaveChangesInterceptor
    {
        private bool _done;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!_done)
            {
                _done = true;
                await action();
            }

            return result;
        }
    }

    private async Task<(Company Msp, Guid License)> SeedAsync()
    {
        await using var db = Database.CreateContext();
        var someone = new Actor(null, "Tester");
        var provider = Company.CreateProvider("Northwind", "US", "US", Now.AddYears(-1));
        var msp = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Contoso MSP", null, "ops@contoso.example", null, null, "US", "US"), Now.AddYears(-1));
        var product = Product.Create("Email Security", ["Standard"]);
        var level = product.ServiceLevels[0].Id;
        var pool = LicensePool.Assign(msp, product, level, LicenseType.Full, 1000, new DateOnly(2026, 1, 1), new DateOnly(2028, 1, 1));
        var plan = ServicePlan.Create(msp, product, new ServicePlanDefinition("Email Standard", level, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 1, true, false), Now.AddYears(-1));
        var customer = Customer.Create(msp, "Maple Street Pharmacy", null, "US", Now.AddYears(-1));
        var (license, bought) = CustomerLicense.Purchase(customer, plan, Units, pool, someone, Now.AddMonths(-2));
        db.AddRange(provider, msp, product, pool, plan, customer, license);
        db.LicenseTransactions.Add(bought);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (msp, license.Id);
    }
}

public sealed class SqliteReportUsageConcurrencyTests : ReportUsageConcurrencyTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlReportUsageConcurrencyTests : ReportUsageConcurrencyTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
