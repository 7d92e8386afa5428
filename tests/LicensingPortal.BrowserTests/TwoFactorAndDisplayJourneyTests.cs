using System.Globalization;
using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>Two-factor sign-in in a browser, times in the reader's time zone, and the portal on a phone.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TwoFactorAndDisplayJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task Turn_on_two_factor_then_sign_in_with_a_code_and_with_a_recovery_code()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.ProviderSupport);
        await page.GotoAsync("/account/two-factor");
        var key = (await page.GetByTestId("shared-key").TextContentAsync())!;
        await page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(key, portal.Clock.GetUtcNow()));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        var recoveryCodes = page.Locator("[data-testid=recovery-codes] li");
        await Assertions.Expect(recoveryCodes.First).ToBeVisibleAsync();
        var recovery = (await recoveryCodes.First.TextContentAsync())!.Trim();
        await BrowserPortal.ScreenshotAsync(page, "two-factor-recovery-codes");
        await page.Context.CloseAsync();

        // A code is accepted once: the sign-in uses the next one, 30 seconds on.
        portal.Clock.Advance(TimeSpan.FromSeconds(30));
        var withCode = await SignInWithPasswordAsync(DemoAccounts.ProviderSupport);
        await withCode.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(key, portal.Clock.GetUtcNow()));
        await BrowserPortal.ScreenshotAsync(withCode, "sign-in-two-factor");
        await withCode.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(withCode.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Northwind Distribution");
        await withCode.Context.CloseAsync();

        var withRecovery = await SignInWithPasswordAsync(DemoAccounts.ProviderSupport);
        await withRecovery.GetByRole(AriaRole.Link, new() { Name = "Use a recovery code" }).ClickAsync();
        await withRecovery.GetByLabel("Recovery code").FillAsync(recovery);
        await withRecovery.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(withRecovery.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Northwind Distribution");
        await withRecovery.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_two_factor_code_is_refused_and_the_user_stays_signed_out()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.MspStaff);
        await page.GotoAsync("/account/two-factor");
        var key = (await page.GetByTestId("shared-key").TextContentAsync())!;
        await page.GetByLabel("Code from your authenticator app").FillAsync("000000" == Totp.Code(key, portal.Clock.GetUtcNow()) ? "111111" : "000000");
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();

        await Assertions.Expect(page.Locator(".text-danger, .alert-danger").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Times_are_shown_in_the_readers_time_zone_and_stored_in_UTC()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.MspAdmin, timeZone: "Asia/Tokyo");
        await page.GotoAsync("/reports/transactions");

        var first = page.Locator("time[data-local-time]").First;
        var utc = DateTimeOffset.Parse((await first.GetAttributeAsync("datetime"))!, CultureInfo.InvariantCulture);
        var tokyo = utc.ToOffset(TimeSpan.FromHours(9)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        await Assertions.Expect(first).ToHaveTextAsync(tokyo);
        await Assertions.Expect(first).ToHaveAttributeAsync("title", utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC");
        await Assertions.Expect(page.Locator("footer")).ToContainTextAsync("Asia/Tokyo");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_main_screens_fit_the_width_and_the_menu_folds()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.MspAdmin, width: 390);
        await Assertions.Expect(page.Locator(".navbar-toggler")).ToBeVisibleAsync();
        foreach (var (url, name) in new[] { ("/", "phone-dashboard"), ("/customers", "phone-customers") })
        {
            await page.GotoAsync(url);
            await AssertFitsAsync(page, url);
            await BrowserPortal.ScreenshotAsync(page, name);
        }

        await page.GetByRole(AriaRole.Link, new() { Name = "Cedar Law Group" }).ClickAsync();
        await AssertFitsAsync(page, "a customer's licenses");
        await page.Locator("main table a[href*='/licenses/']").First.ClickAsync();
        await AssertFitsAsync(page, "the modify form");
        await BrowserPortal.ScreenshotAsync(page, "phone-license-modify");

        await page.Locator(".navbar-toggler").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Customers" }).First).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    private static async Task AssertFitsAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"On a 390px-wide screen {what} is {overflow}px too wide: the page scrolls sideways.");
    }

    private async Task<IPage> SignInWithPasswordAsync(string email)
    {
        var context = await portal.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = portal.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(DemoAccounts.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Code from your authenticator app")).ToBeVisibleAsync();
        return page;
    }
}
