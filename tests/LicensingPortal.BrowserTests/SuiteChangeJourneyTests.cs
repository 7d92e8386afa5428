using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>R5 in a browser: the provider records a suite change, the MSP's plan locks, the MSP approves and modifies again.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SuiteChangeJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task Provider_records_a_suite_change_then_the_MSP_approves_it_and_can_modify_the_plan_again()
    {
        var provider = await portal.SignedInPageAsync(DemoAccounts.ProviderAdmin);
        await provider.GotoAsync("/products");
        await BrowserPortal.ScreenshotAsync(provider, "products");
        await provider.Locator("tr", new() { HasText = "Email Security" }).GetByRole(AriaRole.Link, new() { Name = "Record suite change" }).ClickAsync();
        await provider.GetByLabel("Components added (comma separated)").FillAsync("Attachment Sandboxing");
        await provider.GetByLabel("Description").FillAsync("Sandboxing joins the suite.");
        await provider.GetByLabel("Effective date").FillAsync(portal.Clock.Today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await provider.GetByRole(AriaRole.Button, new() { Name = "Record change and lock plans" }).ClickAsync();
        await Assertions.Expect(provider.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
        await provider.Context.CloseAsync();

        var msp = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        msp.Dialog += (_, dialog) => dialog.AcceptAsync();
        await msp.GotoAsync("/customers?q=Granite");
        await msp.GetByRole(AriaRole.Link, new() { Name = "Granite Builders" }).ClickAsync();
        await msp.Locator("[data-testid=licenses] tbody tr a").First.ClickAsync();
        await Assertions.Expect(msp.GetByRole(AriaRole.Alert)).ToContainTextAsync("locked");

        await msp.GotoAsync("/service-plans/component-updates");
        await BrowserPortal.ScreenshotAsync(msp, "component-updates");
        await msp.Locator("section", new() { HasText = "Email Security" }).GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(msp.GetByRole(AriaRole.Status)).ToBeVisibleAsync();

        await msp.GotoAsync("/customers?q=Granite");
        await msp.GetByRole(AriaRole.Link, new() { Name = "Granite Builders" }).ClickAsync();
        await msp.Locator("[data-testid=licenses] tbody tr a").First.ClickAsync();
        await Assertions.Expect(msp.Locator("[data-rule]")).ToHaveCountAsync(0);
        await msp.GetByLabel("Units per license").FillAsync("26");
        await msp.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(msp.GetByRole(AriaRole.Status)).ToContainTextAsync("saved");
        await msp.Context.CloseAsync();
    }

    [Fact]
    public async Task A_reseller_reviews_its_assigned_plans()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.ResellerAdmin);

        await page.GetByRole(AriaRole.Link, new() { Name = "Assigned Plans" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Assigned");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Northwind WFBSS Standard – 12 months" })).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "reseller-assigned-plans");
        await page.GetByRole(AriaRole.Link, new() { Name = "Northwind WFBSS Standard – 12 months" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Hanse Logistik")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_provider_sees_its_service_plans_with_lifecycle_and_lock_badges()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.ProviderAdmin);

        await page.GotoAsync("/service-plans");
        await Assertions.Expect(page.Locator("table").GetByText("End of Sale").First).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "service-plans");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GotoAsync("/service-plans/new");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.GotoAsync("/products");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
