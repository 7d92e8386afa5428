using System.Net;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.SignInPolicies;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.FunctionalTests.Partners;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using LicensingPortal.Web.Controllers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LicensingPortal.FunctionalTests.SignInPolicies;

/// <summary>
/// R26 on every request, on the factory's fixed clock: the idle timeout and the session lifetime of a partner's policy
/// sign its users out with a sentence on the sign-in page; a partner requiring two-factor sends its users (and its
/// customers' administrators) to set it up at their next request. Each test sets the policy of a partner of its own.
/// </summary>
public sealed class SignInPolicyEnforcementTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_session_idle_past_the_policys_timeout_goes_to_sign_in_with_the_reason_R26()
    {
        var partner = await factory.NewPartnerAsync();
        var email = await factory.NewAccountAsync(partner);
        var admin = await PortalClient.SignedInAsync(factory, email);
        (await admin.SavePolicyAsync(partner.Id, idleMinutes: 15)).AssertRedirectsTo($"/companies/{partner.Id}/sign-in-policy");

        var user = await PortalClient.SignedInAsync(factory, await factory.NewAccountAsync(partner, Roles.CustomerAccountManager));
        factory.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/customers")).StatusCode);
        factory.Clock.Advance(TimeSpan.FromMinutes(14)); // 24 minutes after sign-in, 14 after the last page
        Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/customers")).StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(16));
        var response = await user.GetAsync("/customers");

        response.AssertRedirectsTo("/account/sign-in");
        Assert.Contains("signedOut=idle", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var signIn = await user.GetPageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("signed out after a time without activity", signIn.QuerySelector("[data-testid=signed-out]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await user.GetAsync("/customers")).StatusCode);
    }

    [Fact]
    public async Task An_active_session_ends_when_the_policys_lifetime_is_reached_R26()
    {
        var partner = await factory.NewPartnerAsync();
        var admin = await PortalClient.SignedInAsync(factory, await factory.NewAccountAsync(partner));
        await admin.SavePolicyAsync(partner.Id, lifetimeHours: 1);
        var user = await PortalClient.SignedInAsync(factory, await factory.NewAccountAsync(partner, Roles.CustomerAccountManager));

        for (var i = 0; i < 3; i++)
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(19));
            Assert.Equal(HttpStatusCode.OK, (await user.GetAsync("/customers")).StatusCode);
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(4)); // 61 minutes after sign-in, 4 after the last page
        var response = await user.GetAsync("/customers");

        response.AssertRedirectsTo("/account/sign-in");
        Assert.Contains("signedOut=lifetime", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partner_requiring_two_factor_sends_its_users_and_its_customers_administrators_to_set_it_up_at_their_next_request_R26()
    {
        var partner = await factory.NewPartnerAsync();
        var admin = await PortalClient.SignedInAsync(factory, await factory.NewAccountAsync(partner));
        var staff = await PortalClient.SignedInAsync(factory, await factory.NewAccountAsync(partner, Roles.CustomerAccountManager));
        var customer = await factory.NewCustomerOfAsync(partner);
        var customerAdmin = await PortalClient.SignedInAsCustomerUserAsync(factory, customer);
        var customerViewer = await PortalClient.SignedInAsCustomerUserAsync(factory, customer, Roles.CustomerViewer);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/customers")).StatusCode);

        (await admin.SavePolicyAsync(partner.Id, twoFactor: "Administrators")).AssertRedirectsTo($"/companies/{partner.Id}/sign-in-policy");

        (await admin.GetAsync("/customers")).AssertRedirectsTo("/account/two-factor");
        (await customerAdmin.GetAsync("/my/licenses")).AssertRedirectsTo("/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/customers")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await customerViewer.GetAsync("/my/licenses")).StatusCode);

        // The set-up page itself, and signing out, stay open; turning two-factor off is refused while it is required.
        var setup = await admin.GetPageAsync("/account/two-factor?required=true");
        var key = setup.QuerySelector("[data-testid=shared-key]")!.TextContent;
        var enabled = await admin.PostAsync("/account/two-factor/enable", new() { ["Input.Code"] = Totp.Code(key, factory.Clock.GetUtcNow()) }, PortalClient.AntiforgeryToken(setup));
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/customers")).StatusCode);
        var disable = await admin.PostFormAsync("/account/two-factor", "/account/two-factor/disable", []);
        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        Assert.Contains("requires two-factor sign-in for you", await (await admin.GetAsync("/account/two-factor")).TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await customerAdmin.PostFormAsync("/account/two-factor", "/account/sign-out", [])).StatusCode);
    }
}

/// <summary>The app with two-factor required for provider administrators by the switch (production's default).</summary>
public sealed class ProviderPolicyFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:RequireTwoFactorForProviderAdministrators", "true");
    }
}

