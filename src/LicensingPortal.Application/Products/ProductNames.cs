using LicensingPortal.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Products;

/// <summary>
/// The catalog's product names for the customers list's filter, read from the database at most once a minute per
/// process. Products come from the seed or the data generator, never from a portal screen, and are never renamed, so a
/// list page need not ask for them on every request (one command of its three; docs/performance.md). A product added
/// while the portal runs shows in the filter within a minute. One instance per process (a singleton); the database is
/// the caller's.
/// </summary>
public sealed class ProductNames(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    private Snapshot? _snapshot;

    public async Task<IReadOnlyList<(Guid Id, string Name)>> GetAsync(IPortalDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is not null && now >= snapshot.ReadAt && now - snapshot.ReadAt < Lifetime)
        {
            return snapshot.Names;
        }

        var rows = await db.Products.AsNoTracking().OrderBy(p => p.Name).Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
        snapshot = new Snapshot(rows.Select(p => (p.Id, p.Name)).ToList(), now);
        Volatile.Write(ref _snapshot, snapshot);
        return snapshot.Names;
    }

    private sealed record Snapshot(IReadOnlyList<(Guid Id, string Name)> Names, DateTimeOffset ReadAt);
}
