using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.Infrastructure.Jobs;

/// <summary>
/// A batch job's work in two lanes, so that it uses a second core: while one item is written on the run's connection
/// (the caller's), the next is read on a second connection of its own, on a thread of its own. The items must hold
/// different rows and every write must check what it changes (versions, unique keys), so that an item read a moment
/// before the previous commit is as safe as one read after it (ADR 0017). At most two items are in memory at once.
/// </summary>
internal static class TwoLanes
{
    public static async Task RunAsync<TItem, TLoaded>(
        IServiceScopeFactory scopes,
        IReadOnlyList<TItem> items,
        Func<PortalDbContext, TItem, Task<TLoaded>> load,
        Func<TLoaded, TItem, Task> write,
        CancellationToken cancellationToken)
    {
        if (items.Count == 0)
        {
            return;
        }

        using var scope = scopes.CreateScope();
        var readDb = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await readDb.Database.OpenConnectionAsync(cancellationToken);
        await using var tuning = await SqliteJobTuning.ApplyAsync(readDb, cancellationToken, forWrites: false);

        // Task.Run: on SQLite the "async" reads complete synchronously; the reading lane needs a thread of its own.
        Task<TLoaded> Load(TItem item) => Task.Run(() => load(readDb, item), cancellationToken);

        Task<TLoaded>? next = Load(items[0]);
        try
        {
            for (var i = 0; i < items.Count; i++)
            {
                var loaded = await next!;
                next = i + 1 < items.Count ? Load(items[i + 1]) : null;
                await write(loaded, items[i]);
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
}
