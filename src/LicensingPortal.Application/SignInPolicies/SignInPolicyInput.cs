using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LicensingPortal.Domain.SignInPolicies;

namespace LicensingPortal.Application.SignInPolicies;

/// <summary>The sign-in policy form (R26).</summary>
public sealed class SignInPolicyInput
{
    [Display(Name = "Two-factor sign-in")]
    public TwoFactorRequirement TwoFactor { get; set; }

    [Display(Name = "Idle timeout (minutes)")]
    public int IdleTimeoutMinutes { get; set; }

    [Display(Name = "Session lifetime (hours)")]
    public int SessionLifetimeHours { get; set; }

    [Display(Name = "Require single sign-on")]
    public bool SsoRequired { get; set; }

    [Display(Name = "Administrator who keeps password sign-in")]
    public Guid? BreakGlassAdministratorId { get; set; }

    /// <summary>The policy's version the form was loaded with (R19); 0 when the company had none of its own.</summary>
    public int Version { get; set; }

    public SignInSettings Settings => new(TwoFactor, IdleTimeoutMinutes, SessionLifetimeHours, SsoRequired);

    /// <summary>The company's own policy, or for a first one the policy in force, to start from.</summary>
    public static SignInPolicyInput From(SignInPolicyView view)
    {
        var settings = view.Own ?? view.InForce.Settings;
        return new()
        {
            TwoFactor = settings.TwoFactor,
            IdleTimeoutMinutes = settings.IdleTimeoutMinutes,
            SessionLifetimeHours = settings.SessionLifetimeHours,
            SsoRequired = settings.SsoRequired,
            BreakGlassAdministratorId = view.BreakGlassAdministratorId,
            Version = view.Version,
        };
    }
}

/// <summary>The form's own checks, with sentences; the floor (a parent's policy) is <see cref="SignInSettings"/>'s, the same for every caller.</summary>
public sealed class SignInPolicyInputValidator : AbstractValidator<SignInPolicyInput>
{
    public SignInPolicyInputValidator()
    {
        RuleFor(i => i.TwoFactor).IsInEnum().WithMessage("Choose who must sign in with two-factor.");
        RuleFor(i => i.IdleTimeoutMinutes)
            .InclusiveBetween(SignInSettings.MinIdleTimeoutMinutes, SignInSettings.MaxIdleTimeoutMinutes)
            .WithMessage($"Enter an idle timeout between {SignInSettings.MinIdleTimeoutMinutes} and {SignInSettings.MaxIdleTimeoutMinutes:N0} minutes.");
        RuleFor(i => i.SessionLifetimeHours)
            .InclusiveBetween(SignInSettings.MinSessionLifetimeHours, SignInSettings.MaxSessionLifetimeHours)
            .WithMessage($"Enter a session lifetime between {SignInSettings.MinSessionLifetimeHours} and {SignInSettings.MaxSessionLifetimeHours} hours.");
        RuleFor(i => i.BreakGlassAdministratorId).NotEmpty().When(i => i.SsoRequired)
            .WithMessage("Choose the administrator who may still sign in with a password while single sign-on is required.");
        RuleFor(i => i.Version).GreaterThanOrEqualTo(0);
    }
}
