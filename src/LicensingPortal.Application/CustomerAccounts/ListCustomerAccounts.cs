using LicensingPortal.Application.Common;
using LicensingPortal.Application.Partners;
using LicensingPortal.Application.Security;

namespace LicensingPortal.Application.CustomerAccounts;

/// <summary>Customers › {customer} › Accounts (R25): the customer's own users, and whether its owner may change them now (R11).</summary>
public sealed record CustomerAccountsPage(Guid CustomerId, string CustomerName, string OwnerName, bool OwnerAllowsChanges, string OwnerRefusal, IReadOnlyList<PartnerAccountView> Accounts);

public sealed class ListCustomerAccounts(IPortalDbContext db, ICurrentUser user, ICustomerAccounts accounts)
{
    /// <returns>Null when the caller's company does not own the customer (shown as 404).</returns>
    public async Task<CustomerAccountsPage?> HandleAsync(Guid customerId, CancellationToken cancellationToken = default)
    {
        var customer = await db.FindOwnedCustomerAsync(user, customerId, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        return new CustomerAccountsPage(
            customer.Id,
            customer.Name,
            customer.Owner.Name,
            customer.Owner.Allows(Domain.Partners.PartnerArea.Accounts),
            customer.Owner.StatusRefusal,
            await accounts.ListAsync(customer.Id, cancellationToken));
    }
}
