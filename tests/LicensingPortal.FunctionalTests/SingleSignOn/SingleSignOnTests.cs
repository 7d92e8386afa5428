using System.Net;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.SingleSignOn;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.SingleSignOn;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.FunctionalTests.Partners;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.SingleSignOn;

/// <summary>The loopback provider for one test class, started once and stopped with the class.</summary>
public sealed class LoopbackProviderFixture : IAsyncLifetime
{
    public LoopbackOpenIdProvider Provider { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Provider = await LoopbackOpenIdProvider.StartAsync();

    public async ValueTask DisposeAsync() => await Provider.DisposeAsync();
}

/// <summary>
/// R26 end to end: the portal (in process) signs users in through a real OpenID provider started on loopback by the test
/// (OpenIddict): discovery, code flow with PKCE, the client secret, a signed ID token. Refused: a token of another issuer,
/// an expired token, a callback used twice, an email outside the company's domains or not verified, an account disabled in
/// the portal. Accounts are created on first sign-in with the default role, or the roles the groups map to. Each test
/// registers its own partner with its own domain.
/// </summary>
public sealed class SingleSignOnTests(PortalFactory factory, LoopbackProviderFixture loopback) : IClassFixture<PortalFactory>, IClassFixture<LoopbackProviderFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private LoopbackOpenIdProvider Provider => loopback.Provider;

