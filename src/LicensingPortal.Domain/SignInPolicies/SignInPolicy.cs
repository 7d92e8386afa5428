using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.SignInPolicies;

/// <summary>
/// R26: a company's own sign-in policy (the provider's, or a partner's): two-factor, idle timeout, session lifetime and
/// single sign-on. Its parent's policy in force is its floor: each setting may be stricter, never looser. When the
/// company requires single sign-on, one of its administrators, with two-factor, keeps password sign-in (break-glass).
/// A company without one follows its parent's.
/// </summary>
public sealed class SignInPolicy : IVersioned
{
    private SignInPolicy()
    {
    }

    /// <summary>The company whose policy this is (one per company).</summary>
    public Guid CompanyId { get; private set; }

    public TwoFactorRequirement TwoFactor { get; private set; }

    public int IdleTimeoutMinutes { get; private set; }

    public int SessionLifetimeHours { get; private set; }

    public bool SsoRequired { get; private set; }

    /// <summary>The one administrator who may still sign in with a password while single sign-on is required; null otherwise.</summary>
    public Guid? BreakGlassAdministratorId { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public SignInSettings Settings => new(TwoFactor, IdleTimeoutMinutes, SessionLifetimeHours, SsoRequired);

    /// <summary>
    /// The company's first policy. <paramref name="floor"/> is its parent's policy in force (null for the provider);
    /// <paramref name="breakGlass"/> the administrator kept on passwords, already checked by the caller to be one of the
    /// company's enabled administrators (the accounts are not the domain's).
    /// </summary>
    public static SignInPolicy Create(Guid companyId, SignInSettings settings, EffectiveSignInPolicy? floor, BreakGlassAdministrator? breakGlass, DateTimeOffset now)
    {
        var policy = new SignInPolicy { CompanyId = companyId };
        policy.Change(settings, floor, breakGlass, now);
        return policy;
    }

    /// <summary>Every value checked before any is kept: a refused change leaves the policy as it was.</summary>
    public void Change(SignInSettings settings, EffectiveSignInPolicy? floor, BreakGlassAdministrator? breakGlass, DateTimeOffset now)
    {
        settings.EnsureWithinBounds();
        if (floor is not null)
        {
            settings.EnsureNotLooserThan(floor);
        }

        if (settings.SsoRequired)
        {
            if (breakGlass is null)
            {
                throw new DomainRuleViolation("R26", "Choose the administrator who may still sign in with a password while single sign-on is required.", nameof(BreakGlassAdministratorId));
            }

            if (!breakGlass.HasTwoFactor)
            {
                throw new DomainRuleViolation("R26", $"{breakGlass.Name} must set up two-factor sign-in before being the administrator who keeps password sign-in.", nameof(BreakGlassAdministratorId));
            }
        }

        (TwoFactor, IdleTimeoutMinutes, SessionLifetimeHours, SsoRequired) = (settings.TwoFactor, settings.IdleTimeoutMinutes, settings.SessionLifetimeHours, settings.SsoRequired);
        BreakGlassAdministratorId = settings.SsoRequired ? breakGlass!.UserId : null;
        UpdatedAt = now;
    }

    /// <summary>
    /// R26: whether a password sign-in of this company's user <paramref name="userId"/> is allowed while
    /// <paramref name="inForce"/> requires single sign-on: only the break-glass administrator's, and only with two-factor.
    /// </summary>
    public static bool AllowsPasswordSignIn(EffectiveSignInPolicy inForce, Guid userId, bool userHasTwoFactor) =>
        !inForce.SsoRequired.Value || (inForce.BreakGlassAdministratorId == userId && userHasTwoFactor);

    public string Describe(string? breakGlassName = null) =>
        Settings.Describe() + (SsoRequired ? $", break-glass administrator {breakGlassName ?? BreakGlassAdministratorId?.ToString()}" : string.Empty);
}

/// <summary>The administrator a company keeps on password sign-in while it requires single sign-on (R26).</summary>
public sealed record BreakGlassAdministrator(Guid UserId, string Name, bool HasTwoFactor);
