using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>
/// R26 in Chromium: an MSP's administrator registers the company's identity provider (a real OpenID provider the test
/// starts on loopback), and someone of its domain, with no account yet, signs in through it from the sign-in page and
/// lands on the MSP's dashboard with an account created on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SingleSignOnJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task An_administrator_registers_the_provider_and_a_user_of_the_domain_signs_in_through_it_R26()
    {
        await using var provider = await LoopbackOpenIdProvider.StartAsync();
        var domain = $"sso-{Guid.NewGuid():N}"[..16] + ".example";
        var email = $"linus@{domain}";
        provider.Users[email] = new LoopbackUser(email, Name: "Linus Example");

        var admin = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        await admin.GotoAsync("/branding");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Single sign-on" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Single sign-on");
        await admin.GetByLabel("Issuer URL").FillAsync(provider.Issuer);
        await admin.GetByLabel("Client ID").FillAsync(LoopbackOpenIdProvider.ClientId);
        await admin.GetByLabel("Client secret").FillAsync(LoopbackOpenIdProvider.ClientSecret);
        await admin.GetByLabel("Email domains").FillAsync(domain);
        await admin.GetByLabel("Create an account on first sign-in").CheckAsync();
        await admin.GetByLabel("Role of created accounts").SelectOptionAsync("License Manager");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Register identity provider" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status).First).ToContainTextAsync("Single sign-on was registered.");
        await Assertions.Expect(admin.GetByLabel("Client secret")).ToHaveValueAsync(string.Empty);
        await BrowserPortal.ScreenshotAsync(admin, "single-sign-on");
        await admin.Context.CloseAsync();

        var context = await portal.Browser.NewContextAsync(new() { BaseURL = portal.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue with single sign-on" }).ClickAsync();
        try
        {
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/", new() { Timeout = 60_000 });
        }
        catch (TimeoutException)
        {
            var text = await page.Locator("body").InnerTextAsync();
            throw new TimeoutException($"Single sign-on did not reach the dashboard ({page.Url}): {text[..Math.Min(text.Length, 600)]}");
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Contoso Managed Services");
        await context.CloseAsync();
    }
}
