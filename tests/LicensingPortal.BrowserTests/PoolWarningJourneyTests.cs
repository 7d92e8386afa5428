using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>R20 in a browser: a partner administrator sets when a license pool counts as running low; a bad value is shown next to the field.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PoolWarningJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task A_reseller_administrator_sets_the_pool_warning_and_an_out_of_range_value_is_explained_R20()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.ResellerAdmin);
        await page.GotoAsync("/notifications/settings");
        var percent = page.GetByLabel("Free units below (%)");
        await Assertions.Expect(percent).ToHaveValueAsync("10");

        // The browser's own range check is bypassed (novalidate) so the server's message is what the user reads.
        await page.Locator("[data-testid=pool-warning]").EvaluateAsync("form => form.noValidate = true");
        await percent.FillAsync("150");
        await page.Locator("[data-testid=pool-warning] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("[data-valmsg-for='PoolWarning.Percent']")).ToContainTextAsync("between 1 and 99");
        await Assertions.Expect(percent).ToHaveValueAsync("150");

        await percent.FillAsync("25");
        await page.Locator("[data-testid=pool-warning] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator(".alert-success, [role=status]").First).ToContainTextAsync("fewer than 25%");
        await Assertions.Expect(page.GetByLabel("Free units below (%)")).ToHaveValueAsync("25");
        await BrowserPortal.ScreenshotAsync(page, "notification-settings");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Back to the default for the other journeys.
        await page.GetByLabel("Free units below (%)").FillAsync("10");
        await page.Locator("[data-testid=pool-warning] button[type=submit]").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Free units below (%)")).ToHaveValueAsync("10");
        await page.Context.CloseAsync();
    }
}
