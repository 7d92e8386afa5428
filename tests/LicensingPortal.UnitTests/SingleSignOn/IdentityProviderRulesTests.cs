using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.SingleSignOn;
using LicensingPortal.TestSupport;

namespace LicensingPortal.UnitTests.SingleSignOn;

/// <summary>R26: what a company's identity provider registration accepts, and whom it admits.</summary>
public sealed class IdentityProviderRulesTests
{
    private static readonly DateTimeOffset Now = TestToday.Now;
    private static readonly Guid Company = Guid.NewGuid();

    private static IdentityProviderSettings Settings(
        string issuer = "https://login.example.com/tenant/", string domains = "Example.com, @example.org", bool enabled = true, bool create = false, string? role = null, string? groups = null) =>
        new(issuer, "portal-client", domains, enabled, create, role, groups);

    private static CompanyIdentityProvider Provider(IdentityProviderSettings? settings = null) =>
        CompanyIdentityProvider.Create(Company, settings ?? Settings(), "protected", Roles.All, Now);

    [Theory]
    [InlineData("https://login.example.com/")]
    [InlineData("https://login.microsoftonline.com/0d2b1f4e-0000-4000-8000-000000000000/v2.0")]
    [InlineData("http://127.0.0.1:5001/")]
    [InlineData("http://localhost:8080/realms/acme")]
    public void An_https_issuer_or_a_loopback_one_is_kept_as_typed_R26(string issuer) =>
        Assert.Equal(issuer, Provider(Settings(issuer)).Issuer);

    [Theory]
    [InlineData("http://login.example.com/")]
    [InlineData("ftp://login.example.com/")]
    [InlineData("https://login.example.com/?tenant=1")]
    [InlineData("https://user:pw@login.example.com/")]
    [InlineData("login.example.com")]
    public void Any_other_issuer_is_refused_with_the_sentence_R26(string issuer)
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() => Provider(Settings(issuer)));
        Assert.Equal(("R26", "Issuer"), (refusal.Code, refusal.Field));
        Assert.StartsWith("The issuer must be the https:// address", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Domains_are_kept_in_lower_case_without_at_signs_or_repeats_R26() =>
        Assert.Equal(["example.com", "example.org"], Provider(Settings(domains: "Example.com, @example.org example.COM")).DomainNames);

    [Theory]
    [InlineData("", "Enter at least one email domain, such as example.com.")]
    [InlineData("example", "example is not an email domain: enter domains such as example.com, separated by commas or spaces.")]
    [InlineData("bad_domain.com", "bad_domain.com is not an email domain: enter domains such as example.com, separated by commas or spaces.")]
    public void A_missing_or_malformed_domain_is_refused_R26(string domains, string message) =>
        Assert.Equal(message, Assert.Throws<DomainRuleViolation>(() => Provider(Settings(domains: domains))).Message);

    [Fact]
    public void Creating_accounts_needs_a_role_of_the_company_and_mappings_name_real_roles_R26()
    {
        Assert.Equal("Choose the role of the accounts created on first sign-in.", Assert.Throws<DomainRuleViolation>(() => Provider(Settings(create: true))).Message);
        Assert.Equal("Owner is not a role of this company's accounts.", Assert.Throws<DomainRuleViolation>(() => Provider(Settings(create: true, role: "Owner"))).Message);
        Assert.Equal(
            "Root (for the group admins) is not a role of this company's accounts.",
            Assert.Throws<DomainRuleViolation>(() => Provider(Settings(groups: "admins = Root"))).Message);
        Assert.Equal(
            "\"admins\" is not a mapping: write one \"group = role\" a line.",
            Assert.Throws<DomainRuleViolation>(() => Provider(Settings(groups: "admins"))).Message);
    }

    [Fact]
    public void A_refused_update_leaves_the_provider_as_it_was_R26()
    {
        var provider = Provider();
        Assert.Throws<DomainRuleViolation>(() => provider.Update(Settings("https://other.example.com/", domains: "not a domain!"), Roles.All, Now));
        Assert.Equal(("https://login.example.com/tenant/", 2), (provider.Issuer, provider.DomainNames.Count));
    }

    [Theory]
    [InlineData("ada@example.com", true, null)]
    [InlineData("Ada@EXAMPLE.org", true, null)]
    [InlineData("ada@example.net", true, "The email your identity provider sent is not in the domains your company signs in with here.")]
    [InlineData("ada@sub.example.com", true, "The email your identity provider sent is not in the domains your company signs in with here.")]
    [InlineData("ada@example.com", false, "Your identity provider has not verified your email address, so no account could be matched.")]
    [InlineData(null, true, "Your identity provider did not send your email address, so no account could be matched.")]
    public void Only_a_verified_email_of_the_domains_is_admitted_R26(string? email, bool verified, string? refusal) =>
        Assert.Equal(refusal, Provider().Refusal(email, verified));

    [Fact]
    public void A_provider_turned_off_admits_no_one_R26() =>
        Assert.Equal("Single sign-on is turned off for this company. Sign in with your password.", Provider(Settings(enabled: false)).Refusal("ada@example.com", true));

    [Fact]
    public void A_created_account_gets_the_roles_its_groups_map_to_or_else_the_default_role_R26()
    {
        var provider = Provider(Settings(create: true, role: Roles.SupportEngineer, groups: "portal-admins = Administrator\n billing=Billing Manager \nops = Administrator"));
        Assert.Equal([Roles.Administrator, Roles.BillingManager], provider.RolesFor(["billing", "ops", "portal-admins", "other"]));
        Assert.Equal([Roles.SupportEngineer], provider.RolesFor(["other"]));
        Assert.Equal("portal-admins = Administrator\nbilling = Billing Manager\nops = Administrator", provider.GroupRoles);
    }

    [Fact]
    public void The_audit_description_never_carries_the_secret_R26()
    {
        var provider = Provider();
        provider.ReplaceSecret("protected-secret-value", Now);
        Assert.DoesNotContain("protected", provider.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_company_administrator_registers_single_sign_on_and_a_customer_user_never_does_R26()
    {
        Assert.True(PermissionMatrix.Allows([Roles.Administrator], CompanyType.Msp, Permission.ManageSingleSignOn));
        Assert.True(PermissionMatrix.Allows([Roles.Administrator], CompanyType.Provider, Permission.ManageSingleSignOn));
        Assert.False(PermissionMatrix.Allows([Roles.SupportManager, Roles.CustomerAccountManager], CompanyType.Msp, Permission.ManageSingleSignOn));
        Assert.False(PermissionMatrix.Allows([Roles.Administrator, Roles.CustomerAdministrator], CompanyType.Customer, Permission.ManageSingleSignOn));
    }
}
