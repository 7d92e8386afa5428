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

    private static readonly string[] LicenseColumns =
        [nameof(CustomerLicense.ServicePlanId), nameof(CustomerLicense.LicenseType), nameof(CustomerLicense.Units), nameof(CustomerLicense.ExpiresOn),
         nameof(CustomerLicense.AutoRenew), nameof(CustomerLicense.AutoRenewMonths), nameof(CustomerLicense.NotifyDaysBefore),
         nameof(CustomerLicense.ManagedByRemoteManager), nameof(CustomerLicense.AddOnEnabled)];

    private static readonly string[] ChangeColumns =
        [nameof(ScheduledLicenseChange.State), nameof(ScheduledLicenseChange.ResolvedAt), nameof(ScheduledLicenseChange.Outcome)];

    private static readonly string[] PoolColumns =
        [nameof(LicensePool.UnitsTotal), nameof(LicensePool.UnitsUsed), nameof(LicensePool.UnitsRefilled)];

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
            await ApplyDueChangesAsync(db, await Reference(), changes, run, timings, cancellationToken);
        }

        var changesDone = watch.Elapsed;
        var renewals = (await DueRenewalsAsync(db, today, cancellationToken)).Chunk(BatchSize).ToList();
        if (renewals.Count > 0)
        {
            await RenewAllAsync(db, await Reference(), renewals, run, timings, cancellationToken);
        }

        if (run.Applied + run.Refused + run.Renewed > 0)
        {
            logger.LogInformation("Scheduler: {Applied} scheduled changes applied, {Refused} refused, {Renewed} licenses renewed, {Skipped} left for the next run after repeated conflicts", run.Applied, run.Refused, run.Renewed, run.Skipped);
            logger.LogDebug("Scheduler timings: {Total:F2} s in all (due changes {Changes:F2} s, renewals {Renewals:F2} s); reference data {Reference:F2} s, loading batches {Load:F2} s, domain {Domain:F2} s, writing {Write:F2} s (loading beside writing)",
                watch.Elapsed.TotalSeconds, changesDone.TotalSeconds, (watch.Elapsed - changesDone).TotalSeconds, timings.Reference.TotalSeconds, timings.Load.TotalSeconds, timings.Domain.TotalSeconds, timings.Write.TotalSeconds);
        }

        return new SchedulerRun(run.Applied, run.Refused, run.Renewed, run.Skipped, run.BatchesOneByOne);
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

        public void Attach(CustomerLicense license)
        {
            Navigations.SetPlan(license, plans[license.ServicePlanId]);
            Navigations.SetOwner(license.Customer, companies[license.Customer.OwnerId]);
        }
    }

    /// <summary>
    /// The partners' license pools for the run's due changes, each partner's loaded once, by the first batch that needs
    /// them (before, every batch loaded all its owners' pools again: 5,000 rows a batch at full size). A batch changes
    /// them in memory and writes the changed ones version-checked (ADR 0005): after its commit their expected versions
    /// move on with the database's; after a rollback the caller <see cref="Forget"/>s them, since the rolled-back batch
    /// had changed them in memory.
    /// </summary>
    private sealed class PoolsOfRun
    {
        private readonly Dictionary<Guid, List<LicensePool>> _byPartner = [];
        private readonly Dictionary<Guid, int> _versions = [];

        /// <summary>The pools of the given partners, loading those not loaded yet in one query.</summary>
        public async Task<List<LicensePool>> OfAsync(PortalDbContext db, IEnumerable<Guid> partnerIds, CancellationToken cancellationToken)
        {
            var partners = partnerIds.Distinct().ToList();
            var missing = partners.Where(id => !_byPartner.ContainsKey(id)).ToList();
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

            return partners.SelectMany(id => _byPartner[id]).ToList();
        }

        /// <summary>A partner's pools loaded by <see cref="OfAsync"/>; none for the provider (its direct customers draw on no pool).</summary>
        public List<LicensePool> Of(Guid partnerId) => _byPartner.GetValueOrDefault(partnerId) ?? [];

        public VersionedRow Row(LicensePool pool) => new(pool, pool.Id, _versions[pool.Id]);

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
    /// The due changes, batch by batch (<see cref="InTwoLanesAsync{T}"/>): the next batch's licenses load while the
    /// domain applies this one's changes against the run's pools and its rows are written. A batch that meets another
    /// writer's change goes license by license; the pools are then read again from the database.
    /// </summary>
    private async Task ApplyDueChangesAsync(PortalDbContext db, ReferenceData reference, List<Guid[]> batches, RunCounts run, Timings timings, CancellationToken cancellationToken)
    {
        var pools = new PoolsOfRun();
        await InTwoLanesAsync(batches, (readDb, licenseIds) => LoadTimedAsync(readDb, reference, licenseIds, withPendingChanges: true, timings, cancellationToken), async (licenses, licenseIds) =>
        {
            if (await WriteDueChangesAsync(db, reference, pools, licenses, timings, cancellationToken) is { } written)
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
    /// </summary>
    private async Task<BatchWritten?> WriteDueChangesAsync(PortalDbContext db, ReferenceData reference, PoolsOfRun pools, List<CustomerLicense> licenses, Timings timings, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var batchPools = await pools.OfAsync(db, licenses.Select(l => l.Customer.Owner).Where(o => o.IsPartner).Select(o => o.Id), cancellationToken);
        var poolsBefore = batchPools.ToDictionary(p => p, p => (p.UnitsTotal, p.UnitsUsed, p.UnitsRefilled));
        var licenseColumns = TableColumns.Of<CustomerLicense>(db, LicenseColumns);
        var changedLicenses = new Dictionary<int, List<VersionedRow>>();
        var resolvedChanges = new List<VersionedRow>();
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
            var before = Values(licenseColumns, license);
            var transaction = license.ApplyDueChange(newPlan, plan => PoolOf(owner, pools.Of(owner.Id), plan), now);
            if (transaction is null)
            {
                continue;
            }

            _ = transaction.Type == Domain.Auditing.TransactionType.ScheduledChangeFailed ? refused++ : applied++;
            if (ChangedColumns(before, Values(licenseColumns, license)) is var changed and not 0)
            {
                changedLicenses.TryAdd(changed, []);
                changedLicenses[changed].Add(new VersionedRow(license, license.Id, license.Version));
            }

            resolvedChanges.Add(new VersionedRow(pending, pending.Id, pending.Version));
            transactions.Add(transaction);
        }

        var changedPools = batchPools.Where(p => poolsBefore[p] != (p.UnitsTotal, p.UnitsUsed, p.UnitsRefilled)).Select(pools.Row).ToList();
        timings.Domain += watch.Elapsed;
        watch.Restart();
        var written = await WriteAsync(db, transactions.Count, async batch =>
        {
            // Only the columns that changed, a statement shape per set of them: SQLite rewrites an index entry whenever its column
            // is SET, even to the value it had (measured: seven times the cost of a units change for the plan and expiry indexes).
            foreach (var (changed, rows) in changedLicenses)
            {
                await batch.UpdateManyAsync(TableColumns.Of<CustomerLicense>(db, LicenseColumns.Where((_, i) => (changed & (1 << i)) != 0).ToArray()), rows, cancellationToken);
            }

            await batch.UpdateManyAsync(TableColumns.Of<ScheduledLicenseChange>(db, ChangeColumns), resolvedChanges, cancellationToken);
            await batch.UpdateManyAsync(TableColumns.Of<LicensePool>(db, PoolColumns), changedPools, cancellationToken);
            await InsertAsync(db, transactions, cancellationToken);
        }, cancellationToken);
        timings.Write += watch.Elapsed;
        if (!written)
        {
            return null;
        }

        pools.Written(changedPools);
        return new BatchWritten(applied, refused);
    }

    /// <summary>
    /// The renewals, batch by batch (<see cref="InTwoLanesAsync{T}"/>): the next batch loads and renews in memory while
    /// this one is written. A batch that meets another writer's change goes license by license.
    /// </summary>
    private Task RenewAllAsync(PortalDbContext db, ReferenceData reference, List<Guid[]> batches, RunCounts run, Timings timings, CancellationToken cancellationToken) =>
        InTwoLanesAsync(batches, (readDb, licenseIds) => PrepareRenewalsAsync(readDb, reference, licenseIds, timings, cancellationToken), async (batch, licenseIds) =>
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var written = await WriteAsync(db, batch.Transactions.Count, async statements =>
            {
                await statements.UpdateManyAsync(TableColumns.Of<CustomerLicense>(db, nameof(CustomerLicense.ExpiresOn)), batch.Renewed, cancellationToken);
                await InsertAsync(db, batch.Transactions, cancellationToken);
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

    /// <summary>
    /// Batches in two lanes, so that the job uses a second core: while one batch is written on the run's connection
    /// (<paramref name="write"/>), the next is read on a second connection (<paramref name="load"/>). The batches hold
    /// different licenses and every write checks each row's version, so a batch read a moment before the previous
    /// commit is as safe as one read after it.
    /// </summary>
    private async Task InTwoLanesAsync<T>(
        List<Guid[]> batches, Func<PortalDbContext, Guid[], Task<T>> load, Func<T, Guid[], Task> write, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var readDb = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await readDb.Database.OpenConnectionAsync(cancellationToken);
        await using var tuning = await SqliteJobTuning.ApplyAsync(readDb, cancellationToken, forWrites: false);

        // Task.Run: on SQLite the "async" reads complete synchronously; the reading lane needs a thread of its own.
        Task<T> Load(Guid[] licenseIds) => Task.Run(() => load(readDb, licenseIds), cancellationToken);

        Task<T>? next = Load(batches[0]);
        try
        {
            for (var i = 0; i < batches.Count; i++)
            {
                var loaded = await next!;
                next = i + 1 < batches.Count ? Load(batches[i + 1]) : null;
                await write(loaded, batches[i]);
            }
        }
        finally
        {
            // Never leave the reading lane on a connection about to be closed (after an error or a cancellation above).
            if (next is not null)
            {
                await Task.WhenAny(next);
            }
        }
    }

    private sealed record RenewalBatch(List<VersionedRow> Renewed, List<Domain.Auditing.LicenseTransaction> Transactions);

    /// <summary>A batch of licenses due for renewal, loaded untracked and renewed in memory: what to write.</summary>
    private async Task<RenewalBatch> PrepareRenewalsAsync(PortalDbContext db, ReferenceData reference, Guid[] licenseIds, Timings timings, CancellationToken cancellationToken)
    {
        var licenses = await LoadTimedAsync(db, reference, licenseIds, withPendingChanges: false, timings, cancellationToken);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var renewed = new List<VersionedRow>(licenses.Count);
        var transactions = new List<Domain.Auditing.LicenseTransaction>(licenses.Count);
        var now = clock.GetUtcNow();
        foreach (var license in licenses)
        {
            if (license.RenewIfDue(now) is { } transaction)
            {
                renewed.Add(new VersionedRow(license, license.Id, license.Version));
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
    /// rather than one query joining them: for a thousand licenses PostgreSQL hashed the whole customers and scheduled
    /// changes tables (150–220 ms a batch, on both cores, beside the writing lane) where the three index lookups take
    /// about 20 ms. SQLite reads them by the same indexes either way.
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
            Navigations.SetCustomer(license, customers[license.CustomerId]);
            if (changes is not null)
            {
                Navigations.ScheduledChangesOf(license).AddRange(changes[license.Id]);
            }

            reference.Attach(license);
        }

        return licenses;
    }

    /// <summary>
    /// What EF's materializer and Include would set on the untracked licenses the job loads by key: navigations with
    /// private setters (the domain sets them) and the scheduled changes' backing list.
    /// </summary>
    private static class Navigations
    {
        [System.Runtime.CompilerServices.UnsafeAccessor(System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = "set_" + nameof(CustomerLicense.Plan))]
        public static extern void SetPlan(CustomerLicense license, Domain.ServicePlans.ServicePlan plan);

        [System.Runtime.CompilerServices.UnsafeAccessor(System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = "set_" + nameof(CustomerLicense.Customer))]
        public static extern void SetCustomer(CustomerLicense license, Customer customer);

        [System.Runtime.CompilerServices.UnsafeAccessor(System.Runtime.CompilerServices.UnsafeAccessorKind.Method, Name = "set_" + nameof(Customer.Owner))]
        public static extern void SetOwner(Customer customer, Domain.Partners.Company owner);

        [System.Runtime.CompilerServices.UnsafeAccessor(System.Runtime.CompilerServices.UnsafeAccessorKind.Field, Name = "_scheduledChanges")]
        public static extern ref List<ScheduledLicenseChange> ScheduledChangesOf(CustomerLicense license);
    }

    /// <summary>The transactions (R9) of a batch as multi-row INSERTs, in the batch's database transaction.</summary>
    private static async Task InsertAsync(PortalDbContext db, List<Domain.Auditing.LicenseTransaction> transactions, CancellationToken cancellationToken)
    {
        await using var insert = new BulkInserter(db, TableColumns.Of<Domain.Auditing.LicenseTransaction>(db));
        foreach (var transaction in transactions)
        {
            await insert.AddEntityAsync(transaction, cancellationToken);
        }

        await insert.FlushAsync(cancellationToken);
    }

    /// <summary>A bit per column whose value differs.</summary>
    private static int ChangedColumns(object?[] before, object?[] after) =>
        Enumerable.Range(0, before.Length).Where(i => !Equals(before[i], after[i])).Aggregate(0, (bits, i) => bits | (1 << i));

    private static object?[] Values(TableColumns columns, object entity) =>
        Enumerable.Range(0, columns.Count).Select(i => columns.ValueOf(entity, i)).ToArray();

    private static LicensePool? PoolOf(Domain.Partners.Company owner, IEnumerable<LicensePool> pools, Domain.ServicePlans.ServicePlan plan) =>
        owner.IsPartner
            ? pools.SingleOrDefault(p => p.ProductId == plan.ProductId && p.ServiceLevelId == plan.ServiceLevelId && p.LicenseType == plan.LicenseType)
            : null;

    /// <summary>
    /// Writes the batch in one transaction. False, with everything rolled back, when a version-checked row had
    /// moved on (or the database gave up on a lock wait): the caller then goes license by license.
    /// </summary>
    private async Task<bool> WriteAsync(PortalDbContext db, int licenses, Func<StatementBatch, Task> write, CancellationToken cancellationToken)
    {
        if (licenses == 0)
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
