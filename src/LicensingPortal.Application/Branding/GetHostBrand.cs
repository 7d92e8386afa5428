using LicensingPortal.Application.Common;

namespace LicensingPortal.Application.Branding;

/// <summary>R25: the brand of the host name a page was asked for (portal.msp.example), for the pages shown before sign-in.</summary>
public sealed class GetHostBrand(IPortalDbContext db, BrandLookup lookup)
{
    public Task<Brand?> HandleAsync(string? host, CancellationToken cancellationToken = default) => lookup.ForHostAsync(db, host, cancellationToken);
}
