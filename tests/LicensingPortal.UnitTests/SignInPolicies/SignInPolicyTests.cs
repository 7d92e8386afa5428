using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.SignInPolicies;
using LicensingPortal.TestSupport;

namespace LicensingPortal.UnitTests.SignInPolicies;

/// <summary>R26: a parent's sign-in policy is its children's floor; the policy in force is the strictest along the chain.</summary>
public sealed class SignInPolicyTests
{
    private static readonly Guid ProviderId = Guid.NewGuid();
    private static readonly Guid PartnerId = Guid.NewGuid();

    private static readonly SignInSettings ProviderSettings = new(TwoFactorRequirement.Administrators, 60, 12, false);

    private static EffectiveSignInPolicy ProviderFloor(SignInSettings? settings = null) =>
        EffectiveSignInPolicy.Along([new PolicyLink(ProviderId, "Northwind Distribution", settings ?? ProviderSettings)]);

    public static TheoryData<SignInSettings, string> LooserThanTheProvider => new()
    {
        { new(TwoFactorRequirement.Nobody, 60, 12, false), nameof(SignInSettings.TwoFactor) },
        { new(TwoFactorRequirement.Administrators, 61, 12, false), nameof(SignInSettings.IdleTimeoutMinutes) },
        { new(TwoFactorRequirement.Everyone, 30, 13, false), nameof(SignInSettings.SessionLifetimeHours) },
    };

