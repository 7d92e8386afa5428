using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Partners;

/// <summary>Accounts tab › Add (R15): with an initial password, or a one-time set-password link shown once.</summary>
public sealed class AddPartnerAccount(IPortalDbContext db, ICurrentUser user, IPartnerAccounts accounts, TimeProvider clock, IValidator<AddAccountInput> validator)
{
    public async Task<Result<CreatedPartnerAccount>> HandleAsync(Guid partnerId, AddAccountInput input, CancellationToken cancellationToken = default)
    {
        var partner = await db.FindPartnerAsync(user, partnerId, cancellationToken);
        if (partner is null)
        {
            return Result<CreatedPartnerAccount>.From(Result.NotFound());
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return Result<CreatedPartnerAccount>.From(invalid);
        }

        var account = new NewPartnerAccount(Guid.CreateVersion7(), input.Name!, input.Email!, string.IsNullOrEmpty(input.Password) ? null : input.Password, input.Roles);

        var check = await UseCase.RunAsync(() =>
        {
            partner.EnsureAllows(PartnerArea.Accounts);
            AccountRules.EnsureValidRoles(account.Roles);
            return Task.FromResult(Result.Ok());
        });
        if (!check.Succeeded)
        {
            return Result<CreatedPartnerAccount>.From(check);
        }

        if (await accounts.EmailInUseAsync(account.Email, cancellationToken))
        {
            return Result<CreatedPartnerAccount>.From(Result.Invalid(PartnerLookup.FieldError("Email", $"{account.Email} already has an account.")));
        }

        // The audit entry is staged first: the account store's save writes both in one transaction.
        var now = clock.GetUtcNow();
        AccountRules.Audit(db, user, partner, "AccountAdded", account.Id, null, $"{account.Name} <{account.Email}>: {string.Join(", ", account.Roles)}", now);
        var created = await accounts.CreateAsync(partner.Id, account, now, cancellationToken);
        return created;
    }
}
