using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>The provider in a browser: partners list, each tab, suspend/reactivate (R11), reseller plans (R14).</summary>
[Collection(BrowserCollection.Name)]
public sealed class ProviderPartnerJourneyTests(BrowserPortal portal)
{
    private static async Task OpenPartnerAsync(IPage page, string name)
    {
        await page.GotoAsync("/partners");
        await page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
    }

    [Fact]
    public async Task Suspend_the_MSP_every_tab_but_Profile_turns_read_only_then_reactivate()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.ProviderAdmin);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync("/partners");
        await BrowserPortal.ScreenshotAsync(page, "partners-list");
        await OpenPartnerAsync(page, "Contoso Managed Services");
        foreach (var tab in new[] { "licenses", "management", "accounts", "profile" })
        {
            await page.Locator($"[data-tab={tab}]").ClickAsync();
            await BrowserPortal.ScreenshotAsync(page, $"partner-{tab}");
            await Accessibility.AssertNoSeriousViolationsAsync(page);
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Suspend" }).ClickAsync();
        await Assertions.Expect(page.Locator("#partner-banner")).ToContainTextAsync("Suspended");
        await page.Locator("[data-tab=licenses]").ClickAsync();
        await Assertions.Expect(page.Locator("#read-only-banner")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Disable Licenses" })).ToHaveCountAsync(0);
        await BrowserPortal.ScreenshotAsync(page, "partner-suspended");

        await page.Locator("[data-tab=profile]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Reactivate" }).ClickAsync();
        await Assertions.Expect(page.Locator("#partner-banner")).ToContainTextAsync("Active");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Assign_a_plan_to_the_reseller_and_remove_it()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.ProviderAdmin);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await OpenPartnerAsync(page, "Fabrikam Resellers");
        await page.Locator("[data-tab=service-plans]").ClickAsync();

        await page.GetByLabel("Service plan", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Northwind WFBSS Advanced – 12 months" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign Service Plan" }).ClickAsync();
        var row = page.Locator("#assigned-plans tr", new() { HasText = "Northwind WFBSS Advanced – 12 months" });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await BrowserPortal.ScreenshotAsync(page, "partner-service-plans");

        await row.GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(page.Locator("#assigned-plans tr", new() { HasText = "Northwind WFBSS Advanced – 12 months" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Nothing_can_be_changed_on_the_canceled_partner()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.ProviderAdmin);
        await OpenPartnerAsync(page, "Tailspin Reseller");

        await Assertions.Expect(page.Locator("#partner-banner")).ToContainTextAsync("Canceled");
        foreach (var tab in new[] { "licenses", "service-plans", "accounts", "profile" })
        {
            await page.Locator($"[data-tab={tab}]").ClickAsync();
            await Assertions.Expect(page.Locator("main button[type=submit]:not([disabled])")).ToHaveCountAsync(0);
        }

        await page.Context.CloseAsync();
    }
}
