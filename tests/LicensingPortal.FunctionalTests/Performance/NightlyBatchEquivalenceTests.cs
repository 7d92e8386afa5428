using LicensingPortal.Application.Licenses;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Performance;

/// <summary>
/// The nightly job's batches (set-based SQL, plans and owners loaded once per run, multi-row UPDATE and INSERT)
/// leave the database exactly as one unit of work per license would: the same licenses, scheduled changes,
/// pools and transactions, on a generated set with every license state (due renewals, expired, trials, End of
/// Life, suspended and canceled partners, due changes that apply and some that are refused).
/// </summary>
[Trait("Category", "Calendar")]
public sealed class NightlyBatchEquivalenceTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_batched_nightly_job_writes_what_one_unit_of_work_per_license_would_R7_R9()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        using (var scope = factory.Services.CreateScope())
        {
            await ActivatorUtilities.CreateInstance<ScaleDataGenerator>(scope.ServiceProvider)
                .GenerateAsync(new ScaleDataOptions(Partners: 60, Customers: 400, Licenses: 3000, PendingChangeShare: 0.15), cancellationToken);
        }

        var expected = await ExpectedAsync(cancellationToken);
        var before = await Demo.QueryAsync(factory, db => db.LicenseTransactions.Select(t => t.Id).ToListAsync(cancellationToken));
        Assert.Contains(expected.Transactions, t => t.Type == TransactionType.LicenseChange);
        Assert.Contains(expected.Transactions, t => t.Type == TransactionType.ScheduledChangeFailed);
        Assert.Contains(expected.Transactions, t => t.Type == TransactionType.AutoRenewal);

        // Batches of 40: the due changes and the renewals each run in many batches, read in one lane while the previous
        // batch is written in the other, and later batches use pools that earlier ones changed (and moved the versions of).
        var scheduler = factory.Services.GetRequiredService<LicenseScheduler>();
        scheduler.BatchSize = 40;
        var run = await scheduler.RunOnceAsync(cancellationToken);

        var actual = await StateAsync(before.ToHashSet(), cancellationToken);
        Assert.Equal(0, run.StillConflicting);
        Assert.Equal(0, run.BatchesOneByOne);
        Assert.True(expected.Transactions.Count(t => t.Type is TransactionType.LicenseChange or TransactionType.ScheduledChangeFailed) > 3 * scheduler.BatchSize, "several batches of due changes");
        Assert.True(run.Renewed > 3 * scheduler.BatchSize, "several batches of renewals");
        Assert.Equal(expected.Transactions.Count(t => t.Type == TransactionType.AutoRenewal), run.Renewed);
        Assert.Equal(expected.Licenses, actual.Licenses);
        Assert.Equal(expected.Changes, actual.Changes);
        Assert.Equal(expected.Pools, actual.Pools);
        Assert.Equal(expected.Transactions, actual.Transactions);
    }

    private sealed record LicenseState(Guid Id, Guid PlanId, int Units, DateOnly ExpiresOn, bool AutoRenew, int? AutoRenewMonths, int NotifyDaysBefore, int Version);

    private sealed record ChangeState(Guid Id, ScheduledChangeState State, string? Outcome);

    private sealed record PoolState(Guid Id, int UnitsTotal, int UnitsUsed, int UnitsRefilled);

    private sealed record TransactionState(Guid LicenseId, TransactionType Type, string? Before, string? After, string? Note) : IComparable<TransactionState>
    {
        public int CompareTo(TransactionState? other) =>
            other is null ? 1 : (LicenseId, Type).CompareTo((other.LicenseId, other.Type));
    }

    private sealed record State(List<LicenseState> Licenses, List<ChangeState> Changes, List<PoolState> Pools, List<TransactionState> Transactions);

    /// <summary>
    /// One tracked unit of work over every license, not saved: due changes in the job's order (by license id), then
    /// renewals of what is due afterwards, each through the same domain methods and the owner's tracked pools.
    /// </summary>
    private async Task<State> ExpectedAsync(CancellationToken cancellationToken)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = factory.Clock.GetUtcNow();
        var today = factory.Clock.Today;
        var licenses = (await db.CustomerLicenses.WithChangeGraph().ToListAsync(cancellationToken)).OrderBy(l => l.Id).ToList();
        var transactions = new List<LicenseTransaction>();
        foreach (var license in licenses.Where(l => l.PendingChange is { } change && change.ApplyOn <= today))
        {
            var change = license.PendingChange!;
            var newPlan = change.NewServicePlanId is { } planId && planId != license.ServicePlanId
                ? await db.ServicePlans.Include(p => p.Product).SingleAsync(p => p.Id == planId, cancellationToken)
                : null;
            var poolFor = await db.PoolsOfAsync(license.Customer.Owner, cancellationToken);
            transactions.AddRange(license.ApplyDueChange(newPlan, poolFor, now) is { } transaction ? [transaction] : []);
        }

        var versions = db.ChangeTracker.Entries<CustomerLicense>().ToDictionary(e => e.Entity.Id, e => e.Entity.Version + (e.State == EntityState.Modified ? 1 : 0));
        foreach (var license in licenses.Where(l => l.AutoRenew && l.ExpiresOn <= today && l.LicenseType != Domain.Licenses.LicenseType.Trial))
        {
            if (license.RenewIfDue(now) is { } transaction)
            {
                transactions.Add(transaction);
                versions[license.Id]++;
            }
        }

        db.ChangeTracker.DetectChanges();
        var changes = db.ChangeTracker.Entries<ScheduledLicenseChange>().Select(e => e.Entity).OrderBy(c => c.Id).Select(c => new ChangeState(c.Id, c.State, c.Outcome)).ToList();
        var pools = db.ChangeTracker.Entries<Domain.Licenses.LicensePool>().Select(e => e.Entity).ToList();
        var allPools = await db.LicensePools.AsNoTracking().ToListAsync(cancellationToken);
        return new State(
            licenses.Select(l => new LicenseState(l.Id, l.ServicePlanId, l.Units, l.ExpiresOn, l.AutoRenew, l.AutoRenewMonths, l.NotifyDaysBefore, versions[l.Id])).ToList(),
            changes,
            allPools.Select(p => pools.SingleOrDefault(t => t.Id == p.Id) ?? p).OrderBy(p => p.Id).Select(p => new PoolState(p.Id, p.UnitsTotal, p.UnitsUsed, p.UnitsRefilled)).ToList(),
            transactions.Select(t => new TransactionState(t.LicenseId, t.Type, t.Before, t.After, t.Note)).Order().ToList());
    }

    private Task<State> StateAsync(HashSet<Guid> transactionsBefore, CancellationToken cancellationToken) => Demo.QueryAsync(factory, async db => new State(
        (await db.CustomerLicenses.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(l => l.Id)
            .Select(l => new LicenseState(l.Id, l.ServicePlanId, l.Units, l.ExpiresOn, l.AutoRenew, l.AutoRenewMonths, l.NotifyDaysBefore, l.Version)).ToList(),
        (await db.ScheduledLicenseChanges.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(c => c.Id).Select(c => new ChangeState(c.Id, c.State, c.Outcome)).ToList(),
        (await db.LicensePools.AsNoTracking().ToListAsync(cancellationToken)).OrderBy(p => p.Id).Select(p => new PoolState(p.Id, p.UnitsTotal, p.UnitsUsed, p.UnitsRefilled)).ToList(),
        (await db.LicenseTransactions.AsNoTracking().ToListAsync(cancellationToken)).Where(t => !transactionsBefore.Contains(t.Id)).Select(t => new TransactionState(t.LicenseId, t.Type, t.Before, t.After, t.Note)).Order().ToList()));
}
