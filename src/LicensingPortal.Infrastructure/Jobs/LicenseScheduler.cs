using LicensingPortal.Application.Licenses;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LicensingPortal.Infrastructure.Jobs;

/// <summary>What a run did; <paramref name="BatchesOneByOne"/> counts the batches that met another writer's change and went license by license.</summary>
public sealed record SchedulerRun(int ChangesApplied, int ChangesRefused, int Renewed, int StillConflicting, int BatchesOneByOne);

/// <summary>
/// The background job: applies scheduled changes that are due (R7) and renews auto-renewing licenses at
/// expiry, each with its transaction (R9). It works in batches of <see cref="BatchSize"/> licenses: a batch
/// is loaded without change tracking, the domain applies each change or renewal in memory (the same
/// <see cref="CustomerLicense.ApplyDueChange"/> and <see cref="CustomerLicense.RenewIfDue"/> rules), and the
/// batch is written as set-based SQL in one database transaction: version-checked UPDATEs of the licenses,
/// changes and pools, and INSERTs of the transactions. Exactly once, even with several runs or web servers at
/// the same time (ADR 0008): when any row's version moved (another node got there first), the batch rolls
/// back whole and its licenses go through one unit of work each, where a stale save
/// (DbUpdateConcurrencyException) is skipped and the fresh reload finds nothing left to do.
/// </summary>
public sealed class LicenseScheduler(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LicenseScheduler> logger)
{
    public const int DefaultBatchSize = 1000;

    /// <summary>Licenses per batch; tests lower it to run many batches over a small data set.</summary>
    public int BatchSize { get; set; } = DefaultBatchSize;

    public async Task<SchedulerRun> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var run = new RunCounts();

        // One connection for the run's batches (the per-license fallback uses its own units of work): on SQLite its
        // page cache stays warm from batch to batch, and the tuning below applies to it alone.
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var tuning = await SqliteJobTuning.ApplyAsync(db, cancellationToken);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var timings = new Timings();
        var columns = new RunColumns(db);
        ReferenceData? loaded = null;

        // Loaded on the first batch only: most runs (every minute on every node) find nothing due.
        async Task<ReferenceData> Reference()
        {
            if (loaded is null)
            {
                var started = watch.Elapsed;
                loaded = await ReferenceData.LoadAsync(db, cancellationToken);
                timings.Reference = watch.Elapsed - started;
            }

            return loaded;
        }

        var changes = (await DueChangeLicensesAsync(db, today, cancellationToken)).Chunk(BatchSize).ToList();
        if (changes.Count > 0)
        {
            await ApplyDueChangesAsync(db, await Reference(), columns, changes, run, timings, cancellationToken);
        }

        var changesDone = watch.Elapsed;
        var renewals = (await DueRenewalsAsync(db, today, cancellationToken)).Chunk(BatchSize).ToList();
        if (renewals.Count > 0)
        {
            await RenewAllAsync(db, await Reference(), columns, renewals, run, timings, cancellationToken);
        }

        if (run.Applied + run.Refused + run.Renewed > 0)
        {
            logger.LogInformation("Scheduler: {Applied} scheduled changes applied, {Refused} refused, {Renewed} licenses renewed, {Skipped} left for the next run after repeated conflicts", run.Applied, run.Refused, run.Renewed, run.Skipped);
            logger.LogDebug("Scheduler timings: {Total:F2} s in all (due changes {Changes:F2} s, renewals {Renewals:F2} s); reference data {Reference:F2} s, loading batches {Load:F2} s, domain {Domain:F2} s, writing {Write:F2} s (loading beside writing)",
                watch.Elapsed.TotalSeconds, changesDone.TotalSeconds, (watch.Elapsed - changesDone).TotalSeconds, timings.Reference.TotalSeconds, timings.Load.TotalSeconds, timings.Domain.TotalSeconds, timings.Write.TotalSeconds);
        }

