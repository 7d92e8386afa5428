using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>Settings › Webhooks in a browser: an endpoint registered, its secret shown once, listed (issue 12).</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebhooksJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task An_administrator_registers_an_endpoint_sees_its_secret_once_and_then_only_the_endpoint_R21()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        await page.GotoAsync("/webhooks");
        await page.GetByLabel("URL (https://)").FillAsync("https://hooks.contoso.example/licensing");
        await page.GetByLabel("Description (optional)").FillAsync("PSA ticketing");
        await page.Locator("#create-endpoint input[type=checkbox]").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add endpoint" }).ClickAsync();

        var secret = await page.Locator("#created-secret").InputValueAsync();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#webhook-endpoints")).ToContainTextAsync("https://hooks.contoso.example/licensing");
        await BrowserPortal.ScreenshotAsync(page, "webhooks");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await page.GotoAsync("/webhooks");
        await Assertions.Expect(page.Locator("#webhook-endpoints")).ToContainTextAsync("PSA ticketing");
        Assert.DoesNotContain(secret, await page.ContentAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
