using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Branding;

/// <summary>
/// R25, the Branding page: a company's brand as its administrators set it: their own company's, or (a provider) one of
/// its partners'. Any other company is not found (R1).
/// </summary>
public sealed class GetBrand(IPortalDbContext db, ICurrentUser user)
{
    public async Task<BrandView?> HandleAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        var company = await BrandOwner.FindAsync(db, user, companyId, cancellationToken);
        if (company is null)
        {
            return null;
        }

        var brand = await db.CompanyBrands.AsNoTracking().Where(b => b.CompanyId == companyId)
            .Select(b => new { b.DisplayName, b.Colour, b.HostName, b.LogoContentType, LogoBytes = b.Logo == null ? (int?)null : b.Logo.Length, b.Version })
            .SingleOrDefaultAsync(cancellationToken);
        var editable = company.Allows(PartnerArea.Profile);
        return new BrandView(
            company.Id,
            brand is not null,
            company.Name,
            editable,
            editable ? null : company.StatusRefusal,
            brand?.DisplayName,
            brand?.Colour,
            brand?.HostName,
            brand?.LogoContentType,
            brand?.LogoBytes,
            brand?.Version ?? 0);
    }
}
