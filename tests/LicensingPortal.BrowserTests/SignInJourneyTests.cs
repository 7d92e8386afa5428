using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

[Collection(BrowserCollection.Name)]
public sealed class SignInJourneyTests(BrowserPortal portal)
{
    [Theory]
    [InlineData(DemoAccounts.ProviderAdmin, "Northwind Distribution", "dashboard-provider")]
    [InlineData(DemoAccounts.MspAdmin, "Contoso Managed Services", "dashboard-msp")]
    [InlineData(DemoAccounts.ResellerAdmin, "Fabrikam Resellers", "dashboard-reseller")]
    public async Task A_demo_user_signs_in_and_sees_their_dashboard(string email, string company, string screenshot)
    {
        var page = await portal.SignedInPageAsync(email);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(company);
        await BrowserPortal.ScreenshotAsync(page, screenshot);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_wrong_password_shows_the_message_and_keeps_the_email()
    {
        var context = await portal.Browser.NewContextAsync(new() { BaseURL = portal.BaseUrl });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("Email").FillAsync(DemoAccounts.MspStaff);
        await page.GetByLabel("Password").FillAsync("definitely-not-it");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("incorrect");
        await Assertions.Expect(page.GetByLabel("Email")).ToHaveValueAsync(DemoAccounts.MspStaff);
        await BrowserPortal.ScreenshotAsync(page, "sign-in-error");
        await context.CloseAsync();
    }
}
