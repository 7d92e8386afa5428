using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>MSP staff in a browser: find a customer, modify a plan now and on a date, upgrade, switch, and be stopped where the rules say.</summary>
[Collection(BrowserCollection.Name)]
public sealed class MspCustomerJourneyTests(BrowserPortal portal)
{
    private static async Task OpenLicenseAsync(IPage page, string customer)
    {
        await page.GotoAsync("/customers");
        await page.GetByLabel("Customer name").FillAsync(customer);
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = customer, Exact = true }).ClickAsync();
        await page.Locator("[data-testid=licenses] tbody tr a").First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Breadcrumb" })).ToContainTextAsync(customer);
    }

    [Fact]
    public async Task Find_a_customer_change_units_and_auto_renewal_now_then_schedule_a_change_and_cancel_it()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        await page.GotoAsync("/customers");
        await BrowserPortal.ScreenshotAsync(page, "customers-list");

        await page.GetByLabel("Customer name").FillAsync("Lakeside");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Lakeside Veterinary" }).ClickAsync();
        await BrowserPortal.ScreenshotAsync(page, "customer-licenses");
        await page.Locator("[data-testid=licenses] tbody tr a").First.ClickAsync();
        await BrowserPortal.ScreenshotAsync(page, "license-modify");

        await page.GetByLabel("Units per license").FillAsync("6");
        await page.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("saved");
        await Assertions.Expect(page.GetByLabel("Units per license")).ToHaveValueAsync("6");

        var applyOn = portal.Clock.Today.AddMonths(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await page.GetByLabel("Units per license").FillAsync("8");
        await page.GetByLabel("On a specified date").CheckAsync();
        await page.GetByLabel("Date", new() { Exact = true }).FillAsync(applyOn);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=pending-change]")).ToContainTextAsync(applyOn);
        await Assertions.Expect(page.GetByLabel("Units per license")).ToHaveValueAsync("6");
        await BrowserPortal.ScreenshotAsync(page, "license-pending-change");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel scheduled change" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("canceled");
        await Assertions.Expect(page.Locator("[data-testid=pending-change]")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Upgrade_with_Change_Service_Plan_and_switch_with_the_drop_down()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);

        await OpenLicenseAsync(page, "Greystone Security");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change Service Plan" }).ClickAsync();
        await page.GetByLabel("WFBSS Advanced – 12 months").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=plan-name]")).ToHaveTextAsync("WFBSS Advanced – 12 months");

        await OpenLicenseAsync(page, "Alder Consulting");
        await page.GetByLabel("Service plan", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "WFBSS Standard – 24 months" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=plan-name]")).ToHaveTextAsync("WFBSS Standard – 24 months");
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("Acme Dental", "trial", "license-refused-trial")]
    [InlineData("Blue Harbor Logistics", "End of Life", "license-refused-end-of-life")]
    [InlineData("Fjord Analytics", "locked", "license-refused-locked")]
    public async Task Trial_End_of_Life_and_locked_plans_are_refused_with_their_reason(string customer, string reason, string screenshot)
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);

        await OpenLicenseAsync(page, customer);

        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(reason);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save" })).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByLabel("Units per license")).ToBeDisabledAsync();
        await BrowserPortal.ScreenshotAsync(page, screenshot);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Bad_input_shows_the_field_error_and_keeps_what_was_typed()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        await OpenLicenseAsync(page, "Copperleaf Bistro");

        await page.GetByLabel("Units per license").FillAsync("abc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-valmsg-for='Input.Units']")).ToContainTextAsync("not a valid value");
        await Assertions.Expect(page.GetByLabel("Units per license")).ToHaveValueAsync("abc");
        await BrowserPortal.ScreenshotAsync(page, "license-bad-input");
        await page.Context.CloseAsync();
    }
}
