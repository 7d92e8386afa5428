using LicensingPortal.Domain.Common;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.Infrastructure.Notifications;

/// <summary>
/// The append-only sources the background jobs announce (license transactions, audit entries), each read
/// after its own cursor: notifications (R20) and webhooks (ADR 0011) keep separate cursors over the same rows.
/// </summary>
public static class EventSource
{
    /// <summary>
    /// The records after a cursor position, in the (At, Id) order the jobs read them in: served by the table's (At, Id)
    /// index from the cursor on, not by a scan and sort of the whole history (EventSourceQueryPlanTests).
    /// </summary>
    public static IQueryable<T> After<T>(this IQueryable<T> records, DateTimeOffset since, Guid lastId)
        where T : class, IAppendOnlyRecord =>
        records
            // At >= since repeats what the OR implies: PostgreSQL seeks an index only on a plain range, not on the OR.
            .Where(r => r.At >= since && (r.At > since || (r.At == since && r.Id.CompareTo(lastId) > 0)))
            .OrderBy(r => r.At).ThenBy(r => r.Id);

    public const int BatchSize = 500;

    /// <summary>How far before its cursor a run re-reads a source: a transaction saved late, with an earlier time, is still seen.</summary>
    public static readonly TimeSpan CursorOverlap = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Reads an append-only source in (time, id) order from a little before its cursor, page by page, then moves
    /// the cursor on. Two nodes reading the same page create nothing twice (unique keys); the cursor save that
    /// loses the race is simply dropped.
    /// </summary>
    public static async Task ReadAsync(
        IServiceScopeFactory scopes,
        TimeProvider clock,
        string source,
        Func<PortalDbContext, DateTimeOffset, DateTimeOffset, Guid, Task<(DateTimeOffset At, Guid Id, int Count)?>> readPage,
        CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = clock.GetUtcNow();
        var cursor = await db.NotificationCursors.SingleOrDefaultAsync(c => c.Source == source, cancellationToken);
        if (cursor is null)
        {
            // A new installation announces the last day, not its whole history.
            cursor = new NotificationCursor { Source = source, Position = now.AddDays(-1) };
            db.NotificationCursors.Add(cursor);
        }

        var since = cursor.Position - CursorOverlap;
        var lastId = Guid.Empty;
        var reached = cursor.Position;
        while (await readPage(db, since, since, lastId) is { } last)
        {
            (since, lastId) = (last.At, last.Id);
            reached = last.At > reached ? last.At : reached;
            if (last.Count < BatchSize)
            {
                break;
            }
        }

        cursor.Position = reached;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node moved (or created) the cursor first; the next run reads on from the later of the two.
        }
    }
}
