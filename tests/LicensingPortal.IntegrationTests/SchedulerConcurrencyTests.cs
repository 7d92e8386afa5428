using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests;

/// <summary>
/// R7 exactly once: several schedulers ("nodes", each with its own services) run at the same instant on
/// one database; every due change is applied once, with one transaction, none missed.
/// </summary>
[Trait("Category", "Calendar")]
public abstract class SchedulerConcurrencyTests : MigratedDatabaseTests
{
    private static readonly DateTimeOffset Now = TestToday.Now;
    private readonly TestClock _clock = new(Now);

    /// <summary>How many changes fall due at once: more than one batch (PostgreSQL takes the 1,000).</summary>
    protected virtual int DueChanges => LicenseScheduler.DefaultBatchSize + 50;

    [Fact]
    public async Task A_node_stopped_mid_run_loses_nothing_and_the_next_run_applies_the_rest_R7()
    {
        var licenses = DueChanges;
        await SeedDueChangesAsync(licenses);
        _clock.AdvanceDays(7);
        using var stop = new CancellationTokenSource();
        var node = Node(new StopAfterCommits(1, stop));

        // The node stops (as if killed) right after its first batch is committed.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => node.Scheduler.RunOnceAsync(stop.Token));

        await using (var db = Database.CreateContext())
        {
            Assert.Equal(LicenseScheduler.DefaultBatchSize, await db.ScheduledLicenseChanges.CountAsync(c => c.State == ScheduledChangeState.Applied));
            Assert.Equal(LicenseScheduler.DefaultBatchSize, await db.LicenseTransactions.CountAsync(t => t.Type == TransactionType.LicenseChange));
        }

        await Node().Scheduler.RunOnceAsync();

        await using var check = Database.CreateContext();
        Assert.Equal(licenses, await check.ScheduledLicenseChanges.CountAsync(c => c.State == ScheduledChangeState.Applied));
        Assert.Equal(licenses, await check.LicenseTransactions.CountAsync(t => t.Type == TransactionType.LicenseChange));
        await node.Services.DisposeAsync();
    }

    [Fact]
    public async Task Three_nodes_running_the_job_at_once_apply_each_due_change_exactly_once_R7()
    {
        var licenses = DueChanges;
        await SeedDueChangesAsync(licenses);
        _clock.AdvanceDays(7);
        var nodes = Enumerable.Range(0, 3).Select(_ => Node()).ToList();

        var runs = await Task.WhenAll(nodes.Select(n => Task.Run(() => n.Scheduler.RunOnceAsync())));
        var again = await nodes[0].Scheduler.RunOnceAsync();

        await using var db = Database.CreateContext();
        Assert.Equal(licenses, runs.Sum(r => r.ChangesApplied));
        Assert.Equal(0, again.ChangesApplied);
        Assert.Equal(licenses, await db.ScheduledLicenseChanges.CountAsync(c => c.State == ScheduledChangeState.Applied));
        Assert.Equal(licenses, await db.CustomerLicenses.CountAsync(l => l.Units == 20));
        var applied = await db.LicenseTransactions.Where(t => t.Type == TransactionType.LicenseChange).GroupBy(t => t.LicenseId).Select(g => g.Count()).ToListAsync();
        Assert.Equal(licenses, applied.Count);
        Assert.All(applied, count => Assert.Equal(1, count));
        foreach (var node in nodes)
        {
            await node.Services.DisposeAsync();
        }
    }

    [Fact]
    public async Task Settings_saved_after_scheduling_survive_the_nightly_batch_and_a_change_the_pool_cannot_cover_is_refused_R23()
    {
        await SeedDueChangesAsync(3);
        Guid kept, refused;
        await using (var db = Database.CreateContext())
        {
            var licenses = await db.CustomerLicenses.Include(l => l.Customer).ThenInclude(c => c.Owner).Include(l => l.Plan).ThenInclude(p => p.Product)
                .Include(l => l.ScheduledChanges).OrderBy(l => l.Customer.Name).ToListAsync();
            var pool = await db.LicensePools.SingleAsync();
            kept = licenses[0].Id;
            refused = licenses[1].Id;

            // Saved now, after the units change (10 → 20) was scheduled: notification and auto-renewal.
            db.LicenseTransactions.Add(licenses[0].Modify(licenses[0].Settings with { NotifyDaysBefore = 61, AutoRenew = false, AutoRenewMonths = null }, null, _ => pool, new Actor(null, "Tester"), Now));

            // The second license's change is replaced by one the pool cannot cover on its day.
            db.LicenseTransactions.Add(licenses[1].Schedule(licenses[1].Settings with { Units = pool.UnitsTotal + 1 }, null, TestToday.Date.AddDays(7), new Actor(null, "Tester"), Now));
            await db.SaveChangesAsync();
        }

        _clock.AdvanceDays(7);
        var node = Node();
        await node.Scheduler.RunOnceAsync();

        await using var check = Database.CreateContext();
        var after = await check.CustomerLicenses.AsNoTracking().SingleAsync(l => l.Id == kept);
        Assert.Equal((20, 61, false), (after.Units, after.NotifyDaysBefore, after.AutoRenew));
        Assert.Equal(10, (await check.CustomerLicenses.AsNoTracking().SingleAsync(l => l.Id == refused)).Units);
        Assert.StartsWith("R12", (await check.ScheduledLicenseChanges.AsNoTracking().SingleAsync(c => c.LicenseId == refused && c.State == ScheduledChangeState.Refused)).Outcome, StringComparison.Ordinal);
        await node.Services.DisposeAsync();
    }

    private (ServiceProvider Services, LicenseScheduler Scheduler) Node(IInterceptor? interceptor = null)
    {
        var collection = new ServiceCollection();
        if (interceptor is not null)
        {
            collection.AddSingleton(interceptor);
        }

        var services = collection
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPortalDatabase(Database.Settings)
            .AddSingleton<LicenseScheduler>()
            .BuildServiceProvider();
        return (services, services.GetRequiredService<LicenseScheduler>());
    }

    private Task SeedDueChangesAsync(int count) => DueChangesSeed.SeedAsync(Database, count, Now);
}

/// <summary>Cancels the node's run after it has committed <paramref name="commits"/> units of work (batches or single licenses).</summary>
internal sealed class StopAfterCommits(int commits, CancellationTokenSource stop) : DbTransactionInterceptor
{
    private int _committed;

    public override Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (Interlocked.Increment(ref _committed) == commits)
        {
            stop.Cancel();
        }

        return Task.CompletedTask;
    }
}

public sealed class SqliteSchedulerConcurrencyTests : SchedulerConcurrencyTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlSchedulerConcurrencyTests : SchedulerConcurrencyTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
