using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.TestSupport;

/// <summary>The signed-in user of a use case called directly: an administrator of <paramref name="company"/>.</summary>
public sealed class CompanyAdministrator(Company company) : ICurrentUser
{
    public Guid UserId { get; } = Guid.NewGuid();

    public string Name => $"Admin of {company.Name}";

    public Guid CompanyId => company.Id;

    public CompanyType CompanyType => company.Type;

    public IReadOnlyCollection<string> Roles { get; } = [Application.Security.Roles.Administrator];
}
