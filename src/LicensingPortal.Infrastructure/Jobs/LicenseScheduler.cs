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
    public const int BatchSize = 200;

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

        foreach (var batch in (await DueChangeLicensesAsync(today, cancellationToken)).Chunk(BatchSize))
        {
            if (await ApplyDueChangesAsync(batch, cancellationToken) is { } written)
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

        foreach (var batch in (await DueRenewalsAsync(today, cancellationToken)).Chunk(BatchSize))
        {
            if (await RenewAllAsync(batch, cancellationToken) is { } written)
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
        }

        return new SchedulerRun(run.Applied, run.Refused, run.Renewed, run.Skipped);
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

    private sealed record BatchWritten(int Applied, int Refused);

    /// <summary>
    /// A batch of due changes, set-based: null when another writer changed one of its rows first (then the
    /// caller handles each license on its own).
    /// </summary>
    private async Task<BatchWritten?> ApplyDueChangesAsync(Guid[] licenseIds, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var licenses = await LoadUntrackedAsync(db, licenseIds, withPendingChanges: true, cancellationToken);
        var newPlanIds = licenses
            .Select(l => l.PendingChange?.NewServicePlanId is { } planId && planId != l.ServicePlanId ? planId : (Guid?)null)
            .OfType<Guid>().Distinct().ToList();
        var newPlans = await db.ServicePlans.AsNoTrackingWithIdentityResolution().Include(p => p.Product)
            .Where(p => newPlanIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, cancellationToken);
        var ownerIds = licenses.Select(l => l.Customer.Owner).Where(o => o.IsPartner).Select(o => o.Id).Distinct().ToList();
        var pools = await db.LicensePools.AsNoTracking().Where(p => ownerIds.Contains(p.PartnerId)).ToListAsync(cancellationToken);
        var poolsBefore = pools.ToDictionary(p => p, p => (p.UnitsTotal, p.UnitsUsed, p.UnitsRefilled));

        var licenseColumns = TableColumns.Of<CustomerLicense>(db, LicenseColumns);
        var changeColumns = TableColumns.Of<ScheduledLicenseChange>(db, ChangeColumns);
        var writes = new List<Func<StatementBatch, Task>>();
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
            var newPlan = pending.NewServicePlanId is { } planId && planId != license.ServicePlanId ? newPlans.GetValueOrDefault(planId) : null;
            var before = Values(licenseColumns, license);
            var transaction = license.ApplyDueChange(newPlan, plan => PoolOf(owner, pools, plan), now);
            if (transaction is null)
            {
                continue;
            }

            _ = transaction.Type == Domain.Auditing.TransactionType.ScheduledChangeFailed ? refused++ : applied++;
            var licenseChanged = !before.SequenceEqual(Values(licenseColumns, license));
            writes.Add(async batch =>
            {
                if (licenseChanged)
                {
                    await batch.UpdateAsync(licenseColumns, license, license.Id, license.Version, cancellationToken);
                }

                await batch.UpdateAsync(changeColumns, pending, pending.Id, pending.Version, cancellationToken);
                await batch.InsertAsync(TransactionColumns(db), transaction, cancellationToken);
            });
        }

        var poolColumns = TableColumns.Of<LicensePool>(db, PoolColumns);
        foreach (var pool in pools.Where(p => poolsBefore[p] != (p.UnitsTotal, p.UnitsUsed, p.UnitsRefilled)))
        {
            writes.Add(batch => batch.UpdateAsync(poolColumns, pool, pool.Id, pool.Version, cancellationToken));
        }

        return await WriteAsync(db, writes, cancellationToken) ? new BatchWritten(applied, refused) : null;
    }

    /// <summary>A batch of renewals, set-based; null when another writer changed one of its licenses first.</summary>
    private async Task<BatchWritten?> RenewAllAsync(Guid[] licenseIds, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var licenses = await LoadUntrackedAsync(db, licenseIds, withPendingChanges: false, cancellationToken);
        var expiresOn = TableColumns.Of<CustomerLicense>(db, nameof(CustomerLicense.ExpiresOn));
        var writes = new List<Func<StatementBatch, Task>>();
        var now = clock.GetUtcNow();
        foreach (var license in licenses)
        {
            if (license.RenewIfDue(now) is not { } transaction)
            {
                continue;
            }

            writes.Add(async batch =>
            {
                await batch.UpdateAsync(expiresOn, license, license.Id, license.Version, cancellationToken);
                await batch.InsertAsync(TransactionColumns(db), transaction, cancellationToken);
            });
        }

        return await WriteAsync(db, writes, cancellationToken) ? new BatchWritten(writes.Count, 0) : null;
    }

    private static Task<List<CustomerLicense>> LoadUntrackedAsync(PortalDbContext db, Guid[] licenseIds, bool withPendingChanges, CancellationToken cancellationToken)
    {
        // Identity resolution: licenses of one partner share its Company and plans, as in one unit of work.
        IQueryable<CustomerLicense> licenses = db.CustomerLicenses.AsNoTrackingWithIdentityResolution()
            .Include(l => l.Customer).ThenInclude(c => c.Owner)
            .Include(l => l.Plan).ThenInclude(p => p.Product);
        if (withPendingChanges)
        {
            // Not a filtered include: SQLite would then look the changes up by the (State, ApplyOn) index, scanning every pending change per license.
            licenses = licenses.Include(l => l.ScheduledChanges);
        }

        return licenses.Where(l => licenseIds.Contains(l.Id)).OrderBy(l => l.Id).ToListAsync(cancellationToken);
    }

    private static TableColumns TransactionColumns(PortalDbContext db) => TableColumns.Of<Domain.Auditing.LicenseTransaction>(db);

    private static object?[] Values(TableColumns columns, object entity) =>
        Enumerable.Range(0, columns.Count).Select(i => columns.ValueOf(entity, i)).ToArray();

    private static LicensePool? PoolOf(Domain.Companies.Company owner, List<LicensePool> pools, Domain.ServicePlans.ServicePlan plan) =>
        owner.IsPartner
            ? pools.SingleOrDefault(p => p.PartnerId == owner.Id && p.ProductId == plan.ProductId && p.ServiceLevelId == plan.ServiceLevelId && p.LicenseType == plan.LicenseType)
            : null;

    /// <summary>
    /// Writes the batch in one transaction. False, with everything rolled back, when a version-checked row had
    /// moved on (or the database gave up on a lock wait): the caller then goes license by license.
    /// </summary>
    private async Task<bool> WriteAsync(PortalDbContext db, List<Func<StatementBatch, Task>> writes, CancellationToken cancellationToken)
    {
        if (writes.Count == 0)
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
                foreach (var write in writes)
                {
                    await write(batch);
                }

                await batch.FlushAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            }
            catch (Exception e) when (e is SetBasedConflictException or System.Data.Common.DbException)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                logger.LogInformation("Scheduler: a batch of {Count} licenses goes license by license ({Reason})", writes.Count, e.Message);
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

    private async Task<List<Guid>> DueChangeLicensesAsync(DateOnly today, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.ScheduledLicenseChanges.AsNoTracking()
            .Where(c => c.State == ScheduledChangeState.Pending && c.ApplyOn <= today)
            .OrderBy(c => c.ApplyOn)
            .Select(c => c.LicenseId)
            .Distinct()
            .ToListAsync(cancellationToken);
    }

    private async Task<List<Guid>> DueRenewalsAsync(DateOnly today, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return await db.CustomerLicenses.AsNoTracking()
            .Where(l => l.AutoRenew && l.ExpiresOn <= today && l.LicenseType != LicenseType.Trial)
            .Select(l => l.Id)
            .ToListAsync(cancellationToken);
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
