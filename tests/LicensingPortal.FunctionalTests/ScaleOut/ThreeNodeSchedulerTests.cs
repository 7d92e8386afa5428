using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.ScaleOut;

/// <summary>
/// Three real app hosts on one PostgreSQL database, 1,000 scheduled changes due at the same instant, the
/// job triggered on all three at once: every change applied exactly once, no transaction written twice.
/// </summary>
[Trait("Category", "Calendar")]
public sealed class ThreeNodeSchedulerTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = TestToday.Now;
    private readonly TestClock _clock = new(Start);
    private readonly List<NodeFactory> _nodes = [];
    private TestDatabase _database = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.PostgreSqlAsync();
        await _database.MigrateAsync();
        await DueChangesSeed.SeedAsync(_database, 1000, Start);
        for (var i = 0; i < 3; i++)
        {
            var node = new NodeFactory(_database.Settings, prepareDatabase: false, clock: _clock);
            _ = node.Server;
            _nodes.Add(node);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await _database.DisposeAsync();
    }

    [Fact]
    public async Task A_thousand_changes_due_at_once_are_applied_exactly_once_by_three_hosts_R7()
    {
        _clock.AdvanceDays(7);

        var runs = await Task.WhenAll(_nodes.Select(node =>
            Task.Run(() => node.Services.GetRequiredService<LicenseScheduler>().RunOnceAsync(TestContext.Current.CancellationToken))));

        await using var db = _database.CreateContext();
        Assert.Equal(1000, runs.Sum(r => r.ChangesApplied));
        Assert.Equal(1000, await db.ScheduledLicenseChanges.CountAsync(c => c.State == ScheduledChangeState.Applied, TestContext.Current.CancellationToken));
        var perLicense = await db.LicenseTransactions.Where(t => t.Type == TransactionType.LicenseChange)
            .GroupBy(t => t.LicenseId).Select(g => g.Count()).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1000, perLicense.Count);
        Assert.All(perLicense, count => Assert.Equal(1, count));
        Assert.Equal(1000, await db.CustomerLicenses.CountAsync(l => l.Units == 20, TestContext.Current.CancellationToken));
    }
}
