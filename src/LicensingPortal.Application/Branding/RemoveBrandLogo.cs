using LicensingPortal.Application.Common;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Branding;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Branding;

/// <summary>R25: the company's pages and emails go on without a logo (the display name stands alone). Audited; R19.</summary>
public sealed class RemoveBrandLogo(IPortalDbContext db, ICurrentUser user, TimeProvider clock, BrandLookup lookup)
{
    public async Task<Result> HandleAsync(Guid companyId, int version, CancellationToken cancellationToken = default)
    {
        var company = await BrandOwner.FindAsync(db, user, companyId, cancellationToken);
        var brand = company is null ? null : await db.CompanyBrands.SingleOrDefaultAsync(b => b.CompanyId == company.Id, cancellationToken);
        if (company is null || brand is null)
        {
            return Result.NotFound();
        }

        var result = await UseCase.RunAsync(async () =>
        {
            company.EnsureAllows(PartnerArea.Profile);
            db.ExpectVersion(brand, version);
            var before = brand.Describe();
            var now = clock.GetUtcNow();
            brand.RemoveLogo(now);
            db.AuditEntries.Add(AuditEntry.Record("BrandLogoRemoved", nameof(CompanyBrand), company.Id.ToString(), company.Id, user.Actor, now, before, brand.Describe()));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok("The logo was removed.");
        });

        lookup.Forget();
        return result;
    }
}
