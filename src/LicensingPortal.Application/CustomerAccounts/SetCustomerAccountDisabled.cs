using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;

namespace LicensingPortal.Application.CustomerAccounts;

/// <summary>Customers › {customer} › Accounts › Disable / Enable (R25). A disabled user's open session ends at its next request.</summary>
public sealed class SetCustomerAccountDisabled(IPortalDbContext db, ICurrentUser user, ICustomerAccounts accounts, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid customerId, Guid userId, bool disabled, CancellationToken cancellationToken = default)
    {
        var customer = await db.FindOwnedCustomerAsync(user, customerId, cancellationToken);
        var account = customer is null ? null : await accounts.FindAsync(customer.Id, userId, cancellationToken);
        if (customer is null || account is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            CustomerAccountRules.EnsureOwnerAllows(customer);
            CustomerAccountRules.Audit(db, user, customer, disabled ? "CustomerAccountDisabled" : "CustomerAccountEnabled", userId,
                account.Disabled ? "Disabled" : "Enabled", disabled ? "Disabled" : "Enabled", clock.GetUtcNow());
            var result = await accounts.SetDisabledAsync(customer.Id, userId, disabled, cancellationToken);
            return result.Succeeded
                ? Result.Ok(disabled ? $"{account.Name} can no longer sign in." : $"{account.Name} can sign in again.")
                : result;
        });
    }
}
