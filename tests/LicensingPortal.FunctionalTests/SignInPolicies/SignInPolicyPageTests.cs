using System.Net;
using LicensingPortal.Domain.SignInPolicies;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.FunctionalTests.Partners;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.SignInPolicies;

/// <summary>
/// R26 through HTTP, the page: a partner's administrators see the policy in force and where it comes from, save a
/// stricter one, and a looser one is refused with the sentence and nothing saved, however the POST was made. Each test
/// sets the policy of a partner of its own.
/// </summary>
public sealed class SignInPolicyPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_partner_administrator_sees_where_the_policy_comes_from_and_saves_a_stricter_one_R26()
    {
        var partner = await factory.NewPartnerAsync();
        var admin = await PortalClient.SignedInAsync(factory, await factory.NewAccountAsync(partner));
        (await admin.GetAsync("/sign-in-policy")).AssertRedirectsTo($"/companies/{partner.Id}/sign-in-policy");

        var page = await admin.GetPageAsync($"/companies/{partner.Id}/sign-in-policy");
        Assert.Contains("set by Northwind Distribution", page.QuerySelector("[data-setting=idle-timeout]")!.TextContent, StringComparison.Ordinal);

        var saved = await admin.SavePolicyAsync(partner.Id, idleMinutes: 20, lifetimeHours: 8);
        saved.AssertRedirectsTo($"/companies/{partner.Id}/sign-in-policy");
        page = await admin.GetPageAsync($"/companies/{partner.Id}/sign-in-policy");
        Assert.Contains("The sign-in policy was saved.", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var idle = page.QuerySelector("[data-setting=idle-timeout]")!.TextContent;
        Assert.Contains("20 minutes", idle, StringComparison.Ordinal);
        Assert.Contains("this company", idle, StringComparison.Ordinal);
        Assert.Contains("set by Northwind Distribution", page.QuerySelector("[data-setting=sso]")!.TextContent, StringComparison.Ordinal);

        var audit = await factory.QueryAsync(db => db.AuditEntries.Where(a => a.CompanyId == partner.Id && a.EntityType == nameof(SignInPolicy)).Select(a => a.Action).ToListAsync(Cancel));
        Assert.Equal(["SignInPolicyCreated"], audit);
    }

    [Fact]
    public async Task A_crafted_post_loosening_the_providers_policy_is_refused_with_the_sentence_and_nothing_is_saved_R26()
    {
        var partner = await factory.NewPartnerAsync();
        var admin = await PortalClient.SignedInAsync(factory, await factory.NewAccountAsync(partner));
        var token = PortalClient.AntiforgeryToken(await admin.GetPageAsync($"/companies/{partner.Id}/sign-in-policy"));

        // The page's number field stops at 30; a script does not.
        var response = await admin.PostAsync($"/companies/{partner.Id}/sign-in-policy", new()
        {
            ["Input.TwoFactor"] = "Nobody",
            ["Input.IdleTimeoutMinutes"] = "240",
            ["Input.SessionLifetimeHours"] = "12",
            ["Input.SsoRequired"] = "false",
            ["Input.Version"] = "0",
        }, token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await PortalClient.ParseAsync(await response.TextAsync());
        Assert.Equal(
            "Northwind Distribution signs users out after 30 minutes without activity; a company under it may choose a shorter idle timeout, never a longer one.",
            page.QuerySelector("[data-valmsg-for='Input.IdleTimeoutMinutes']")!.TextContent.Trim());
        Assert.DoesNotContain("R26", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.SignInPolicies.AnyAsync(p => p.CompanyId == partner.Id, Cancel)));
    }

    [Fact]
    public async Task Out_of_range_values_get_clear_messages_R26()
    {
        var partner = await factory.NewPartnerAsync();
        var admin = await PortalClient.SignedInAsync(factory, await factory.NewAccountAsync(partner));

        var response = await admin.SavePolicyAsync(partner.Id, idleMinutes: 5, lifetimeHours: 0);

        var page = await PortalClient.ParseAsync(await response.TextAsync());
        Assert.Equal("Enter an idle timeout between 15 and 1,440 minutes.", page.QuerySelector("[data-valmsg-for='Input.IdleTimeoutMinutes']")!.TextContent.Trim());
        Assert.Equal("Enter a session lifetime between 1 and 720 hours.", page.QuerySelector("[data-valmsg-for='Input.SessionLifetimeHours']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Only_administrators_reach_the_page_and_only_of_their_own_company_R1_R26()
    {
        var partner = await factory.NewPartnerAsync();
        var staff = await PortalClient.SignedInAsync(factory, await factory.NewAccountAsync(partner, Application.Security.Roles.CustomerAccountManager));
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/companies/{partner.Id}/sign-in-policy")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync($"/companies/{partner.Id}/sign-in-policy")).StatusCode);
        var page = await provider.GetPageAsync($"/companies/{partner.Id}/sign-in-policy");
        Assert.Equal($"Sign-in policy of {partner.Name}", page.QuerySelector("h1")!.TextContent);
    }
}
