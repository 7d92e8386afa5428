using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;

namespace LicensingPortal.FunctionalTests;

public sealed class SignInTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    public static TheoryData<string, string> DemoUsers => new()
    {
        { DemoAccounts.ProviderAdmin, "Northwind Distribution" },
        { DemoAccounts.ProviderSupport, "Northwind Distribution" },
        { DemoAccounts.MspAdmin, "Contoso Managed Services" },
        { DemoAccounts.MspStaff, "Contoso Managed Services" },
        { DemoAccounts.ResellerAdmin, "Fabrikam Resellers" },
        { DemoAccounts.SuspendedPartnerAdmin, "Litware MSP" },
    };

    [Theory]
    [MemberData(nameof(DemoUsers))]
    public async Task Each_demo_user_signs_in_and_gets_their_company_home_page(string email, string company)
    {
        var client = await PortalClient.SignedInAsync(factory, email);

        var home = await client.GetPageAsync("/");

        Assert.Equal(company, home.QuerySelector("main h1")?.TextContent.Trim());
    }

    [Fact]
    public async Task Every_page_requires_sign_in()
    {
        var client = PortalClient.Anonymous(factory);

        var response = await client.GetAsync("/help/roles");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task A_wrong_password_gets_the_generic_message_and_keeps_the_email()
    {
        var client = PortalClient.Anonymous(factory);

        var response = await client.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = DemoAccounts.MspStaff, ["Password"] = "not-the-password-at-all" });
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(LicensingPortal.Web.Controllers.AccountController.FailedMessage, page.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(DemoAccounts.MspStaff, page.QuerySelector("input[name=Email]")?.GetAttribute("value"));
    }

    [Fact]
    public async Task A_canceled_partners_account_cannot_sign_in_R11()
    {
        var client = PortalClient.Anonymous(factory);

        var response = await client.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = DemoAccounts.CanceledPartnerAdmin, ["Password"] = DemoAccounts.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(LicensingPortal.Web.Controllers.AccountController.FailedMessage, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_sign_in()
    {
        var client = PortalClient.Anonymous(factory);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unknown_page_is_a_friendly_404_without_a_stack_trace()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var response = await client.GetAsync("/no/such/page");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Not found", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }
}

/// <summary>Its own app and database: locking an account must not disturb the other sign-in tests.</summary>
public sealed class LockoutTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        var client = PortalClient.Anonymous(factory);
        var fields = new Dictionary<string, string> { ["Email"] = DemoAccounts.ProviderSupport, ["Password"] = "wrong-password-attempt" };
        for (var i = 0; i < 5; i++)
        {
            await client.PostFormAsync("/account/sign-in", "/account/sign-in", fields);
        }

        var response = await client.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = DemoAccounts.ProviderSupport, ["Password"] = DemoAccounts.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(await MessageAsync(response), await MessageAsync(await UnknownEmailAsync()));
    }

    /// <summary>A locked account and an email nobody has get the same answer: the page tells a stranger nothing (ASVS 6.3.8).</summary>
    [Fact]
    public async Task A_locked_account_and_an_unknown_email_get_the_same_message()
    {
        var unknown = await MessageAsync(await UnknownEmailAsync());

        Assert.Equal(LicensingPortal.Web.Controllers.AccountController.FailedMessage, unknown);
    }

    private async Task<HttpResponseMessage> UnknownEmailAsync()
    {
        var client = PortalClient.Anonymous(factory);
        HttpResponseMessage last = null!;
        for (var i = 0; i < 6; i++)
        {
            last = await client.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = "nobody@nowhere.example", ["Password"] = "wrong-password-attempt" });
        }

        return last;
    }

    private static async Task<string?> MessageAsync(HttpResponseMessage response) =>
        (await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync())).QuerySelector(".validation-summary-errors")?.TextContent.Trim();
}
