using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Security;

/// <summary>The signed-in user as the use cases see it: who, which company, which roles.</summary>
public interface ICurrentUser
{
    Guid UserId { get; }

    string Name { get; }

    Guid CompanyId { get; }

    CompanyType CompanyType { get; }

    /// <summary>R25: for a customer's own user, the company that owns its customer (its partner or the provider); null for everyone else.</summary>
    Guid? OwnerCompanyId => null;

    IReadOnlyCollection<string> Roles { get; }

    /// <summary>R26: the support session this user is acting in (a provider's engineer viewing this company); null for the company's own users.</summary>
    Guid? SupportSessionId => null;

    Actor Actor => new(UserId, Name);

    bool Can(Permission permission) => PermissionMatrix.Allows(Roles, CompanyType, permission);
}
