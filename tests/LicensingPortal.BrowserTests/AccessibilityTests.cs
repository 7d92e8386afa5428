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
    [InlineData(DemoAccounts.MspAdmin, "/single-sign-on")]
    [InlineData(DemoAccounts.MspAdmin, "/customers/requests")]
    [InlineData(DemoAccounts.MspCustomerAdmin, "/my/licenses")]
    [InlineData(DemoAccounts.MspCustomerAdmin, "/my/requests")]
    public async Task Main_pages_have_no_serious_accessibility_violations(string email, string url)
    {
        var page = await portal.SignedInPageAsync(email);
        await page.GotoAsync(url);

        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_customers_license_pages_and_request_forms_and_its_Accounts_tab_have_no_serious_accessibility_violations_R25()
    {
        // Evergreen Clinic (demo): one license with the demo's open request (the form says so), one without (the form).
        var customer = await portal.SignedInPageAsync(DemoAccounts.MspCustomerAdmin);
        var licenses = await customer.Locator("#my-licenses tbody tr a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(2, licenses.Length);
        foreach (var license in licenses)
        {
            await customer.GotoAsync(license);
            await Accessibility.AssertNoSeriousViolationsAsync(customer);
            await customer.GotoAsync(license + "/requests/new");
            await Accessibility.AssertNoSeriousViolationsAsync(customer);
        }

        await customer.Context.CloseAsync();

        var msp = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        await msp.GotoAsync("/customers?q=Evergreen%20Clinic");
        await msp.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Evergreen Clinic", Exact = true }).ClickAsync();
        await msp.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(msp);
        await msp.Context.CloseAsync();
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
