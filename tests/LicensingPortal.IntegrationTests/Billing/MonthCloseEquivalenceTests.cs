using LicensingPortal.Application.Billing;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests.Billing;

/// <summary>
/// R24 at scale, without timings: the month close over a generated set (bench/run's generator, small) writes for each
/// buyer exactly the lines <see cref="StatementCalculator"/> gives that buyer alone, read back from the database with
/// their amounts and the statement's total. The set has what a month can hold: partner discounts and own prices, a
/// price raised on the 15th, plans charged by use with their usage, mid-month unit changes, partners suspended all
/// month or for ten days of it, canceled partners.
/// </summary>
public abstract class MonthCloseEquivalenceTests : MigratedDatabaseTests
{
    private static readonly DateOnly November = new(2026, 11, 1);
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero));

    private sealed record Line(Guid LicenseId, DateOnly From, DateOnly To, Guid CustomerId, string CustomerName, Guid PlanId, string PlanName, int Days, int Provisioned, int? Used, int Chargeable, decimal MonthlyUnitPrice, decimal Amount, bool PartnerSuspended);

    [Fact]
    public async Task The_month_close_writes_for_every_buyer_the_lines_the_calculator_gives_it_R24()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var services = Services();
        await using (var scope = services.CreateAsyncScope())
        {
            var summary = await ActivatorUtilities.CreateInstance<ScaleDataGenerator>(scope.ServiceProvider)
                .GenerateAsync(new ScaleDataOptions(Partners: 60, Customers: 600, Licenses: 4_000), cancellationToken);
            Assert.Equal(November, summary.Month);
        }

        // The demo data's partners have their November statements already (demo billing); the generated ones do not.
        HashSet<Guid> seeded;
        await using (var before = Database.CreateContext())
        {
            seeded = (await before.Statements.Where(s => s.Month == November).Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet();
        }

        var closedAt = new DateTimeOffset(2026, 12, 1, 0, 5, 0, TimeSpan.Zero);
        _clock.Set(closedAt);
        var run = await services.GetRequiredService<MonthCloseJob>().RunOnceAsync(cancellationToken);

        await using var db = Database.CreateContext();
        var companies = await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken);
        var statements = (await db.Statements.AsNoTracking().Include(s => s.Lines).Where(s => s.Month == November).ToListAsync(cancellationToken))
            .Where(s => !seeded.Contains(s.Id))
            .ToList();
        Assert.Equal(statements.Count, run.Closed);
        Assert.True(statements.Count > 60, $"{statements.Count} statements");
        var calculator = new StatementCalculator(db);
        var all = new List<Line>();
        foreach (var statement in statements)
        {
            var expected = (await calculator.LinesAsync(companies[statement.ProviderId], companies[statement.CompanyId], November, cancellationToken))
                .Select(l => new Line(
                    l.Charge.LicenseId, l.Charge.From, l.Charge.To, l.CustomerId, l.CustomerName, l.Charge.PlanId, l.PlanName, l.Charge.Days, l.Charge.Provisioned,
                    l.Charge.Used, l.Charge.Chargeable, decimal.Round(l.Charge.MonthlyUnitPrice, 10), l.Charge.Amount, l.Charge.PartnerSuspended)) // the column keeps 10 decimals
                .ToList();
            var written = statement.Lines
                .Select(l => new Line(l.LicenseId, l.From, l.To, l.CustomerId, l.CustomerName, l.PlanId, l.PlanName, l.Days, l.Provisioned, l.Used, l.CalculatedChargeable, decimal.Round(l.MonthlyUnitPrice, 10), l.Amount, l.PartnerSuspended))
                .OrderBy(l => l.LicenseId).ThenBy(l => l.From)
                .ToList();

            Assert.Equal(expected.OrderBy(l => l.LicenseId).ThenBy(l => l.From), written);
            Assert.Equal(expected.Sum(l => l.Amount), statement.Total);
            all.AddRange(written);
        }

        // What the set is for: each of these is in it.
        Assert.True(all.Count > 2_000, $"{all.Count} lines");
        Assert.Contains(all, l => l.PartnerSuspended && l.Chargeable == 0);
        Assert.Contains(all, l => l.Used is not null && l.Chargeable != l.Provisioned);
        Assert.Contains(all, l => l.Days < 30 && !l.PartnerSuspended);
        Assert.True(all.Where(l => l.Amount > 0).Select(l => (l.PlanId, l.MonthlyUnitPrice)).Distinct().Count() > all.Select(l => l.PlanId).Distinct().Count(), "partner prices and the raised price");
        Assert.Equal(run.Closed, await db.AuditEntries.CountAsync(a => a.Action == "StatementClosed" && a.At == closedAt, cancellationToken));
        Assert.Equal(new MonthCloseRun(0, 0), await services.GetRequiredService<MonthCloseJob>().RunOnceAsync(cancellationToken));
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddPortalDatabase(Database.Settings);
        services.AddIdentityCore<PortalUser>(o => o.User.RequireUniqueEmail = true)
            .AddRoles<PortalRole>()
            .AddEntityFrameworkStores<PortalDbContext>();
        services.AddScoped<DemoDataSeeder>();
        services.AddSingleton<MonthCloseJob>();
        return services.BuildServiceProvider();
    }
}

public sealed class SqliteMonthCloseEquivalenceTests : MonthCloseEquivalenceTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlMonthCloseEquivalenceTests : MonthCloseEquivalenceTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
