using System.Collections.Concurrent;
using LicensingPortal.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Branding;

/// <summary>
/// R25: the brand a customer's users see (their customer's owner's, else that owner's provider's, else none: the
/// portal's own look) and the brand of a host name (its sign-in page). Every page of a customer user and every sign-in
/// page asks, so answers are kept for <see cref="Lifetime"/> per process (one SQL command per customer or host a
/// minute, not one per page); a brand saved through this process is seen at once (<see cref="Forget"/>), one saved on
/// another server within the minute. One instance per process; the database is the caller's (as <c>ProductNames</c>).
/// </summary>
public sealed class BrandLookup(TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);

    /// <summary>Beyond this many remembered answers the cache starts again (a bound, not a tuning knob).</summary>
    private const int MaxEntries = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The brand the users of customer <paramref name="customerId"/> see, or null for the portal's own.</summary>
    public Task<Brand?> ForCustomerAsync(IPortalDbContext db, Guid customerId, CancellationToken cancellationToken = default) =>
        RememberedAsync($"customer:{customerId}", async () =>
        {
            var owner = db.Customers.Where(c => c.Id == customerId).Select(c => new { c.OwnerId, c.Owner.ProviderId });
            var brands = await db.CompanyBrands.AsNoTracking()
                .Where(b => owner.Any(o => o.OwnerId == b.CompanyId || o.ProviderId == b.CompanyId))
                .Select(b => new { Brand = new Brand(b.CompanyId, b.DisplayName, b.Colour, b.LogoContentType != null, b.Version), IsOwner = owner.Any(o => o.OwnerId == b.CompanyId) })
                .ToListAsync(cancellationToken);
            return (brands.FirstOrDefault(b => b.IsOwner) ?? brands.FirstOrDefault())?.Brand;
        });

    /// <summary>The brand whose host name is <paramref name="host"/> (any case, no port), or null.</summary>
    public Task<Brand?> ForHostAsync(IPortalDbContext db, string? host, CancellationToken cancellationToken = default)
    {
        var name = host?.Trim().TrimEnd('.').ToLowerInvariant();
        return string.IsNullOrEmpty(name)
            ? Task.FromResult<Brand?>(null)
            : RememberedAsync($"host:{name}", () => db.CompanyBrands.AsNoTracking().Where(b => b.HostName == name)
                .Select(b => new Brand(b.CompanyId, b.DisplayName, b.Colour, b.LogoContentType != null, b.Version))
                .SingleOrDefaultAsync(cancellationToken));
    }

    /// <summary>A brand changed: every answer is read again.</summary>
    public void Forget() => _entries.Clear();

    private async Task<Brand?> RememberedAsync(string key, Func<Task<Brand?>> read)
    {
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(key, out var entry) && now >= entry.ReadAt && now - entry.ReadAt < Lifetime)
        {
            return entry.Brand;
        }

        var brand = await read();
        if (_entries.Count >= MaxEntries)
        {
            _entries.Clear();
        }

        _entries[key] = new Entry(brand, now);
        return brand;
    }

    private sealed record Entry(Brand? Brand, DateTimeOffset ReadAt);
}
