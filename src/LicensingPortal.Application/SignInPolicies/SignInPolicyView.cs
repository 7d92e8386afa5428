using LicensingPortal.Domain.SignInPolicies;

namespace LicensingPortal.Application.SignInPolicies;

/// <summary>An administrator who could keep password sign-in while single sign-on is required (R26).</summary>
public sealed record BreakGlassCandidate(Guid Id, string Name, string Email, bool TwoFactorEnabled);

/// <summary>
/// The sign-in policy page (R26): the policy in force for the company's users and where each setting comes from, the
/// company's own settings (null while it has none), and its parent's floor (null for the provider).
/// </summary>
public sealed record SignInPolicyView(
    Guid CompanyId,
    string CompanyName,
    bool IsProvider,
    bool Editable,
    string? ReadOnlyReason,
    EffectiveSignInPolicy InForce,
    EffectiveSignInPolicy? Floor,
    SignInSettings? Own,
    Guid? BreakGlassAdministratorId,
    int Version,
    bool HasSsoProvider,
    IReadOnlyList<BreakGlassCandidate> Administrators);
