using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using LicensingPortal.Application.Billing;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LicensingPortal.Infrastructure.Jobs;

public sealed record MonthCloseRun(int Closed, int Submitted);

/// <summary>
/// R24, run by every node each tick: once a month is over, each buyer's statement for it (every partner, and each
/// provider for its direct customers) is closed once: its lines computed from the history (<see cref="StatementCalculator"/>)
/// and its state moved from Open to Preparing. On the provider's deadline day of the month after, a statement still
/// Preparing or Rejected is submitted. Each statement is written in its own database transaction; a node that loses the
/// race for one (the unique month per buyer, or the version of an open statement) leaves it to the winner, so each
/// happens once on N nodes (as ADR 0008). When every statement of last month is closed, a run is one query.
/// </summary>
/// <remarks>
/// At the scale target (2,000 partners, a million licenses) a month has about a million lines. The run goes buyer by
/// buyer in two lanes (<see cref="TwoLanes"/>): the next buyer's month is read by index (its transactions' states, its
/// customers' names, its licenses' usage) and calculated on one connection while this buyer's statement is written on
/// the other. Nothing is tracked; a statement, its lines and its audit entry go in as raw INSERTs through the EF model's
/// tables and columns (<see cref="BulkInserter"/>, ADR 0017), so neither memory nor the change tracker grows with the
/// month (docs/performance.md, R24).
/// </remarks>
public sealed class MonthCloseJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<MonthCloseJob> logger)
{
    private static readonly Actor Deadline = new(null, "System (statement deadline)");

    /// <summary>SQLite: a passive checkpoint every 32 MB of WAL (docs/performance.md, R24), not one of a gigabyte at the end.</summary>
    private const int CheckpointPages = 8192;

    public async Task<MonthCloseRun> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var monthEnd = new DateTimeOffset(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        var closed = 0;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var buyers = await db.Companies.AsNoTracking()
                .Where(c => c.CreatedAt < monthEnd && !db.Statements.Any(s => s.CompanyId == c.Id && s.Month == month && s.State != StatementState.Open))
                .ToListAsync(cancellationToken);
            if (buyers.Count > 0)
            {
                closed = await CloseAllAsync(db, buyers, month, today, now, cancellationToken);
            }
        }

        var submitted = await SubmitAtDeadlineAsync(today, now, cancellationToken);
        if (closed + submitted > 0)
        {
            logger.LogInformation("Statements: {Closed} closed for {Month:yyyy-MM}, {Submitted} submitted at their deadline", closed, month, submitted);
        }