/// <summary>
/// R26: the provider's policy is its partners' floor. Its own class (and app): tightening the provider's policy reaches
/// every partner's users, which no other test may see.
/// </summary>
public sealed class ProviderSignInPolicyTests(ProviderPolicyFactory factory) : IClassFixture<ProviderPolicyFactory>
{
    [Fact]
    public async Task The_switch_is_the_providers_default_and_the_provider_tightening_sends_partners_users_to_two_factor_at_their_next_request_R26()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var mspStaff = await PortalClient.SignedInAsync(factory, DemoAccounts.MspStaff);
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        // Until the provider saves a policy, the switch asks its own administrators only, as before R26.
        (await provider.GetAsync("/")).AssertRedirectsTo("/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, (await msp.GetAsync("/")).StatusCode);

        var setup = await provider.GetPageAsync("/account/two-factor?required=true");
        var key = setup.QuerySelector("[data-testid=shared-key]")!.TextContent;
        await provider.PostAsync("/account/two-factor/enable", new() { ["Input.Code"] = Totp.Code(key, factory.Clock.GetUtcNow()) }, PortalClient.AntiforgeryToken(setup));
        var page = await provider.GetPageAsync($"/companies/{await ProviderIdAsync()}/sign-in-policy");
        Assert.NotNull(page.QuerySelector("[data-testid=policy-default]"));

        (await provider.SavePolicyAsync(await ProviderIdAsync(), twoFactor: "Administrators")).AssertRedirectsTo($"/companies/{await ProviderIdAsync()}/sign-in-policy");

        (await msp.GetAsync("/")).AssertRedirectsTo("/account/two-factor");
        Assert.Equal(HttpStatusCode.OK, (await mspStaff.GetAsync("/")).StatusCode);
        var contoso = await factory.PartnerAsync(PartnerTestData.ActiveMsp);
        var partnerPage = await provider.GetPageAsync($"/companies/{contoso.Id}/sign-in-policy");
        Assert.Contains("set by Northwind Distribution", partnerPage.QuerySelector("[data-setting=two-factor]")!.TextContent, StringComparison.Ordinal);
    }

    private Task<Guid> ProviderIdAsync() =>
        factory.QueryAsync(db => db.Companies.Where(c => c.Name == "Northwind Distribution").Select(c => c.Id).SingleAsync(TestContext.Current.CancellationToken));
}

/// <summary>The app with every company's identity provider enabled (single sign-on itself is another part of R26).</summary>
public sealed class SsoPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<ICompanySsoDirectory>();
            services.AddSingleton<ICompanySsoDirectory, EverySsoProvider>();
        });
    }

    private sealed class EverySsoProvider : ICompanySsoDirectory
    {
        public Task<bool> HasEnabledProviderAsync(Guid companyId, CancellationToken cancellationToken) => Task.FromResult(true);
    }
}

public sealed class SingleSignOnRequiredTests(SsoPortalFactory factory) : IClassFixture<SsoPortalFactory>
{
    [Fact]
    public async Task Single_sign_on_required_refuses_a_password_sign_in_but_lets_the_break_glass_administrator_in_with_two_factor_R26()
    {
        var partner = await factory.NewPartnerAsync();
        var breakGlass = await factory.NewAccountAsync(partner);
        var other = await factory.NewAccountAsync(partner);
        var key = await factory.TurnOnTwoFactorAsync(breakGlass);
        var breakGlassId = await factory.QueryAsync(db => db.Users.Where(u => u.Email == breakGlass).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken));
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        (await provider.SavePolicyAsync(partner.Id, sso: true, breakGlass: breakGlassId)).AssertRedirectsTo($"/companies/{partner.Id}/sign-in-policy");

        // The right password of anyone else: told to use single sign-on. A wrong one: the usual message.
        var refused = await PortalClient.Anonymous(factory).PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = other, ["Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(AccountController.SingleSignOnRequiredMessage, System.Net.WebUtility.HtmlDecode(await refused.TextAsync()), StringComparison.Ordinal);
        var wrong = await PortalClient.Anonymous(factory).PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = other, ["Password"] = "Not-the-password-2026" });
        Assert.Contains(AccountController.FailedMessage, System.Net.WebUtility.HtmlDecode(await wrong.TextAsync()), StringComparison.Ordinal);

        // The break-glass administrator: password, then the code.
        var client = PortalClient.Anonymous(factory);
        var password = await client.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = breakGlass, ["Password"] = DemoAccounts.Password });
        password.AssertRedirectsTo("/account/sign-in/two-factor");
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = await client.PostFormAsync("/account/sign-in/two-factor", "/account/sign-in/two-factor", new() { ["Code"] = Totp.Code(key, factory.Clock.GetUtcNow()) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);
    }
}
