using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests;

/// <summary>The app with two-factor required for provider administrators, as in production.</summary>
public sealed class TwoFactorRequiredFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Security:RequireTwoFactorForProviderAdministrators", "true");
    }
}

public sealed class TwoFactorTests(TwoFactorRequiredFactory factory) : IClassFixture<TwoFactorRequiredFactory>
{
    [Fact]
    public async Task A_provider_administrator_without_two_factor_is_sent_to_set_it_up_and_can_then_sign_in_with_a_code()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/two-factor", home.Headers.Location?.OriginalString.Split('?')[0]);

        // Set up: the key on the page, a code from it, then the recovery codes shown once.
        var setup = await client.GetPageAsync("/account/two-factor?required=true");
        var key = setup.QuerySelector("[data-testid=shared-key]")!.TextContent;
        Assert.NotNull(setup.QuerySelector(".qr-code svg"));
        var enabled = await client.PostAsync("/account/two-factor/enable", new() { ["Input.Code"] = Totp.Code(key, factory.Clock.GetUtcNow()) }, PortalClient.AntiforgeryToken(setup));
        var enabledPage = await PortalClient.ParseAsync(await enabled.Content.ReadAsStringAsync());
        var recoveryCodes = enabledPage.QuerySelectorAll("[data-testid=recovery-codes] li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        // A new sign-in now needs the code after the password.
        var fresh = PortalClient.Anonymous(factory);
        var password = await fresh.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = DemoAccounts.ProviderAdmin, ["Password"] = DemoAccounts.Password });
        Assert.Equal("/account/sign-in/two-factor", password.Headers.Location?.OriginalString.Split('?')[0]);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync("/")).StatusCode);

        var wrong = await fresh.PostFormAsync("/account/sign-in/two-factor", "/account/sign-in/two-factor", new() { ["Code"] = "000000" == Totp.Code(key, factory.Clock.GetUtcNow()) ? "111111" : "000000" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("not valid", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var recovery = await fresh.PostFormAsync("/account/sign-in/recovery-code", "/account/sign-in/recovery-code", new() { ["RecoveryCode"] = recoveryCodes[0] });
        Assert.Equal(HttpStatusCode.Redirect, recovery.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync("/")).StatusCode);

        // A recovery code works once.
        var again = PortalClient.Anonymous(factory);
        await again.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = DemoAccounts.ProviderAdmin, ["Password"] = DemoAccounts.Password });
        var reused = await again.PostFormAsync("/account/sign-in/recovery-code", "/account/sign-in/recovery-code", new() { ["RecoveryCode"] = recoveryCodes[0] });
        Assert.Equal(HttpStatusCode.OK, reused.StatusCode);
        Assert.Contains("already used", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Each step is on the audit log, under the account.
        await using var db = factory.CreateDbContext();
        var admin = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.ProviderAdmin, TestContext.Current.CancellationToken);
        var actions = await db.AuditEntries.AsNoTracking().Where(e => e.EntityType == "Account" && e.EntityId == admin.Id.ToString() && e.CompanyId == admin.CompanyId)
            .Select(e => e.Action).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Superset(new HashSet<string> { "TwoFactorEnabled", "SignInPasswordAccepted", "SignInTwoFactorFailed", "SignInWithRecoveryCode", "SignInRecoveryCodeFailed" }, actions.ToHashSet());
    }

    [Fact]
    public async Task An_authenticator_code_signs_in_once_a_second_sign_in_with_it_is_refused()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderSupport);
        var setup = await client.GetPageAsync("/account/two-factor");
        var key = setup.QuerySelector("[data-testid=shared-key]")!.TextContent;
        var enabled = await client.PostAsync("/account/two-factor/enable", new() { ["Input.Code"] = Totp.Code(key, factory.Clock.GetUtcNow()) }, PortalClient.AntiforgeryToken(setup));
        Assert.Contains("recovery-codes", await enabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The code that turned two-factor on cannot sign in; the next step's code can, once.
        var first = await SignInWithCodeAsync(Totp.Code(key, factory.Clock.GetUtcNow()));
        Assert.True(HttpStatusCode.OK == first.StatusCode, $"{first.StatusCode} {first.Headers.Location}");
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var code = Totp.Code(key, factory.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.Redirect, (await SignInWithCodeAsync(code)).StatusCode);
        var replay = await SignInWithCodeAsync(code);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("not valid", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        async Task<HttpResponseMessage> SignInWithCodeAsync(string totp)
        {
            var fresh = PortalClient.Anonymous(factory);
            await fresh.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = DemoAccounts.ProviderSupport, ["Password"] = DemoAccounts.Password });
            return await fresh.PostFormAsync("/account/sign-in/two-factor", "/account/sign-in/two-factor", new() { ["Code"] = totp });
        }
    }

    [Fact]
    public async Task Other_roles_are_not_forced_to_set_up_two_factor()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }
}
