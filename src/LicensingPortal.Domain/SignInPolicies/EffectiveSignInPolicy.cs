namespace LicensingPortal.Domain.SignInPolicies;

/// <summary>One setting of the policy in force, and the company whose policy set it.</summary>
public sealed record PolicySource<T>(T Value, Guid SetById, string SetBy);

/// <summary>One company's own settings on the way from the provider down to a user's company.</summary>
public sealed record PolicyLink(Guid CompanyId, string CompanyName, SignInSettings Settings);

/// <summary>
/// R26: the sign-in policy in force for a company's users: each setting the strictest along the chain from the provider
/// down (a parent's policy is its children's floor), with the company that set it; on equal values the one higher up,
/// whose policy it is. <see cref="BreakGlassAdministratorId"/> is the user's own company's.
/// </summary>
public sealed record EffectiveSignInPolicy(
    PolicySource<TwoFactorRequirement> TwoFactor,
    PolicySource<int> IdleTimeoutMinutes,
    PolicySource<int> SessionLifetimeHours,
    PolicySource<bool> SsoRequired,
    Guid? BreakGlassAdministratorId = null)
{
    public SignInSettings Settings => new(TwoFactor.Value, IdleTimeoutMinutes.Value, SessionLifetimeHours.Value, SsoRequired.Value);

    /// <summary>The policy in force along <paramref name="chain"/>, the top (the provider) first.</summary>
    public static EffectiveSignInPolicy Along(IReadOnlyList<PolicyLink> chain, Guid? breakGlassAdministratorId = null)
    {
        if (chain.Count == 0)
        {
            throw new ArgumentException("A policy comes from at least one company.", nameof(chain));
        }

        var strictest = chain.Select(l => l.Settings).Aggregate((a, b) => a.StricterOf(b));
        return new EffectiveSignInPolicy(
            Source(chain, strictest.TwoFactor, s => s.TwoFactor),
            Source(chain, strictest.IdleTimeoutMinutes, s => s.IdleTimeoutMinutes),
            Source(chain, strictest.SessionLifetimeHours, s => s.SessionLifetimeHours),
            Source(chain, strictest.SsoRequired, s => s.SsoRequired),
            breakGlassAdministratorId);
    }

    /// <summary>Whether a user who is (or is not) an administrator must sign in with two-factor.</summary>
    public bool RequiresTwoFactor(bool isAdministrator) => TwoFactor.Value.AppliesTo(isAdministrator);

    private static PolicySource<T> Source<T>(IReadOnlyList<PolicyLink> chain, T value, Func<SignInSettings, T> setting)
    {
        var link = chain.First(l => EqualityComparer<T>.Default.Equals(setting(l.Settings), value));
        return new PolicySource<T>(value, link.CompanyId, link.CompanyName);
    }
}