        return new MonthCloseRun(closed, submitted);
    }

    private async Task<int> CloseAllAsync(PortalDbContext db, List<Company> buyers, DateOnly month, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var providers = buyers.Where(b => b.IsProvider).ToDictionary(b => b.Id);
        var otherProviders = buyers.Select(b => b.ProviderId).OfType<Guid>().Distinct().Where(id => !providers.ContainsKey(id)).ToList();
        foreach (var provider in await db.Companies.AsNoTracking().Where(c => otherProviders.Contains(c.Id)).ToListAsync(cancellationToken))
        {
            providers[provider.Id] = provider;
        }

        // An estimate kept open (with corrections carried into it) is closed in place; the others are new rows.
        var open = await db.Statements.AsNoTracking()
            .Where(s => s.Month == month && s.State == StatementState.Open)
            .Select(s => new { s.CompanyId, s.Id })
            .ToDictionaryAsync(s => s.CompanyId, s => s.Id, cancellationToken);

        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var tuning = await SqliteJobTuning.ApplyAsync(db, cancellationToken, checkpointPages: CheckpointPages);
            var columns = new StatementColumns(db);
            StatementCalculator? calculator = null;
            var (closed, calculating, writing) = (0, TimeSpan.Zero, TimeSpan.Zero);

            // Buyers whose statement another node closed first: once a write loses a race, the run reads which are
            // closed and skips them, rather than calculating every buyer again on each node that starts late.
            var closedElsewhere = new ConcurrentDictionary<Guid, bool>();

            // The next buyer's month is calculated on a second connection while this one's statement is written.
            await TwoLanes.RunAsync(scopes, buyers, async (readDb, buyer) =>
            {
                if (closedElsewhere.ContainsKey(buyer.Id))
                {
                    return null;
                }

                var step = Stopwatch.StartNew();
                calculator ??= new StatementCalculator(readDb);
                var provider = buyer.ProviderId is { } providerId ? providers[providerId] : buyer;
                var wasOpen = open.TryGetValue(buyer.Id, out var openId);
                var statement = wasOpen
                    ? await readDb.Statements.AsNoTracking().Include(s => s.Lines).SingleAsync(s => s.Id == openId, cancellationToken)
                    : Statement.Open(provider.Id, buyer.Id, month, Currency.Of(provider.BillingCurrency));
                var version = statement.Version;
                var lines = await calculator.LinesAsync(provider, buyer, month, cancellationToken);
                statement.Close(lines.Select(l => l.ForStatement), today);
                var audit = AuditEntry.Record(
                    "StatementClosed", nameof(Statement), statement.Id.ToString(), buyer.Id, Actor.Scheduler, now, null,
                    $"{month:MMMM yyyy}: {lines.Count} lines, {statement.Total.ToString("N2", CultureInfo.InvariantCulture)} {statement.CurrencyCode}");
                calculating += step.Elapsed;
                return (Closing?)new Closing(statement, wasOpen ? version : null, audit);
            }, async (closing, _) =>
            {
                if (closing is null)
                {
                    return;
                }

                var step = Stopwatch.StartNew();
                if (await WriteAsync(db, columns, closing, cancellationToken))
                {
                    closed++;
                }
                else
                {
                    foreach (var buyerId in await db.Statements.AsNoTracking().Where(s => s.Month == month && s.State != StatementState.Open).Select(s => s.CompanyId).ToListAsync(cancellationToken))
                    {
                        closedElsewhere[buyerId] = true;
                    }
                }

                writing += step.Elapsed;
            }, cancellationToken);

            logger.LogDebug("Month close timings: {Total:F2} s for {Buyers} buyers; calculating {Calculating:F2} s beside writing {Writing:F2} s",
                watch.Elapsed.TotalSeconds, buyers.Count, calculating.TotalSeconds, writing.TotalSeconds);
            return closed;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>A buyer's statement, closed in memory, for the writing lane: <see cref="OpenVersion"/> when it was an open row.</summary>
    private sealed record Closing(Statement Statement, int? OpenVersion, AuditEntry Audit);

    /// <summary>
    /// One statement in one transaction: a new statement's row, or an open one's new state and total (version-checked,
    /// ADR 0005) with its calculated lines replaced; its calculated lines; its audit entry. False, with nothing written,
    /// when another node got there first (the unique month per buyer, the version) or the database gave up on a lock:
    /// the statement is then closed, or left for the next run.
    /// </summary>
    private async Task<bool> WriteAsync(PortalDbContext db, StatementColumns columns, Closing closing, CancellationToken cancellationToken)
    {
        var (statement, openVersion, audit) = closing;
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            try
            {
                if (db.Database.IsNpgsql())
                {
                    // Each line's foreign key check looks its statement up by key, through a plan PostgreSQL makes once
                    // per session: made while the statements table is nearly empty, it is a sequential scan, repeated
                    // for a million lines over a table that grows to thousands of rows (974,039 scans reading 514
                    // million rows in one run). Without sequential scans in these transactions it is made on the key.
                    // And, as SQLite's synchronous = NORMAL for the run (SqliteJobTuning), a commit does not wait for
                    // its WAL to reach the disk: a crash may lose the last statements closed, which the next run
                    // closes again (docs/performance.md, R24).
                    await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off; SET LOCAL synchronous_commit = off", cancellationToken);
                }

                if (openVersion is { } version)
                {
                    await db.Set<StatementLine>().Where(l => l.StatementId == statement.Id && !l.IsCarriedAdjustment).ExecuteDeleteAsync(cancellationToken);
                    await using var update = new StatementBatch(db);
                    await update.UpdateAsync(columns.Closing, statement, statement.Id, version, cancellationToken);
                    await update.FlushAsync(cancellationToken);
                }
                else
                {
                    await InsertAsync(db, columns.Statements, [statement], cancellationToken);
                }

                await InsertAsync(db, columns.Lines, statement.Lines.Where(l => !l.IsCarriedAdjustment), cancellationToken);
                await InsertAsync(db, columns.Audit, [audit], cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return true;
            }
            catch (Exception e) when (e is SetBasedConflictException or DbException)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                logger.LogInformation("Statements: {Month:yyyy-MM} of {Buyer} left to another node ({Reason})", statement.Month, statement.CompanyId, e.Message);
                return false;
            }
        });
    }

    private static async Task InsertAsync(PortalDbContext db, TableColumns columns, IEnumerable<object> rows, CancellationToken cancellationToken)
    {
        await using var insert = new BulkInserter(db, columns);
        foreach (var row in rows)
        {
            await insert.AddEntityAsync(row, cancellationToken);
        }

        await insert.FlushAsync(cancellationToken);
    }

    private async Task<int> SubmitAtDeadlineAsync(DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        List<(Guid Id, DateOnly Month)> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            due = (await db.Statements.AsNoTracking()
                    .Where(s => (s.State == StatementState.Preparing || s.State == StatementState.Rejected) && s.Month < thisMonth)
                    .Select(s => new { s.Id, s.Month, DeadlineDay = db.Companies.Where(c => c.Id == s.ProviderId).Select(c => c.StatementDeadlineDay).First() })
                    .ToListAsync(cancellationToken))
                .Where(s => today >= Statement.DeadlineOf(s.Month, s.DeadlineDay))
                .Select(s => (s.Id, s.Month))
                .ToList();
        }

        var submitted = 0;
        foreach (var (id, month) in due)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var statement = await db.Statements.SingleAsync(s => s.Id == id, cancellationToken);
            if (statement.State is not (StatementState.Preparing or StatementState.Rejected))
            {
                continue;
            }

            statement.Submit(Deadline, now);
            db.AuditEntries.Add(AuditEntry.Record(
                "StatementSubmitted", nameof(Statement), statement.Id.ToString(), statement.CompanyId, Deadline, now, null, $"{month:MMMM yyyy}: submitted at the deadline"));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                submitted++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // The partner submitted it, or another node did, meanwhile.
            }
        }

        return submitted;
    }

    /// <summary>The tables a close writes, from the EF model (ADR 0017): every column of a statement, a line and an audit entry.</summary>
    private sealed class StatementColumns(PortalDbContext db)
    {
        public TableColumns Statements { get; } = TableColumns.Of<Statement>(db);

        /// <summary>What closing changes on an open statement's row (its version moves on with them).</summary>
        public TableColumns Closing { get; } = TableColumns.Of<Statement>(db, nameof(Statement.State), nameof(Statement.Total));

        public TableColumns Lines { get; } = TableColumns.Of<StatementLine>(db);

        public TableColumns Audit { get; } = TableColumns.Of<AuditEntry>(db);
    }
}
