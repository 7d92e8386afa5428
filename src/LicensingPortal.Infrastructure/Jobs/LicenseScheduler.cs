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
/// expiry. Each license is one unit of work with its transaction (R9). Exactly once, even with several
/// runs or web servers at the same time: the scheduled change's and the license's version columns make
/// the second run's save fail (DbUpdateConcurrencyException), and that run skips the row.
/// </summary>
public sealed class LicenseScheduler(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LicenseScheduler> logger)
{
    public const int BatchSize = 200;

    public async Task<SchedulerRun> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        int applied = 0, refused = 0, renewed = 0, skipped = 0;

        foreach (var licenseId in await DueChangeLicensesAsync(today, cancellationToken))
        {
            switch (await WithRetryAsync(() => ApplyDueChangeAsync(licenseId, cancellationToken)))
            {
                case TransactionOutcome.Applied: applied++; break;
                case TransactionOutcome.Refused: refused++; break;
                case TransactionOutcome.Skipped: skipped++; break;
                case TransactionOutcome.Nothing: break;
            }
        }

        foreach (var licenseId in await DueRenewalsAsync(today, cancellationToken))
        {
            switch (await WithRetryAsync(() => RenewAsync(licenseId, cancellationToken)))
            {
                case TransactionOutcome.Applied: renewed++; break;
                case TransactionOutcome.Skipped: skipped++; break;
                case TransactionOutcome.Refused or TransactionOutcome.Nothing: break;
            }
        }

        if (applied + refused + renewed > 0)
        {
            logger.LogInformation("Scheduler: {Applied} scheduled changes applied, {Refused} refused, {Renewed} licenses renewed, {Skipped} left for the next run after repeated conflicts", applied, refused, renewed, skipped);
        }

        return new SchedulerRun(applied, refused, renewed, skipped);
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
        db.CustomerLicenses
            .Include(l => l.Customer).ThenInclude(c => c.Owner)
            .Include(l => l.Plan).ThenInclude(p => p.Product)
            .Include(l => l.ScheduledChanges)
            .SingleOrDefaultAsync(l => l.Id == licenseId, cancellationToken);

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
