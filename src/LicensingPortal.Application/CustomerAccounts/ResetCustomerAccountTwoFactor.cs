using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;

namespace LicensingPortal.Application.CustomerAccounts;

/// <summary>Customers › {customer} › Accounts › Reset two-factor (R25): a new authenticator key, two-factor off until the user sets it up again.</summary>
public sealed class ResetCustomerAccountTwoFactor(IPortalDbContext db, ICurrentUser user, ICustomerAccounts accounts, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid customerId, Guid userId, CancellationToken cancellationToken = default)
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
            CustomerAccountRules.Audit(db, user, customer, "CustomerAccountTwoFactorReset", userId,
                account.TwoFactorEnabled ? "Two-factor on" : "Two-factor off", "Two-factor off, authenticator key reset", clock.GetUtcNow());
            var result = await accounts.ResetTwoFactorAsync(customer.Id, userId, cancellationToken);
            return result.Succeeded ? Result.Ok($"Two-factor sign-in of {account.Name} was reset.") : result;
        });
    }
}