        return new SchedulerRun(run.Applied, run.Refused, run.Renewed, run.Skipped, run.BatchesOneByOne);
    }

    /// <summary>
    /// What a batch may write, from the EF model: every column but the key and the version of the licenses, their
    /// scheduled changes and the pools (<see cref="ChangedRows"/> SETs those the domain changed), and every column of
    /// the transactions it inserts.
    /// </summary>
    private sealed class RunColumns(PortalDbContext db)
    {
        public TableColumns Licenses { get; } = TableColumns.Changeable<CustomerLicense>(db);

        public TableColumns Changes { get; } = TableColumns.Changeable<ScheduledLicenseChange>(db);

        public TableColumns Pools { get; } = TableColumns.Changeable<LicensePool>(db);

        public TableColumns Transactions { get; } = TableColumns.Of<Domain.Auditing.LicenseTransaction>(db);
    }

    /// <summary>Where a run's time went (logged at Debug; docs/performance.md).</summary>
    private sealed class Timings
    {
        public TimeSpan Reference { get; set; }

        public TimeSpan Load { get; set; }

        public TimeSpan Domain { get; set; }

        public TimeSpan Write { get; set; }
    }

    private sealed class RunCounts
    {
        public int Applied { get; set; }

        public int Refused { get; set; }

        public int Renewed { get; set; }

        public int Skipped { get; set; }

        public int BatchesOneByOne { get; set; }

        public void Count(TransactionOutcome outcome, bool renewal)
        {
            switch (outcome)
            {
                case TransactionOutcome.Applied when renewal: Renewed++; break;
                case TransactionOutcome.Applied: Applied++; break;
                case TransactionOutcome.Refused when !renewal: Refused++; break;
                case TransactionOutcome.Skipped: Skipped++; break;
                case TransactionOutcome.Refused or TransactionOutcome.Nothing: break;
            }
        }
    }

    /// <summary>
    /// The plans (with their products) and companies, loaded once per run: a batch's licenses are joined to them
    /// in memory instead of loading the same few thousand rows again with every batch. A plan or partner edited
    /// during the run is seen by the next run (as it would be by a batch loaded a moment earlier).
    /// </summary>
    private sealed class ReferenceData(Dictionary<Guid, Domain.ServicePlans.ServicePlan> plans, Dictionary<Guid, Domain.Partners.Company> companies)
    {
        public static async Task<ReferenceData> LoadAsync(PortalDbContext db, CancellationToken cancellationToken) =>
            new(await db.ServicePlans.AsNoTrackingWithIdentityResolution().Include(p => p.Product).ToDictionaryAsync(p => p.Id, cancellationToken),
                await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken));

        public Domain.ServicePlans.ServicePlan? Plan(Guid id) => plans.GetValueOrDefault(id);

        /// <summary>Joins a license loaded by key to its customer (and scheduled changes), its plan and its owner.</summary>
        public void Attach(CustomerLicense license, Customer customer, IEnumerable<ScheduledLicenseChange>? scheduledChanges)
        {
            customer.AttachLoaded(companies[customer.OwnerId]);
            license.AttachLoaded(customer, plans[license.ServicePlanId], scheduledChanges);
        }
    }

    /// <summary>
    /// The partners' license pools for the run's due changes, each partner's loaded once, by the first batch that needs
    /// them, not again with every batch. A batch changes them in memory and writes the changed ones version-checked
    /// (ADR 0005): after its commit their expected versions move on with the database's; after a rollback the caller
    /// <see cref="Forget"/>s them, since the rolled-back batch had changed them in memory.
    /// </summary>
    private sealed class PoolsOfRun
    {
        private readonly Dictionary<Guid, List<LicensePool>> _byPartner = [];
        private readonly Dictionary<Guid, int> _versions = [];

        /// <summary>Loads the pools of the given partners not loaded yet, in one query.</summary>
        public async Task LoadAsync(PortalDbContext db, IEnumerable<Guid> partnerIds, CancellationToken cancellationToken)
        {
            var missing = partnerIds.Distinct().Where(id => !_byPartner.ContainsKey(id)).ToList();
            if (missing.Count > 0)
            {
                var loaded = (await db.LicensePools.AsNoTracking().Where(p => missing.Contains(p.PartnerId)).ToListAsync(cancellationToken)).ToLookup(p => p.PartnerId);
                foreach (var partnerId in missing)
                {
                    _byPartner[partnerId] = [.. loaded[partnerId]];
                    foreach (var pool in _byPartner[partnerId])
                    {
                        _versions[pool.Id] = pool.Version;
                    }
                }
            }
        }

        /// <summary>A partner's pools loaded by <see cref="LoadAsync"/>; none for the provider (its direct customers draw on no pool).</summary>
        public List<LicensePool> Of(Guid partnerId) => _byPartner.GetValueOrDefault(partnerId) ?? [];

        /// <summary>The version the pool's row has now, as far as the run knows (its batches' writes included).</summary>
        public int VersionOf(LicensePool pool) => _versions[pool.Id];

        public void Written(IEnumerable<VersionedRow> rows)
        {
            foreach (var row in rows)
            {
                _versions[row.Id] = row.Version + 1;
            }
        }

        public void Forget()
        {
            _byPartner.Clear();
            _versions.Clear();
        }
    }

    /// <summary>
    /// The due changes, batch by batch (<see cref="TwoLanes"/>): the next batch's licenses load while the
    /// domain applies this one's changes against the run's pools and its rows are written. A batch that meets another
    /// writer's change goes license by license; the pools are then read again from the database.
    /// </summary>
    private async Task ApplyDueChangesAsync(PortalDbContext db, ReferenceData reference, RunColumns columns, List<Guid[]> batches, RunCounts run, Timings timings, CancellationToken cancellationToken)
    {
        var pools = new PoolsOfRun();
        await TwoLanes.RunAsync(scopes, batches, (readDb, licenseIds) => LoadTimedAsync(readDb, reference, licenseIds, withPendingChanges: true, timings, cancellationToken), async (licenses, licenseIds) =>
        {
            if (await WriteDueChangesAsync(db, reference, columns, pools, licenses, timings, cancellationToken) is { } written)
            {
                run.Applied += written.Applied;
                run.Refused += written.Refused;
                return;
            }

            run.BatchesOneByOne++;
            foreach (var licenseId in licenseIds)
            {
                run.Count(await WithRetryAsync(() => ApplyDueChangeAsync(licenseId, cancellationToken)), renewal: false);
            }

            pools.Forget();
        }, cancellationToken);
    }

    private sealed record BatchWritten(int Applied, int Refused);

    /// <summary>
    /// A batch of due changes, set-based: null, with nothing written, when another writer changed one of its rows first.
    /// What it writes is what the domain changed, column by column (<see cref="ChangedRows"/>): the licenses, their
    /// scheduled changes and the pools, each compared with a snapshot taken before <see cref="CustomerLicense.ApplyDueChange"/>.
    /// </summary>
    private async Task<BatchWritten?> WriteDueChangesAsync(
        PortalDbContext db, ReferenceData reference, RunColumns columns, PoolsOfRun pools, List<CustomerLicense> licenses, Timings timings, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await pools.LoadAsync(db, licenses.Select(l => l.Customer.Owner).Where(o => o.IsPartner).Select(o => o.Id), cancellationToken);
        var changedLicenses = new ChangedRows(columns.Licenses);
        var changedChanges = new ChangedRows(columns.Changes);
        var changedPools = new ChangedRows(columns.Pools);

        // The domain changes only the pools it is handed: each is read when first handed out, before the batch changes it.
        var poolsBefore = new Dictionary<LicensePool, object?[]>(ReferenceEqualityComparer.Instance);
        LicensePool? Handed(LicensePool? pool)
        {
            if (pool is not null && !poolsBefore.ContainsKey(pool))
            {
                poolsBefore[pool] = changedPools.Before(pool);
            }

            return pool;
        }

        var transactions = new List<Domain.Auditing.LicenseTransaction>();
        int applied = 0, refused = 0;
        var now = clock.GetUtcNow();
        foreach (var license in licenses)
        {
            var pending = license.PendingChange;
            if (pending is null)
            {
                continue;
            }

            var owner = license.Customer.Owner;
            var newPlan = pending.NewServicePlanId is { } planId && planId != license.ServicePlanId ? reference.Plan(planId) : null;
            var before = changedLicenses.Before(license);
            var changesBefore = license.ScheduledChanges.Select(c => (Change: c, Values: changedChanges.Before(c))).ToList();
            var transaction = license.ApplyDueChange(newPlan, plan => Handed(PoolOf(owner, pools.Of(owner.Id), plan)), now);
            changedLicenses.After(license, before);
            foreach (var (change, values) in changesBefore)
            {
                changedChanges.After(change, values);
            }

            if (license.ScheduledChanges.Count != changesBefore.Count)
            {
                // Only a unit of work inserts what the domain added; the batch updates rows that exist.
                logger.LogWarning("Scheduler: applying a due change added a scheduled change to license {LicenseId}; its batch goes license by license", license.Id);
                return null;
            }

            if (transaction is not null)
            {
                _ = transaction.Type == Domain.Auditing.TransactionType.ScheduledChangeFailed ? refused++ : applied++;
                transactions.Add(transaction);
            }
        }

        foreach (var (pool, values) in poolsBefore)
        {
            changedPools.After(pool, values, pools.VersionOf(pool));
        }

        timings.Domain += watch.Elapsed;
        watch.Restart();
        var written = await WriteAsync(db, licenses.Count, changedLicenses.Count + changedChanges.Count + changedPools.Count + transactions.Count, async batch =>
        {
            await changedLicenses.UpdateAsync(batch, cancellationToken);
            await changedChanges.UpdateAsync(batch, cancellationToken);
            await changedPools.UpdateAsync(batch, cancellationToken);
            await InsertAsync(db, columns.Transactions, transactions, cancellationToken);
        }, cancellationToken);
        timings.Write += watch.Elapsed;
        if (!written)
        {
            return null;
        }

        pools.Written(changedPools.Rows);
        return new BatchWritten(applied, refused);
    }

    /// <summary>
    /// The renewals, batch by batch (<see cref="TwoLanes"/>): the next batch loads and renews in memory while
    /// this one is written. A batch that meets another writer's change goes license by license.
    /// </summary>
    private Task RenewAllAsync(PortalDbContext db, ReferenceData reference, RunColumns columns, List<Guid[]> batches, RunCounts run, Timings timings, CancellationToken cancellationToken) =>
        TwoLanes.RunAsync(scopes, batches, (readDb, licenseIds) => PrepareRenewalsAsync(readDb, reference, columns, licenseIds, timings, cancellationToken), async (batch, licenseIds) =>
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var written = await WriteAsync(db, licenseIds.Length, batch.Licenses.Count + batch.Transactions.Count, async statements =>
            {
                await batch.Licenses.UpdateAsync(statements, cancellationToken);
                await InsertAsync(db, columns.Transactions, batch.Transactions, cancellationToken);
            }, cancellationToken);
            timings.Write += watch.Elapsed;
            if (written)
            {
                run.Renewed += batch.Transactions.Count;
                return;
            }

            run.BatchesOneByOne++;
            foreach (var licenseId in licenseIds)
            {
                run.Count(await WithRetryAsync(() => RenewAsync(licenseId, cancellationToken)), renewal: true);
            }
        }, cancellationToken);

    private sealed record RenewalBatch(ChangedRows Licenses, List<Domain.Auditing.LicenseTransaction> Transactions);

    /// <summary>
    /// A batch of licenses due for renewal, loaded untracked and renewed in memory: what to write, column by column
    /// what <see cref="CustomerLicense.RenewIfDue"/> changed (<see cref="ChangedRows"/>).
    /// </summary>
    private async Task<RenewalBatch> PrepareRenewalsAsync(PortalDbContext db, ReferenceData reference, RunColumns columns, Guid[] licenseIds, Timings timings, CancellationToken cancellationToken)
    {
        var licenses = await LoadTimedAsync(db, reference, licenseIds, withPendingChanges: false, timings, cancellationToken);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var renewed = new ChangedRows(columns.Licenses);
        var transactions = new List<Domain.Auditing.LicenseTransaction>(licenses.Count);
        var now = clock.GetUtcNow();
        foreach (var license in licenses)
        {
            var before = renewed.Before(license);
            var transaction = license.RenewIfDue(now);
            renewed.After(license, before);
            if (transaction is not null)
            {
                transactions.Add(transaction);
            }
        }

        timings.Domain += watch.Elapsed;
        return new RenewalBatch(renewed, transactions);
    }

    private static async Task<List<CustomerLicense>> LoadTimedAsync(PortalDbContext db, ReferenceData reference, Guid[] licenseIds, bool withPendingChanges, Timings timings, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var licenses = await LoadUntrackedAsync(db, reference, licenseIds, withPendingChanges, cancellationToken);
        timings.Load += watch.Elapsed;
        return licenses;
    }

    /// <summary>
    /// The batch's licenses without change tracking, with their customers (and scheduled changes); their plans
    /// and owners come from the run's <see cref="ReferenceData"/> instead of a join per license. Three lookups by key
    /// rather than one query joining them: for a batch PostgreSQL hashed the whole customers and scheduled changes
    /// tables (docs/performance.md, sixth pass). The parts are joined by <see cref="CustomerLicense.AttachLoaded"/>.
    /// </summary>
    private static async Task<List<CustomerLicense>> LoadUntrackedAsync(PortalDbContext db, ReferenceData reference, Guid[] licenseIds, bool withPendingChanges, CancellationToken cancellationToken)
    {
        var licenses = await db.CustomerLicenses.AsNoTracking().Where(l => licenseIds.Contains(l.Id)).OrderBy(l => l.Id).ToListAsync(cancellationToken);
        var customerIds = licenses.Select(l => l.CustomerId).Distinct().ToArray();
        var customers = await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
        var changes = withPendingChanges
            ? (await db.ScheduledLicenseChanges.AsNoTracking().Where(c => licenseIds.Contains(c.LicenseId)).ToListAsync(cancellationToken)).ToLookup(c => c.LicenseId)
            : null;
        foreach (var license in licenses)
        {
            reference.Attach(license, customers[license.CustomerId], changes?[license.Id]);
        }

        return licenses;
    }

    /// <summary>The transactions (R9) of a batch as multi-row INSERTs, in the batch's database transaction.</summary>
    private static async Task InsertAsync(PortalDbContext db, TableColumns columns, List<Domain.Auditing.LicenseTransaction> transactions, CancellationToken cancellationToken)
    {
        await using var insert = new BulkInserter(db, columns);
        foreach (var transaction in transactions)
        {
            await insert.AddEntityAsync(transaction, cancellationToken);
        }

        await insert.FlushAsync(cancellationToken);
    }

    private static LicensePool? PoolOf(Domain.Partners.Company owner, IEnumerable<LicensePool> pools, Domain.ServicePlans.ServicePlan plan) =>
        owner.IsPartner
            ? pools.SingleOrDefault(p => p.ProductId == plan.ProductId && p.ServiceLevelId == plan.ServiceLevelId && p.LicenseType == plan.LicenseType)
            : null;

    /// <summary>
    /// Writes the batch of <paramref name="licenses"/> licenses in one transaction, unless it has no <paramref name="rows"/> to
    /// write. False, with everything rolled back, when a version-checked row had moved on (or the database gave up on a lock
    /// wait): the caller then goes license by license.
    /// </summary>
    private async Task<bool> WriteAsync(PortalDbContext db, int licenses, int rows, Func<StatementBatch, Task> write, CancellationToken cancellationToken)
    {
        if (rows == 0)
        {
            return true;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                await using var batch = new StatementBatch(db);
                await write(batch);
                await batch.FlushAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            }
            catch (Exception e) when (e is SetBasedConflictException or System.Data.Common.DbException)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                logger.LogInformation("Scheduler: a batch of {Count} licenses goes license by license ({Reason})", licenses, e.Message);
                return false;
            }
        });
    }

    private enum TransactionOutcome
    {
        Nothing,
        Applied,
        Refused,
        Skipped,
    }

    /// <summary>
    /// A conflict may come from another run applying the same change (then the reload finds nothing to do)
    /// or from another license sharing the same pool row (then the reload applies it): try again, fresh.
    /// </summary>
    private static async Task<TransactionOutcome> WithRetryAsync(Func<Task<TransactionOutcome>> attempt)
    {
        var outcome = TransactionOutcome.Skipped;
        for (var i = 0; i < 5 && outcome == TransactionOutcome.Skipped; i++)
        {
            outcome = await attempt();
        }

        return outcome;
    }

    /// <summary>The licenses with a due pending change, in key order (a batch's lookups then stay close together).</summary>
    private static async Task<List<Guid>> DueChangeLicensesAsync(PortalDbContext db, DateOnly today, CancellationToken cancellationToken) =>
        Sorted(await db.ScheduledLicenseChanges.AsNoTracking()
            .Where(c => c.State == ScheduledChangeState.Pending && c.ApplyOn <= today)
            .Select(c => c.LicenseId)
            .Distinct()
            .ToListAsync(cancellationToken));

    /// <summary>
    /// The licenses due for renewal, ordered by customer: a batch's changes to the (CustomerId, ExpiresOn) index and the
    /// transactions' CustomerId index then fall on neighbouring pages, which the batch writes once instead of once per
    /// license (sorted here: an ORDER BY would make SQLite walk an index over every license instead of the ExpiresOn range).
    /// </summary>
    private static async Task<List<Guid>> DueRenewalsAsync(PortalDbContext db, DateOnly today, CancellationToken cancellationToken) =>
        (await db.CustomerLicenses.AsNoTracking()
            .Where(l => l.AutoRenew && l.ExpiresOn <= today && l.LicenseType != LicenseType.Trial)
            .Select(l => new { l.CustomerId, l.Id })
            .ToListAsync(cancellationToken))
        .OrderBy(l => l.CustomerId).ThenBy(l => l.Id).Select(l => l.Id).ToList();

    private static List<Guid> Sorted(List<Guid> ids)
    {
        ids.Sort();
        return ids;
    }

    private async Task<TransactionOutcome> ApplyDueChangeAsync(Guid licenseId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var license = await LoadAsync(db, licenseId, cancellationToken);
        var pending = license?.PendingChange;
        if (license is null || pending is null)
        {
            return TransactionOutcome.Nothing;
        }

        var newPlan = pending.NewServicePlanId is { } planId && planId != license.ServicePlanId
            ? await db.ServicePlans.Include(p => p.Product).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken)
            : null;
        var pools = await db.PoolsOfAsync(license.Customer.Owner, cancellationToken);
        var transaction = license.ApplyDueChange(newPlan, pools, clock.GetUtcNow());
        if (transaction is null)
        {
            return TransactionOutcome.Nothing;
        }

        db.LicenseTransactions.Add(transaction);
        return await SaveAsync(db, transaction.Type == Domain.Auditing.TransactionType.ScheduledChangeFailed ? TransactionOutcome.Refused : TransactionOutcome.Applied, cancellationToken);
    }

    private async Task<TransactionOutcome> RenewAsync(Guid licenseId, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var license = await LoadAsync(db, licenseId, cancellationToken);
        if (license?.RenewIfDue(clock.GetUtcNow()) is not { } transaction)
        {
            return TransactionOutcome.Nothing;
        }

        db.LicenseTransactions.Add(transaction);
        return await SaveAsync(db, TransactionOutcome.Applied, cancellationToken);
    }

    private static Task<CustomerLicense?> LoadAsync(PortalDbContext db, Guid licenseId, CancellationToken cancellationToken) =>
        db.CustomerLicenses.WithChangeGraph().SingleOrDefaultAsync(l => l.Id == licenseId, cancellationToken);

    private static async Task<TransactionOutcome> SaveAsync(PortalDbContext db, TransactionOutcome outcome, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return outcome;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another run (or web server) saved this license or its pool first: its save stands, ours is discarded whole.
            return TransactionOutcome.Skipped;
        }
    }
}
