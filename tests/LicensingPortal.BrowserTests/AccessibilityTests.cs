using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;

namespace LicensingPortal.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserPortal portal)
{
    [Theory]
    [InlineData(DemoAccounts.ProviderAdmin, "/")]
    [InlineData(DemoAccounts.MspAdmin, "/")]
    [InlineData(DemoAccounts.ResellerAdmin, "/")]
    [InlineData(DemoAccounts.ProviderAdmin, "/help/roles")]
    [InlineData(DemoAccounts.ProviderAdmin, "/audit")]
    [InlineData(DemoAccounts.MspAdmin, "/reports/expiring?days=90&expired=true")]
    [InlineData(DemoAccounts.MspAdmin, "/account/two-factor")]
    [InlineData(DemoAccounts.MspAdmin, "/customers")]
    [InlineData(DemoAccounts.ProviderAdmin, "/customers?status=Expired")]
    [InlineData(DemoAccounts.MspAdmin, "/reports/transactions")]
    [InlineData(DemoAccounts.MspAdmin, "/customers/new")]
    [InlineData(DemoAccounts.ProviderAdmin, "/billing/statements")]
    [InlineData(DemoAccounts.MspAdmin, "/billing")]
    [InlineData(DemoAccounts.MspAdmin, "/usage")]
    [InlineData(DemoAccounts.MspAdmin, "/branding")]
    public async Task Main_pages_have_no_serious_accessibility_violations(string email, string url)
    {
        var page = await portal.SignedInPageAsync(email);
        await page.GotoAsync(url);

        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_sign_in_page_has_no_serious_accessibility_violations_and_works_by_keyboard()
    {
        var context = await portal.Browser.NewContextAsync(new() { BaseURL = portal.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Keyboard only: the email field has focus, Tab moves to the password, Enter submits.
        await page.Keyboard.TypeAsync(DemoAccounts.MspAdmin);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(DemoAccounts.Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => !url.Contains("sign-in", StringComparison.Ordinal));

        Assert.Equal("Contoso Managed Services", (await page.Locator("main h1").TextContentAsync())?.Trim());
        await context.CloseAsync();
    }
}