    [Fact]
    public async Task An_administrator_registers_the_provider_and_its_secret_is_stored_protected_and_never_shown_R26()
    {
        var contoso = await factory.PartnerAsync(PartnerTestData.ActiveMsp);
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        Assert.Equal(HttpStatusCode.Redirect, (await msp.GetAsync("/single-sign-on")).StatusCode);
        var page = await msp.GetPageAsync($"/companies/{contoso.Id}/single-sign-on");
        Assert.Contains("/signin-oidc", page.QuerySelector("#redirect-uri")!.TextContent, StringComparison.Ordinal);
        var domain = Domain();
        const string secret = "s3cret-of-contoso-idp";

        // An issuer on plain http (not loopback) is refused with the sentence, nothing saved.
        var refused = await msp.SubmitAsync(page, "#sso-form", Form("http://idp.contoso.example/", secret, domain));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The issuer must be the https:// address", WebUtility.HtmlDecode(await refused.TextAsync()), StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.CompanyIdentityProviders.AnyAsync(p => p.CompanyId == contoso.Id, Cancel)));

        var saved = await msp.SubmitAsync(page, "#sso-form", Form("https://idp.contoso.example/", secret, domain));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stored = await factory.QueryAsync(db => db.CompanyIdentityProviders.AsNoTracking().SingleAsync(p => p.CompanyId == contoso.Id, Cancel));
        Assert.NotEqual(secret, stored.ProtectedClientSecret);
        Assert.Equal(secret, factory.Services.GetRequiredService<ISsoSecrets>().Unprotect(stored.ProtectedClientSecret));
        page = await msp.GetPageAsync($"/companies/{contoso.Id}/single-sign-on");
        Assert.DoesNotContain(secret, page.Source.Text, StringComparison.Ordinal);
        Assert.Equal("Single sign-on was registered.", page.QuerySelector("[role=status]")!.TextContent.Trim());
        var audit = await factory.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.CompanyId == contoso.Id && a.Action == "SingleSignOnRegistered" && a.After!.Contains(domain), Cancel));
        Assert.DoesNotContain(secret, audit.After!, StringComparison.Ordinal);

        // Saved again without a secret, the stored one stays; R19: the old form is refused.
        var kept = await msp.SubmitAsync(page, "#sso-form", new() { ["Input.ClientId"] = "contoso-portal-2" });
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Equal(stored.ProtectedClientSecret, await factory.QueryAsync(db => db.CompanyIdentityProviders.Where(p => p.CompanyId == contoso.Id).Select(p => p.ProtectedClientSecret).SingleAsync(Cancel)));
        var stale = await msp.SubmitAsync(page, "#sso-form", new() { ["Input.ClientId"] = "contoso-portal-3" });
        Assert.Contains("changed by someone else", WebUtility.HtmlDecode(await stale.TextAsync()), StringComparison.Ordinal);

        // A domain belongs to one company: the reseller cannot take it.
        var reseller = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var fabrikam = await factory.PartnerAsync(PartnerTestData.ActiveReseller);
        var taken = await reseller.SubmitAsync(await reseller.GetPageAsync($"/companies/{fabrikam.Id}/single-sign-on"), "#sso-form", Form("https://idp.fabrikam.example/", "x", domain));
        Assert.Contains($"{domain} already signs in through another company's identity provider", WebUtility.HtmlDecode(await taken.TextAsync()), StringComparison.Ordinal);

        // R1: another company's page is not found, nor is it for a role without the permission.
        Assert.Equal(HttpStatusCode.NotFound, (await reseller.GetAsync($"/companies/{contoso.Id}/single-sign-on")).StatusCode);
        var resellerToken = PortalClient.AntiforgeryToken(await reseller.GetPageAsync($"/companies/{fabrikam.Id}/single-sign-on"));
        var crafted = await reseller.PostAsync($"/companies/{contoso.Id}/single-sign-on", Form("https://evil.example/", "x", Domain()), resellerToken);
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
    }

    [Fact]
    public async Task A_user_of_the_domain_is_sent_to_the_company_provider_and_signed_in_with_the_portal_cookie_R26()
    {
        var (partner, domain) = await RegisteredPartnerAsync();
        var email = $"ada@{domain}";
        await AccountAsync(partner.Id, email, Roles.LicenseManager);
        Provider.Users[email] = new LoopbackUser(email, Name: "Ada Lovelace");

        var client = PortalClient.Anonymous(factory);

        // Home-realm discovery: the email alone (no password) goes to the company's provider.
        var discovered = await client.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = email, ["Password"] = string.Empty });
        Assert.Contains("signs you in with its own identity provider", await discovered.TextAsync(), StringComparison.Ordinal);

        var flow = await SignInAsync(client, email);
        Assert.Equal(HttpStatusCode.Redirect, flow.Final.StatusCode);
        Assert.Equal("/", flow.Final.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.StartsWith("http://localhost/signin-oidc", Provider.RedirectUris.Last(), StringComparison.Ordinal);
        Assert.Contains("code_challenge=", flow.AuthorizeUrl, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", flow.AuthorizeUrl, StringComparison.Ordinal);
        Assert.Contains("nonce=", flow.AuthorizeUrl, StringComparison.Ordinal);
        Assert.Equal(1, await AuditCountAsync(partner.Id, "SignInWithSso"));
        Assert.Equal(
            LicensingPortal.Domain.Auditing.AuditChannel.Sso,
            await factory.QueryAsync(db => db.AuditEntries.Where(a => a.CompanyId == partner.Id && a.Action == "SignInWithSso").Select(a => a.Channel).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task A_token_whose_issuer_is_not_the_registered_one_is_refused_R26()
    {
        // The same provider by another name: its discovery answers, but its tokens name 127.0.0.1 as their issuer.
        var (partner, domain) = await RegisteredPartnerAsync(issuer: Provider.OtherName);
        var email = $"eve@{domain}";
        await AccountAsync(partner.Id, email, Roles.LicenseManager);
        Provider.Users[email] = new LoopbackUser(email);

        var client = PortalClient.Anonymous(factory);
        var flow = await SignInAsync(client, email);
        await AssertRefusedByHandlerAsync(client, flow, partner.Id, "issuer");
    }

    [Fact]
    public async Task An_expired_token_is_refused_on_the_portal_clock_R26()
    {
        var (partner, domain) = await RegisteredPartnerAsync();
        var email = $"late@{domain}";
        await AccountAsync(partner.Id, email, Roles.LicenseManager);
        Provider.Users[email] = new LoopbackUser(email);

        // The provider issues its tokens an hour behind the portal: they expired (20 minutes) before the portal reads them.
        Provider.Clock.Set(factory.Clock.GetUtcNow().AddHours(-1));
        try
        {
            var client = PortalClient.Anonymous(factory);
            var flow = await SignInAsync(client, email);
            await AssertRefusedByHandlerAsync(client, flow, partner.Id, "expired");
        }
        finally
        {
            Provider.Clock.Set(factory.Clock.GetUtcNow());
        }
    }

    [Fact]
    public async Task A_callback_used_a_second_time_is_refused_R26()
    {
        var (partner, domain) = await RegisteredPartnerAsync();
        var email = $"bob@{domain}";
        await AccountAsync(partner.Id, email, Roles.LicenseManager);
        Provider.Users[email] = new LoopbackUser(email);
        var client = PortalClient.Anonymous(factory);
        var flow = await SignInAsync(client, email);
        Assert.Equal("/", flow.Final.Headers.Location!.OriginalString);

        // The same state again, from the same browser and from another: its correlation cookie is spent, or was never there.
        foreach (var replay in new[] { client, PortalClient.Anonymous(factory) })
        {
            var again = await replay.GetAsync(flow.CallbackUrl);
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
            Assert.Equal("/account/sign-in?sso=failed", again.Headers.Location!.OriginalString);
        }

        Assert.Equal(2, await AuditCountAsync(partner.Id, "SignInSsoFailed"));
        Assert.Equal(HttpStatusCode.Redirect, (await PortalClient.Anonymous(factory).GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task An_email_outside_the_company_domains_or_not_verified_is_refused_R26()
    {
        var (partner, domain) = await RegisteredPartnerAsync();
        var email = $"mallory@{domain}";
        await AccountAsync(partner.Id, email, Roles.LicenseManager);

        Provider.Users[email] = new LoopbackUser("mallory@elsewhere.example");
        var client = PortalClient.Anonymous(factory);
        var outside = await SignInAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, outside.Final.StatusCode);
        Assert.Contains("not in the domains your company signs in with here", WebUtility.HtmlDecode(await outside.Final.TextAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);

        Provider.Users[email] = new LoopbackUser(email, EmailVerified: false);
        var unverified = await SignInAsync(client, email);
        Assert.Contains("has not verified your email address", WebUtility.HtmlDecode(await unverified.Final.TextAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(2, await AuditCountAsync(partner.Id, "SignInSsoFailed"));
    }

    [Fact]
    public async Task An_account_disabled_in_the_portal_cannot_sign_in_whatever_its_provider_says_R26()
    {
        var (partner, domain) = await RegisteredPartnerAsync();
        var email = $"gone@{domain}";
        await AccountAsync(partner.Id, email, Roles.LicenseManager, disabled: true);
        Provider.Users[email] = new LoopbackUser(email);

        var client = PortalClient.Anonymous(factory);
        var flow = await SignInAsync(client, email);
        Assert.Equal(HttpStatusCode.OK, flow.Final.StatusCode);
        Assert.Contains(SsoMessages.CannotSignIn, WebUtility.HtmlDecode(await flow.Final.TextAsync()), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(1, await AuditCountAsync(partner.Id, "SignInSsoFailed"));
    }

    [Fact]
    public async Task Accounts_are_created_on_first_sign_in_with_the_default_role_only_when_the_company_says_so_R26()
    {
        var (closed, closedDomain) = await RegisteredPartnerAsync();
        var stranger = $"new@{closedDomain}";
        Provider.Users[stranger] = new LoopbackUser(stranger);
        var refused = await SignInAsync(PortalClient.Anonymous(factory), stranger);
        Assert.Contains(SsoMessages.NoAccount, WebUtility.HtmlDecode(await refused.Final.TextAsync()), StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.Email == stranger, Cancel)));

        var (open, domain) = await RegisteredPartnerAsync(createAccounts: true);
        var email = $"grace@{domain}";
        Provider.Users[email] = new LoopbackUser(email, Name: "Grace Hopper");
        var client = PortalClient.Anonymous(factory);
        var flow = await SignInAsync(client, email);
        Assert.Equal("/", flow.Final.Headers.Location!.OriginalString);
        Assert.Equal([Roles.SupportEngineer], await RolesAsync(email));
        var user = await factory.QueryAsync(db => db.Users.SingleAsync(u => u.Email == email, Cancel));
        Assert.Equal((open.Id, (Guid?)null, "Grace Hopper", false), (user.CompanyId, user.CustomerId, user.DisplayName, user.PasswordHash is not null));
        Assert.Equal(1, await AuditCountAsync(open.Id, "AccountAdded"));
    }

    [Fact]
    public async Task The_groups_claim_gives_a_created_account_the_roles_it_maps_to_R26()
    {
        var (partner, domain) = await RegisteredPartnerAsync(createAccounts: true, groupRoles: "portal-admins = Administrator\nbilling = Billing Manager");
        var email = $"ops@{domain}";
        Provider.Users[email] = new LoopbackUser(email, Groups: ["billing", "portal-admins", "unrelated"]);
        var flow = await SignInAsync(PortalClient.Anonymous(factory), email);
        Assert.Equal("/", flow.Final.Headers.Location!.OriginalString);
        Assert.Equal([Roles.Administrator, Roles.BillingManager], await RolesAsync(email));
        Assert.Equal(1, await AuditCountAsync(partner.Id, "SignInWithSso"));
    }

    private sealed record Flow(string AuthorizeUrl, string CallbackUrl, HttpResponseMessage Final);

    /// <summary>What a browser does: the SSO button, the page that goes on, the provider, the callback, the portal's completion.</summary>
    private async Task<Flow> SignInAsync(PortalClient client, string email)
    {
        var discovered = await client.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = email, ["SingleSignOn"] = "true" });
        var page = await PortalClient.ParseAsync(await discovered.TextAsync());
        var start = page.QuerySelector("#sso-continue")?.GetAttribute("href") ?? throw new InvalidOperationException("No single sign-on for " + email);
        var challenge = await client.GetAsync(start);
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = challenge.Headers.Location!.AbsoluteUri;
        Assert.Contains($":{Provider.Port}/connect/authorize?", authorize, StringComparison.Ordinal);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var answer = await browser.GetAsync(authorize, Cancel);
        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        var callback = answer.Headers.Location!.AbsoluteUri;
        var returned = await client.GetAsync(callback);
        Assert.Equal(HttpStatusCode.Redirect, returned.StatusCode);
        var final = returned.Headers.Location!.OriginalString.StartsWith("/account/sso/complete", StringComparison.Ordinal)
            ? await client.GetAsync(returned.Headers.Location!.OriginalString)
            : returned;
        return new Flow(authorize, callback, final);
    }

    private async Task AssertRefusedByHandlerAsync(PortalClient client, Flow flow, Guid companyId, string reason)
    {
        Assert.Equal(HttpStatusCode.Redirect, flow.Final.StatusCode);
        Assert.Equal("/account/sign-in?sso=failed", flow.Final.Headers.Location!.OriginalString);
        var page = await client.GetPageAsync("/account/sign-in?sso=failed");
        Assert.Contains(SsoMessages.Failed, page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        var entry = await factory.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.CompanyId == companyId && a.Action == "SignInSsoFailed", Cancel));
        Assert.Contains(reason, entry.After!, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<(Company Partner, string Domain)> RegisteredPartnerAsync(string? issuer = null, bool createAccounts = false, string? groupRoles = null)
    {
        var partner = await factory.NewPartnerAsync(CompanyType.Msp, PartnerStatus.Active);
        var domain = Domain();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LicensingPortal.Infrastructure.Persistence.PortalDbContext>();
        var secret = scope.ServiceProvider.GetRequiredService<ISsoSecrets>().Protect(LoopbackOpenIdProvider.ClientSecret);
        db.CompanyIdentityProviders.Add(CompanyIdentityProvider.Create(
            partner.Id,
            new IdentityProviderSettings(issuer ?? Provider.Issuer, LoopbackOpenIdProvider.ClientId, domain, true, createAccounts, createAccounts ? Roles.SupportEngineer : null, groupRoles),
            secret,
            Roles.All,
            factory.Clock.GetUtcNow()));
        await db.SaveChangesAsync(Cancel);
        return (partner, domain);
    }

    private async Task AccountAsync(Guid companyId, string email, string role, bool disabled = false)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = email,
            CompanyId = companyId,
            IsDisabled = disabled,
            CreatedAt = factory.Clock.GetUtcNow(),
        };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }

    private Task<List<string>> RolesAsync(string email) =>
        factory.QueryAsync(db => (from u in db.Users
                                  join ur in db.UserRoles on u.Id equals ur.UserId
                                  join r in db.Roles on ur.RoleId equals r.Id
                                  where u.Email == email
                                  orderby r.Name
                                  select r.Name!).ToListAsync(Cancel));

    private Task<int> AuditCountAsync(Guid companyId, string action) =>
        factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.CompanyId == companyId && a.Action == action, Cancel));

    private static string Domain() => $"sso-{Guid.NewGuid():N}"[..16] + ".example";

    private static Dictionary<string, string> Form(string issuer, string secret, string domain) => new()
    {
        ["Input.Issuer"] = issuer,
        ["Input.ClientId"] = "contoso-portal",
        ["Input.ClientSecret"] = secret,
        ["Input.Domains"] = domain,
        ["Input.Enabled"] = "true",
    };
}
