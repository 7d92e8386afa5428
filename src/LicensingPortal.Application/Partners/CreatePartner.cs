using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Partners;

public sealed record CreatedPartner(Guid PartnerId, Guid AdminUserId, string AdminEmail, string? SetPasswordToken);

/// <summary>Users &amp; Accounts › Partners › Create partner: the company and its first administrator, together or not at all.</summary>
public sealed class CreatePartner(IPortalDbContext db, ICurrentUser user, IPartnerAccounts accounts, TimeProvider clock, IValidator<CreatePartnerInput> validator)
{
    public async Task<Result<CreatedPartner>> HandleAsync(CreatePartnerInput input, CancellationToken cancellationToken = default)
    {
        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return Result<CreatedPartner>.From(invalid);
        }

        var provider = await db.Companies.SingleAsync(c => c.Id == user.CompanyId, cancellationToken);
        var name = input.Name?.Trim() ?? string.Empty;
        var normalized = name.ToUpperInvariant();
#pragma warning disable CA1862 // Translated to SQL UPPER(): the StringComparison overloads are not translatable by EF Core.
        if (await db.Companies.AnyAsync(c => c.ProviderId == provider.Id && c.Name.ToUpper() == normalized, cancellationToken))
#pragma warning restore CA1862
        {
            return Result<CreatedPartner>.From(Result.Invalid(PartnerLookup.FieldError("Name", $"A partner named \"{name}\" already exists.")));
        }

        if (await accounts.EmailInUseAsync(input.AdminEmail!, cancellationToken))
        {
            return Result<CreatedPartner>.From(Result.Invalid(PartnerLookup.FieldError("AdminEmail", $"{input.AdminEmail!} already has an account.")));
        }

        return await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var partner = Company.CreatePartner(provider, input.Type!.Value, input.ToProfile(), now);
            db.Companies.Add(partner);
            db.AuditEntries.Add(AuditEntry.Record(
                "PartnerCreated", nameof(Company), partner.Id.ToString(), partner.Id, user.Actor, now, null, $"{partner.Type.Display()} {partner.Name}, data center {partner.DataCenter}"));

            // Saves the partner, its audit entry and the administrator in one transaction.
            var password = string.IsNullOrEmpty(input.AdminPassword) ? null : input.AdminPassword;
            var created = await accounts.CreateAsync(
                partner.Id, new NewPartnerAccount(Guid.CreateVersion7(), input.AdminName!, input.AdminEmail!, password, [Roles.Administrator]), now, cancellationToken);
            return created.Succeeded
                ? Result<CreatedPartner>.Ok(new CreatedPartner(partner.Id, created.Value!.UserId, created.Value.Email, created.Value.SetPasswordToken))
                : Result<CreatedPartner>.From(created);
        });
    }
}
