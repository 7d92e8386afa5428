using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Partners;

/// <summary>Profile tab (R16): the only tab a suspended partner can change (R11); refused after cancel.</summary>
public sealed class UpdatePartnerProfile(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<PartnerProfileInput> validator)
{
    public async Task<Result> HandleAsync(Guid partnerId, PartnerProfileInput input, CancellationToken cancellationToken = default)
    {
        var partner = await db.FindPartnerAsync(user, partnerId, cancellationToken);
        if (partner is null)
        {
            return Result.NotFound();
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var profile = input.ToProfile();

        var normalized = profile.Name?.Trim().ToUpperInvariant() ?? string.Empty;
#pragma warning disable CA1862 // Translated to SQL UPPER(): the StringComparison overloads are not translatable by EF Core.
        if (await db.Companies.AnyAsync(c => c.ProviderId == partner.ProviderId && c.Id != partner.Id && c.Name.ToUpper() == normalized, cancellationToken))
#pragma warning restore CA1862
        {
            return Result.Invalid(PartnerLookup.FieldError("Name", $"A partner named \"{profile.Name?.Trim()}\" already exists."));
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(partner, input.Version);
            var before = Describe(partner);
            partner.UpdateProfile(profile);
            db.AuditEntries.Add(AuditEntry.Record(
                "PartnerProfileChanged", nameof(Company), partner.Id.ToString(), partner.Id, user.Actor, clock.GetUtcNow(), before, Describe(partner)));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"The profile of {partner.Name} was saved.");
        });
    }

    private static string Describe(Company c) =>
        $"Name: {c.Name}; Contact: {c.ContactName}; Email: {c.ContactEmail}; Phone: {c.Phone}; Address: {c.Address}; Country: {c.Country}; Data center: {c.DataCenter}";
}
