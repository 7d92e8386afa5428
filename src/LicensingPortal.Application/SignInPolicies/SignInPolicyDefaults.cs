using LicensingPortal.Domain.SignInPolicies;

namespace LicensingPortal.Application.SignInPolicies;

/// <summary>
/// R26: the provider's sign-in policy until its administrators save one. The host reads it from the configuration switch
/// <c>Security:RequireTwoFactorForProviderAdministrators</c> (ADR 0007), so an installation keeps its behaviour.
/// </summary>
public sealed record SignInPolicyDefaults(bool TwoFactorForProviderAdministrators = true)
{
    public SignInSettings Provider => SignInSettings.ProviderDefault(TwoFactorForProviderAdministrators);
}
