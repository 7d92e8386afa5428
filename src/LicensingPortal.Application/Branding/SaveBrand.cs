using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Branding;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Branding;

/// <summary>
/// R25: a company's administrators set its brand (display name, colour, host name) and, with it, optionally upload a new
/// logo. Everything is checked before anything is saved; one save with its audit entry; R19 through the brand's
/// version. A suspended partner may still change it, as its profile (R11); a canceled one may not.
/// </summary>
public sealed class SaveBrand(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<BrandInput> validator, BrandLookup lookup)
{
    public async Task<Result> HandleAsync(Guid companyId, BrandInput input, byte[]? logo = null, CancellationToken cancellationToken = default)
    {
        var company = await BrandOwner.FindAsync(db, user, companyId, cancellationToken);
        if (company is null)
        {
            return Result.NotFound();
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var result = await UseCase.RunAsync(async () =>
        {
            company.EnsureAllows(PartnerArea.Profile);
            var checkedLogo = logo is null ? null : BrandLogo.Checked(logo);
            var now = clock.GetUtcNow();
            var brand = await db.CompanyBrands.SingleOrDefaultAsync(b => b.CompanyId == company.Id, cancellationToken);
            var before = brand?.Describe();
            if (brand is null)
            {
                if (input.Version != 0)
                {
                    // R19: the form was read from a brand that no longer is (or never was) there.
                    return Result.Conflict();
                }

                brand = CompanyBrand.Create(company.Id, input.DisplayName, input.Colour, input.HostName, now);
                db.CompanyBrands.Add(brand);
            }
            else
            {
                db.ExpectVersion(brand, input.Version);
                brand.Update(input.DisplayName, input.Colour, input.HostName, now);
            }

            if (checkedLogo is not null)
            {
                brand.ReplaceLogo(checkedLogo, now);
            }

            if (brand.HostName is { } host && await db.CompanyBrands.AnyAsync(b => b.HostName == host && b.CompanyId != company.Id, cancellationToken))
            {
                throw HostNameTaken(host);
            }

            db.AuditEntries.Add(AuditEntry.Record(
                before is null ? "BrandCreated" : "BrandChanged", nameof(CompanyBrand), company.Id.ToString(), company.Id, user.Actor, now, before, brand.Describe()));
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException && brand.HostName is { } taken)
            {
                // Another company took the same host name at the same moment: the unique index kept theirs.
                throw HostNameTaken(taken);
            }

            return Result.Ok(checkedLogo is null ? "The brand was saved." : "The brand and its new logo were saved.");
        });

        lookup.Forget();
        return result;
    }

    private static DomainRuleViolation HostNameTaken(string host) =>
        new("R25", $"{host} is already the host name of another company; each host name shows one brand.", nameof(CompanyBrand.HostName));
}
