using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.SignInPolicies;

/// <summary>
/// R26: the four settings of a sign-in policy. Stricter is: two-factor for more people, a shorter idle timeout, a
/// shorter session, single sign-on required. <see cref="StricterOf"/> is the one place that says so.
/// </summary>
public sealed record SignInSettings(TwoFactorRequirement TwoFactor, int IdleTimeoutMinutes, int SessionLifetimeHours, bool SsoRequired)
{
    public const int MinIdleTimeoutMinutes = 15;
    public const int MaxIdleTimeoutMinutes = 1440;
    public const int MinSessionLifetimeHours = 1;
    public const int MaxSessionLifetimeHours = 720;

    /// <summary>The portal's defaults before R26: 30 minutes idle, 12 hours from sign-in, no single sign-on.</summary>
    public const int DefaultIdleTimeoutMinutes = 30;
    public const int DefaultSessionLifetimeHours = 12;

    /// <summary>What a company without a policy of its own adds to its parent's: nothing.</summary>
    public static readonly SignInSettings Loosest = new(TwoFactorRequirement.Nobody, MaxIdleTimeoutMinutes, MaxSessionLifetimeHours, false);

    /// <summary>The provider's policy until its administrators save one: the configuration switch decides two-factor for its administrators.</summary>
    public static SignInSettings ProviderDefault(bool twoFactorForAdministrators) =>
        new(twoFactorForAdministrators ? TwoFactorRequirement.Administrators : TwoFactorRequirement.Nobody, DefaultIdleTimeoutMinutes, DefaultSessionLifetimeHours, false);

    public TimeSpan IdleTimeout => TimeSpan.FromMinutes(IdleTimeoutMinutes);

    public TimeSpan SessionLifetime => TimeSpan.FromHours(SessionLifetimeHours);

    /// <summary>Each setting at the stricter of the two values.</summary>
    public SignInSettings StricterOf(SignInSettings other) => new(
        (TwoFactorRequirement)Math.Max((int)TwoFactor, (int)other.TwoFactor),
        Math.Min(IdleTimeoutMinutes, other.IdleTimeoutMinutes),
        Math.Min(SessionLifetimeHours, other.SessionLifetimeHours),
        SsoRequired || other.SsoRequired);

    /// <summary>Throws the R26 refusal for the first value outside its bounds.</summary>
    public SignInSettings EnsureWithinBounds()
    {
        if (!Enum.IsDefined(TwoFactor))
        {
            throw new DomainRuleViolation("R26", "Choose who must sign in with two-factor.", nameof(TwoFactor));
        }

        if (IdleTimeoutMinutes is < MinIdleTimeoutMinutes or > MaxIdleTimeoutMinutes)
        {
            throw new DomainRuleViolation("R26", $"The idle timeout is between {MinIdleTimeoutMinutes} and {MaxIdleTimeoutMinutes:N0} minutes.", nameof(IdleTimeoutMinutes));
        }

        if (SessionLifetimeHours is < MinSessionLifetimeHours or > MaxSessionLifetimeHours)
        {
            throw new DomainRuleViolation("R26", $"The session lifetime is between {MinSessionLifetimeHours} and {MaxSessionLifetimeHours} hours.", nameof(SessionLifetimeHours));
        }

        return this;
    }

    /// <summary>
    /// R26: a child's settings may be stricter than its parent's policy (<paramref name="floor"/>), never looser. Throws the
    /// refusal for the first looser value, naming the company whose policy it is.
    /// </summary>
    public void EnsureNotLooserThan(EffectiveSignInPolicy floor)
    {
        if (TwoFactor < floor.TwoFactor.Value)
        {
            throw new DomainRuleViolation(
                "R26",
                $"{floor.TwoFactor.SetBy} requires two-factor sign-in for {(floor.TwoFactor.Value == TwoFactorRequirement.Everyone ? "everyone" : "administrators")}; a company under it may require more, never less.",
                nameof(TwoFactor));
        }

        if (IdleTimeoutMinutes > floor.IdleTimeoutMinutes.Value)
        {
            throw new DomainRuleViolation(
                "R26",
                $"{floor.IdleTimeoutMinutes.SetBy} signs users out after {floor.IdleTimeoutMinutes.Value:N0} minutes without activity; a company under it may choose a shorter idle timeout, never a longer one.",
                nameof(IdleTimeoutMinutes));
        }

        if (SessionLifetimeHours > floor.SessionLifetimeHours.Value)
        {
            throw new DomainRuleViolation(
                "R26",
                $"{floor.SessionLifetimeHours.SetBy} ends every session {floor.SessionLifetimeHours.Value} hours after sign-in; a company under it may choose a shorter session, never a longer one.",
                nameof(SessionLifetimeHours));
        }

        if (!SsoRequired && floor.SsoRequired.Value)
        {
            throw new DomainRuleViolation(
                "R26",
                $"{floor.SsoRequired.SetBy} requires single sign-on; a company under it cannot allow password sign-in.",
                nameof(SsoRequired));
        }
    }

    public string Describe() =>
        $"two-factor {TwoFactor.Display().ToLowerInvariant()}, idle timeout {IdleTimeoutMinutes} min, session {SessionLifetimeHours} h, single sign-on {(SsoRequired ? "required" : "not required")}";
}
