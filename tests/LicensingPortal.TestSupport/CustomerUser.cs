using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.TestSupport;

/// <summary>R25: a customer's own user as the application sees it (its company id is the customer's id).</summary>
public sealed class CustomerUser(Customer customer, string role = Roles.CustomerAdministrator) : ICurrentUser
{
    public Guid UserId { get; } = Guid.NewGuid();

    public string Name => $"{role} of {customer.Name}";

    public Guid CompanyId => customer.Id;

    public CompanyType CompanyType => CompanyType.Customer;

    public Guid? OwnerCompanyId => customer.OwnerId;

    public IReadOnlyCollection<string> Roles { get; } = [role];
}
