using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Partners;
using LicensingPortal.Application.Security;

namespace LicensingPortal.Application.CustomerAccounts;

/// <summary>Customers › {customer} › Accounts › Invite (R25): a customer user with a one-time set-password link, shown once.</summary>
public sealed class InviteCustomerAccount(IPortalDbContext db, ICurrentUser user, ICustomerAccounts accounts, IPartnerAccounts emails, TimeProvider clock, IValidator<InviteCustomerAccountInput> validator)
{
    public async Task<Result<CreatedPartnerAccount>> HandleAsync(Guid customerId, InviteCustomerAccountInput input, CancellationToken cancellationToken = default)
    {
        var customer = await db.FindOwnedCustomerAsync(user, customerId, cancellationToken);
        if (customer is null)
        {
            return Result<CreatedPartnerAccount>.From(Result.NotFound());
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return Result<CreatedPartnerAccount>.From(invalid);
        }

        var account = new NewPartnerAccount(Guid.CreateVersion7(), input.Name!.Trim(), input.Email!.Trim(), null, [input.Role!]);
        return await UseCase.RunAsync(async () =>
        {
            CustomerAccountRules.EnsureOwnerAllows(customer);
            CustomerAccountRules.EnsureCustomerRole(input.Role);
            if (await emails.EmailInUseAsync(account.Email, cancellationToken))
            {
                return Result<CreatedPartnerAccount>.From(Result.Invalid(PartnerLookup.FieldError("Email", $"{account.Email} already has an account.")));
            }

            // The audit entry is staged first: the account store's save writes both in one transaction.
            var now = clock.GetUtcNow();
            CustomerAccountRules.Audit(db, user, customer, "CustomerAccountInvited", account.Id, null, $"{account.Name} <{account.Email}> of {customer.Name}: {input.Role}", now);
            return await accounts.CreateAsync(customer.OwnerId, customer.Id, account, now, cancellationToken);
        });
    }
}
