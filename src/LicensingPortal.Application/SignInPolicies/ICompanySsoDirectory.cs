namespace LicensingPortal.Application.SignInPolicies;

/// <summary>
/// R26: whether a company has an enabled single sign-on (OpenID Connect) provider. A company may require single sign-on
/// only once it has one; the registration of identity providers answers here.
/// </summary>
public interface ICompanySsoDirectory
{
    Task<bool> HasEnabledProviderAsync(Guid companyId, CancellationToken cancellationToken);
}
