using LicensingPortal.Application.Billing;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
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
/// Preparing or Rejected is submitted. Each statement is its own unit of work; a node that loses the race for one (the
/// unique month per buyer, or the version) leaves it to the winner, so each happens once on N nodes (as ADR 0008).
/// When every statement of last month is closed, a run is one query.
/// </summary>
public sealed class MonthCloseJob(IServiceScopeFactory scopes, TimeProvider clock, ILogger<MonthCloseJob> logger)
{
    private static readonly Actor Deadline = new(null, "System (statement deadline)");

    public async Task<MonthCloseRun> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var monthEnd = new DateTimeOffset(month.AddMonths(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        List<Guid> buyers;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            buyers = await db.Companies.AsNoTracking()
                .Where(c => c.CreatedAt < monthEnd && !db.Statements.Any(s => s.CompanyId == c.Id && s.Month == month && s.State != StatementState.Open))
                .Select(c => c.Id)
                .ToListAsync(cancellationToken);
        }

        var closed = 0;
        foreach (var buyer in buyers)
        {
            closed += await CloseAsync(buyer, month, today, now, cancellationToken) ? 1 : 0;
        }

        var submitted = await SubmitAtDeadlineAsync(today, now, cancellationToken);
        if (closed + submitted > 0)
        {
            logger.LogInformation("Statements: {Closed} closed for {Month:yyyy-MM}, {Submitted} submitted at their deadline", closed, month, submitted);
        }

        return new MonthCloseRun(closed, submitted);
    }

    private async Task<bool> CloseAsync(Guid buyerId, DateOnly month, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var buyer = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == buyerId, cancellationToken);
        var provider = buyer.ProviderId is { } providerId ? await db.Companies.AsNoTracking().SingleAsync(c => c.Id == providerId, cancellationToken) : buyer;
        var statement = await db.Statements.Include(s => s.Lines).SingleOrDefaultAsync(s => s.CompanyId == buyer.Id && s.Month == month, cancellationToken);
        if (statement is { State: not StatementState.Open })
        {
            return false;
        }

        if (statement is null)
        {
            statement = Statement.Open(provider.Id, buyer.Id, month, Currency.Of(provider.BillingCurrency));
            db.Statements.Add(statement);
        }

        var lines = await new StatementCalculator(db).LinesAsync(provider, buyer, month, cancellationToken);
        statement.Close(lines.Select(l => l.ForStatement), today);
        db.AuditEntries.Add(AuditEntry.Record(
            "StatementClosed", nameof(Statement), statement.Id.ToString(), buyer.Id, Actor.Scheduler, now, null,
            $"{month:MMMM yyyy}: {lines.Count} lines, {statement.Total.ToString("N2", System.Globalization.CultureInfo.InvariantCulture)} {statement.CurrencyCode}"));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is DbUpdateConcurrencyException || InsertRace.Lost(e))
        {
            // Another node closed it first.
            return false;
        }
    }

    private async Task<int> SubmitAtDeadlineAsync(DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        List<(Guid Id, DateOnly Month, int DeadlineDay)> due;
        using (var scope = scopes.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            due = (await db.Statements.AsNoTracking()
                    .Where(s => (s.State == StatementState.Preparing || s.State == StatementState.Rejected) && s.Month < thisMonth)
                    .Select(s => new { s.Id, s.Month, DeadlineDay = db.Companies.Where(c => c.Id == s.ProviderId).Select(c => c.StatementDeadlineDay).First() })
                    .ToListAsync(cancellationToken))
                .Where(s => today >= s.Month.AddMonths(1).AddDays(s.DeadlineDay - 1))
                .Select(s => (s.Id, s.Month, s.DeadlineDay))
                .ToList();
        }

        var submitted = 0;
        foreach (var (id, month, _) in due)
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
}
