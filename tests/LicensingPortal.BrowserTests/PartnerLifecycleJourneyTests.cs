using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>A partner's whole life in a browser: created, licensed, refilled, a license disabled, canceled (R10–R12).</summary>
[Collection(BrowserCollection.Name)]
public sealed class PartnerLifecycleJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task Create_an_MSP_assign_licenses_toggle_refill_disable_a_license_and_cancel_it()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.ProviderAdmin);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        const string name = "Bluebird IT Services";

        await page.GotoAsync("/partners");
        await page.GetByRole(AriaRole.Link, new() { Name = "Create partner" }).ClickAsync();
        await page.GetByLabel("MSP", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("Contact name").FillAsync("Dana Bluebird");
        await page.GetByLabel("Contact email").FillAsync("dana@bluebird.example");
        await page.GetByLabel("Country (2 letters)").FillAsync("US");
        await page.GetByLabel("Administrator name").FillAsync("Dana Bluebird");
        await page.GetByLabel("Administrator email").FillAsync("admin@bluebird.example");
        await page.GetByLabel("Initial password (optional)").FillAsync("Bluebird-Harbor-Lights-42");
        await BrowserPortal.ScreenshotAsync(page, "partner-create");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create partner" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(name);
        await Assertions.Expect(page.Locator("#partner-banner")).ToContainTextAsync("Active");

        await page.Locator("[data-tab=licenses]").ClickAsync();
        await page.Locator("#ServiceLevelId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Units").FillAsync("250");
        await page.GetByRole(AriaRole.Button, new() { Name = "Assign Licenses" }).ClickAsync();
        var pool = page.Locator("#pools tbody tr[data-pool]");
        await Assertions.Expect(pool).ToHaveCountAsync(1);
        await Assertions.Expect(pool.Locator("[data-units=total]")).ToHaveTextAsync("250");

        await page.GetByRole(AriaRole.Button, new() { Name = "Turn refill on" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Turn refill off" })).ToBeVisibleAsync();

        await pool.Locator("input[name=poolIds]").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Disable Licenses" }).ClickAsync();
        await Assertions.Expect(page.Locator("#pools tbody tr[data-pool]")).ToContainTextAsync("Disabled");
        await BrowserPortal.ScreenshotAsync(page, "partner-new-licenses");

        await page.Locator("[data-tab=profile]").ClickAsync();
        await page.GetByLabel("To cancel, type the partner's name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel partner (irreversible)" }).ClickAsync();
        await Assertions.Expect(page.Locator("#partner-banner")).ToContainTextAsync("Canceled");
        foreach (var tab in new[] { "licenses", "accounts", "profile" })
        {
            await page.Locator($"[data-tab={tab}]").ClickAsync();
            await Assertions.Expect(page.Locator("main button[type=submit]:not([disabled])")).ToHaveCountAsync(0);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Cancel_asks_for_the_partners_name_and_a_wrong_one_keeps_the_partner_active()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.ProviderAdmin);
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GotoAsync("/partners");
        await page.GetByRole(AriaRole.Link, new() { Name = "Fabrikam Resellers", Exact = true }).ClickAsync();
        await page.Locator("[data-tab=profile]").ClickAsync();

        await page.GetByLabel("To cancel, type the partner's name").FillAsync("Fabrikam");
        await page.GetByRole(AriaRole.Button, new() { Name = "Cancel partner (irreversible)" }).ClickAsync();

        await Assertions.Expect(page.Locator("#partner-banner")).ToContainTextAsync("Active");
        await Assertions.Expect(page.GetByLabel("To cancel, type the partner's name")).ToHaveValueAsync("Fabrikam");
        await Assertions.Expect(page.Locator("#profile .text-danger, .text-danger")).Not.ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
