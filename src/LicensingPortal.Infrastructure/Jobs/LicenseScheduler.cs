using LicensingPortal.Application.Customers;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licensing;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LicensingPortal.Infrastructure.Jobs;

public sealed record SchedulerRun(int ChangesApplied, int ChangesRefused, int Renewed, int StillConflicting);

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
    public const int BatchSize = 1000;

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

        foreach (var batch in (await DueChangeLicensesAsync(db, today, cancellationToken)).Chunk(BatchSize))
        {
            if (await ApplyDueChangesAsync(db, await Reference(), batch, timings, cancellationToken) is { } written)
            {
                run.Applied += written.Applied;
                run.Refused += written.Refused;
                continue;
            }

            foreach (var licenseId in batch)
            {
                run.Count(await WithRetryAsync(() => ApplyDueChangeAsync(licenseId, cancellationToken)), renewal: false);
            }
        }

        foreach (var batch in (await DueRenewalsAsync(db, today, cancellationToken)).Chunk(BatchSize))
        {
            if (await RenewAllAsync(db, await Reference(), batch, timings, cancellationToken) is { } written)
            {
                run.Renewed += written.Applied;
                continue;
            }

            foreach (var licenseId in batch)
            {
                run.Count(await WithRetryAsync(() => RenewAsync(licenseId, cancellationToken)), renewal: true);
            }
        }

        if (run.Applied + run.Refused + run.Renewed > 0)
        {
            logger.LogInformation("Scheduler: {Applied} scheduled changes applied, {Refused} refused, {Renewed} licenses renewed, {Skipped} left for the next run after repeated conflicts", run.Applied, run.Refused, run.Renewed, run.Skipped);
            logger.LogDebug("Scheduler timings: {Total:F2} s in all; reference data {Reference:F2} s, loading batches {Load:F2} s, domain {Domain:F2} s, writing {Write:F2} s",
                watch.Elapsed.TotalSeconds, timings.Reference.TotalSeconds, timings.Load.TotalSeconds, timings.Domain.TotalSeconds, timings.Write.TotalSeconds);
        }

        return new SchedulerRun(run.Applied, run.Refused, run.Renewed, run.Skipped);
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
    private sealed class ReferenceData(Dictionary<Guid, Domain.ServicePlans.ServicePlan> plans, Dictionary<Guid, Domain.Companies.Company> companies)
    {
        // The navigations have private setters (the domain sets them; EF's materializer does too): set them the same way.
        private static readonly Action<CustomerLicense, Domain.ServicePlans.ServicePlan> SetPlan =
            typeof(CustomerLicense).GetProperty(nameof(CustomerLicense.Plan))!.SetMethod!.CreateDelegate<Action<CustomerLicense, Domain.ServicePlans.ServicePlan>>();

        private static readonly Action<Customer, Domain.Companies.Company> SetOwner =
            typeof(Customer).GetProperty(nameof(Customer.Owner))!.SetMethod!.CreateDelegate<Action<Customer, Domain.Companies.Company>>();

        public static async Task<ReferenceData> LoadAsync(PortalDbContext db, CancellationToken cancellationToken) =>
            new(await db.ServicePlans.AsNoTrackingWithIdentityResolution().Include(p => p.Product).ToDictionaryAsync(p => p.Id, cancellationToken),
                await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, cancellationToken));

        public Domain.ServicePlans.ServicePlan? Plan(Guid id) => plans.GetValueOrDefault(id);

        public void Attach(CustomerLicense license)
        {
            SetPlan(license, plans[license.ServicePlanId]);
            SetOwner(license.Customer, companies[license.Customer.OwnerId]);
        }
    }

    private sealed record BatchWritten(int Applied, int Refused);

    /// <summary>
    /// A batch of due changes, set-based: null when another writer changed one of its rows first (then the
    /// caller handles each license on its own).
    /// </summary>
    private async Task<BatchWritten?> ApplyDueChangesAsync(PortalDbContext db, ReferenceData reference, Guid[] licenseIds, Timings timings, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var licenses = await LoadUntrackedAsync(db, reference, licenseIds, withPendingChanges: true, cancellationToken);
        var ownerIds = licenses.Select(l => l.Customer.Owner).Where(o => o.IsPartner).Select(o => o.Id).Distinct().ToList();
        var pools = await db.LicensePools.AsNoTracking().Where(p => ownerIds.Contains(p.PartnerId)).ToListAsync(cancellationToken);
        var poolsBefore = pools.ToDictionary(p => p, p => (p.UnitsTotal, p.UnitsUsed, p.UnitsRefilled));
        var poolsByOwner = pools.ToLookup(p => p.PartnerId);
        timings.Load += watch.Elapsed;
        watch.Restart();

        var licenseColumns = TableColumns.Of<CustomerLicense>(db, LicenseColumns);
        var changedLicenses = new List<VersionedRow>();
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
            var transaction = license.ApplyDueChange(newPlan, plan => PoolOf(owner, poolsByOwner[owner.Id], plan), now);
            if (transaction is null)
            {
                continue;
            }

            _ = transaction.Type == Domain.Auditing.TransactionType.ScheduledChangeFailed ? refused++ : applied++;
            if (!before.SequenceEqual(Values(licenseColumns, license)))
            {
                changedLicenses.Add(new VersionedRow(license, license.Id, license.Version));
            }

            resolvedChanges.Add(new VersionedRow(pending, pending.Id, pending.Version));
            transactions.Add(transaction);
        }

        var changedPools = pools.Where(p => poolsBefore[p] != (p.UnitsTotal, p.UnitsUsed, p.UnitsRefilled)).Select(p => new VersionedRow(p, p.Id, p.Version)).ToList();
        timings.Domain += watch.Elapsed;
        watch.Restart();
        var written = await WriteAsync(db, transactions.Count, async batch =>
        {
            await batch.UpdateManyAsync(licenseColumns, changedLicenses, cancellationToken);
            await batch.UpdateManyAsync(TableColumns.Of<ScheduledLicenseChange>(db, ChangeColumns), resolvedChanges, cancellationToken);
            await batch.UpdateManyAsync(TableColumns.Of<LicensePool>(db, PoolColumns), changedPools, cancellationToken);
            await InsertAsync(db, transactions, cancellationToken);
        }, cancellationToken);
        timings.Write += watch.Elapsed;
        return written ? new BatchWritten(applied, refused) : null;
    }

    /// <summary>A batch of renewals, set-based; null when another writer changed one of its licenses first.</summary>
    private async Task<BatchWritten?> RenewAllAsync(PortalDbContext db, ReferenceData reference, Guid[] licenseIds, Timings timings, CancellationToken cancellationToken)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var licenses = await LoadUntrackedAsync(db, reference, licenseIds, withPendingChanges: false, cancellationToken);
        timings.Load += watch.Elapsed;
        watch.Restart();

        var renewed = new List<VersionedRow>();
        var transactions = new List<Domain.Auditing.LicenseTransaction>();
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
        watch.Restart();
        var written = await WriteAsync(db, transactions.Count, async batch =>
        {
            await batch.UpdateManyAsync(TableColumns.Of<CustomerLicense>(db, nameof(CustomerLicense.ExpiresOn)), renewed, cancellationToken);
            await InsertAsync(db, transactions, cancellationToken);
        }, cancellationToken);
        timings.Write += watch.Elapsed;
        return written ? new BatchWritten(transactions.Count, 0) : null;
    }

    /// <summary>
    /// The batch's licenses without change tracking, with their customers (and scheduled changes); their plans
    /// and owners come from the run's <see cref="ReferenceData"/> instead of a join per license.
    /// </summary>
    private static async Task<List<CustomerLicense>> LoadUntrackedAsync(PortalDbContext db, ReferenceData reference, Guid[] licenseIds, bool withPendingChanges, CancellationToken cancellationToken)
    {
        IQueryable<CustomerLicense> query = db.CustomerLicenses.AsNoTrackingWithIdentityResolution().Include(l => l.Customer);
        if (withPendingChanges)
        {
            // Not a filtered include: SQLite would then look the changes up by the (State, ApplyOn) index, scanning every pending change per license.
            query = query.Include(l => l.ScheduledChanges);
        }

        var licenses = await query.Where(l => licenseIds.Contains(l.Id)).OrderBy(l => l.Id).ToListAsync(cancellationToken);
        foreach (var license in licenses)
        {
            reference.Attach(license);
        }

        return licenses;
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

    private static object?[] Values(TableColumns columns, object entity) =>
        Enumerable.Range(0, columns.Count).Select(i => columns.ValueOf(entity, i)).ToArray();

    private static LicensePool? PoolOf(Domain.Companies.Company owner, IEnumerable<LicensePool> pools, Domain.ServicePlans.ServicePlan plan) =>
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

    /// <summary>The licenses due for renewal, in key order (sorted here: ORDER BY Id would make SQLite walk the whole key index instead of the ExpiresOn range).</summary>
    private static async Task<List<Guid>> DueRenewalsAsync(PortalDbContext db, DateOnly today, CancellationToken cancellationToken) =>
        Sorted(await db.CustomerLicenses.AsNoTracking()
            .Where(l => l.AutoRenew && l.ExpiresOn <= today && l.LicenseType != LicenseType.Trial)
            .Select(l => l.Id)
            .ToListAsync(cancellationToken));

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
