using LicensingPortal.Application.Common;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Branding;

/// <summary>A company's logo as stored, with the version that names it.</summary>
public sealed record BrandLogoFile(byte[] Content, string ContentType, int Version);

/// <summary>
/// R25: a company's logo for anyone who asks (the sign-in page of its host name is shown before anyone signs in, and
/// emails load it without the portal's cookie). Only what the company chose to show its customers; nothing else of it.
/// </summary>
public sealed class GetBrandLogo(IPortalDbContext db)
{
    public Task<BrandLogoFile?> HandleAsync(Guid companyId, CancellationToken cancellationToken = default) =>
        db.CompanyBrands.AsNoTracking().Where(b => b.CompanyId == companyId && b.Logo != null)
            .Select(b => new BrandLogoFile(b.Logo!, b.LogoContentType!, b.Version))
            .SingleOrDefaultAsync(cancellationToken);
}