    [Theory]
    [MemberData(nameof(LooserThanTheProvider))]
    public void A_partner_cannot_loosen_its_providers_policy_R26(SignInSettings looser, string field)
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => SignInPolicy.Create(PartnerId, looser, ProviderFloor(), null, TestToday.Now));

        Assert.Equal("R26", violation.Code);
        Assert.Equal(field, violation.Field);
        Assert.StartsWith("Northwind Distribution ", violation.Message, StringComparison.Ordinal);
        Assert.Contains("never", violation.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_partner_cannot_allow_passwords_where_its_provider_requires_single_sign_on_R26()
    {
        var floor = ProviderFloor(ProviderSettings with { SsoRequired = true });

        var violation = Assert.Throws<DomainRuleViolation>(() => SignInPolicy.Create(PartnerId, ProviderSettings, floor, null, TestToday.Now));

        Assert.Equal(nameof(SignInSettings.SsoRequired), violation.Field);
        Assert.Equal("Northwind Distribution requires single sign-on; a company under it cannot allow password sign-in.", violation.Message);
    }

    [Fact]
    public void A_partner_may_be_as_strict_as_its_provider_or_stricter_R26()
    {
        var same = SignInPolicy.Create(PartnerId, ProviderSettings, ProviderFloor(), null, TestToday.Now);
        var stricter = SignInPolicy.Create(PartnerId, new(TwoFactorRequirement.Everyone, 15, 1, false), ProviderFloor(), null, TestToday.Now);

        Assert.Equal(ProviderSettings, same.Settings);
        Assert.Equal(TwoFactorRequirement.Everyone, stricter.TwoFactor);
    }

    [Fact]
    public void A_refused_change_leaves_the_policy_as_it_was_R26()
    {
        var policy = SignInPolicy.Create(PartnerId, new(TwoFactorRequirement.Everyone, 30, 8, false), ProviderFloor(), null, TestToday.Now);

        Assert.Throws<DomainRuleViolation>(() => policy.Change(new(TwoFactorRequirement.Everyone, 15, 24, false), ProviderFloor(), null, TestToday.Now));

        Assert.Equal(new SignInSettings(TwoFactorRequirement.Everyone, 30, 8, false), policy.Settings);
    }

    [Theory]
    [InlineData(14, 12, nameof(SignInSettings.IdleTimeoutMinutes))]
    [InlineData(1441, 12, nameof(SignInSettings.IdleTimeoutMinutes))]
    [InlineData(30, 0, nameof(SignInSettings.SessionLifetimeHours))]
    [InlineData(30, 721, nameof(SignInSettings.SessionLifetimeHours))]
    public void Timeouts_stay_within_their_bounds_R26(int idleMinutes, int lifetimeHours, string field)
    {
        var violation = Assert.Throws<DomainRuleViolation>(() => SignInPolicy.Create(ProviderId, new(TwoFactorRequirement.Nobody, idleMinutes, lifetimeHours, false), null, null, TestToday.Now));

        Assert.Equal(("R26", field), (violation.Code, violation.Field));
    }

    [Fact]
    public void The_policy_in_force_is_the_strictest_along_the_chain_and_names_who_set_each_setting_R26()
    {
        var policy = EffectiveSignInPolicy.Along(
        [
            new PolicyLink(ProviderId, "Northwind Distribution", new(TwoFactorRequirement.Administrators, 60, 12, true)),
            new PolicyLink(PartnerId, "Contoso", new(TwoFactorRequirement.Everyone, 60, 8, false)),
        ]);

        Assert.Equal(new SignInSettings(TwoFactorRequirement.Everyone, 60, 8, true), policy.Settings);
        Assert.Equal("Contoso", policy.TwoFactor.SetBy);
        Assert.Equal("Northwind Distribution", policy.IdleTimeoutMinutes.SetBy); // equal values: the parent's, whose floor it is
        Assert.Equal("Contoso", policy.SessionLifetimeHours.SetBy);
        Assert.Equal(ProviderId, policy.SsoRequired.SetById);
    }

    [Theory]
    [InlineData(TwoFactorRequirement.Nobody, true, false)]
    [InlineData(TwoFactorRequirement.Administrators, true, true)]
    [InlineData(TwoFactorRequirement.Administrators, false, false)]
    [InlineData(TwoFactorRequirement.Everyone, false, true)]
    public void Two_factor_is_required_of_whom_the_policy_says_R26(TwoFactorRequirement requirement, bool administrator, bool required)
    {
        var policy = ProviderFloor(ProviderSettings with { TwoFactor = requirement });

        Assert.Equal(required, policy.RequiresTwoFactor(administrator));
    }

    [Fact]
    public void Requiring_single_sign_on_keeps_one_administrator_with_two_factor_on_passwords_R26()
    {
        var sso = new SignInSettings(TwoFactorRequirement.Administrators, 30, 12, true);
        var admin = Guid.NewGuid();

        var none = Assert.Throws<DomainRuleViolation>(() => SignInPolicy.Create(ProviderId, sso, null, null, TestToday.Now));
        var without = Assert.Throws<DomainRuleViolation>(() => SignInPolicy.Create(ProviderId, sso, null, new BreakGlassAdministrator(admin, "Ada", HasTwoFactor: false), TestToday.Now));
        var policy = SignInPolicy.Create(ProviderId, sso, null, new BreakGlassAdministrator(admin, "Ada", HasTwoFactor: true), TestToday.Now);

        Assert.Equal(nameof(SignInPolicy.BreakGlassAdministratorId), none.Field);
        Assert.Equal("Ada must set up two-factor sign-in before being the administrator who keeps password sign-in.", without.Message);
        var inForce = EffectiveSignInPolicy.Along([new PolicyLink(ProviderId, "Northwind", policy.Settings)], policy.BreakGlassAdministratorId);
        Assert.True(SignInPolicy.AllowsPasswordSignIn(inForce, admin, userHasTwoFactor: true));
        Assert.False(SignInPolicy.AllowsPasswordSignIn(inForce, admin, userHasTwoFactor: false));
        Assert.False(SignInPolicy.AllowsPasswordSignIn(inForce, Guid.NewGuid(), userHasTwoFactor: true));
    }

    [Fact]
    public void Turning_single_sign_on_off_forgets_the_break_glass_administrator_R26()
    {
        var policy = SignInPolicy.Create(ProviderId, new(TwoFactorRequirement.Administrators, 30, 12, true), null, new BreakGlassAdministrator(Guid.NewGuid(), "Ada", true), TestToday.Now);

        policy.Change(new(TwoFactorRequirement.Administrators, 30, 12, false), null, null, TestToday.Now);

        Assert.Null(policy.BreakGlassAdministratorId);
    }
}
