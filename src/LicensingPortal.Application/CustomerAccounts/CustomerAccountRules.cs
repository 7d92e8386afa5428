using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.CustomerAccounts;

/// <summary>R25: who manages a customer's own accounts, and with which roles.</summary>
public static class CustomerAccountRules
{
    /// <summary>
    /// The customer whose accounts <paramref name="user"/> may manage: only its owning company's users (a partner for
    /// its customers, the provider for its direct customers). The provider does not manage a partner's customer's
    /// accounts, and nobody else learns that the customer exists (null, shown as 404).
    /// </summary>
    public static Task<Customer?> FindOwnedCustomerAsync(this IPortalDbContext db, ICurrentUser user, Guid customerId, CancellationToken cancellationToken) =>
        user.CompanyType == CompanyType.Customer
            ? Task.FromResult<Customer?>(null)
            : db.Customers.Include(c => c.Owner).SingleOrDefaultAsync(c => c.Id == customerId && c.OwnerId == user.CompanyId, cancellationToken);

    /// <summary>R25: a customer's own user holds exactly one of the customer roles, never a company role.</summary>
    public static void EnsureCustomerRole(string? role)
    {
        if (role is null || !Roles.Customer.Contains(role))
        {
            throw new DomainRuleViolation("R25", $"Choose {Roles.CustomerAdministrator} or {Roles.CustomerViewer}.", "Role");
        }
    }

    /// <summary>R11 applies to the owner: a suspended or canceled owner changes none of its customers' accounts.</summary>
    public static void EnsureOwnerAllows(Customer customer) => customer.Owner.EnsureAllows(PartnerArea.Accounts);

    public static void Audit(IPortalDbContext db, ICurrentUser user, Customer customer, string action, Guid userId, string? before, string? after, DateTimeOffset now) =>
        db.AuditEntries.Add(AuditEntry.Record(action, "CustomerAccount", userId.ToString(), customer.OwnerId, user.Actor, now, before, after));
}
