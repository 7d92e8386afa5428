using System.Globalization;
using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>
/// R23 as the issue saw it in a browser: edits saved after scheduling a change are still there once it applies.
/// The nightly job runs a week on (no other demo license falls due by then) and the clock is put back after.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PendingChangeJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task Expiry_and_notification_saved_after_scheduling_units_survive_when_the_change_applies_R23()
    {
        var start = portal.Clock.GetUtcNow();
        try
        {
            var page = await OpenAsync("Riverbend Architects");
            var units = int.Parse(await page.GetByLabel("Units per license").InputValueAsync(), CultureInfo.InvariantCulture);
            var expires = DateOnly.ParseExact(await page.GetByLabel("License expiration date").InputValueAsync(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var applyOn = Day(portal.Clock.Today.AddDays(7));

            await page.GetByLabel("Units per license").FillAsync((units + 1).ToString(CultureInfo.InvariantCulture));
            await page.GetByLabel("On a specified date").CheckAsync();
            await page.GetByLabel("Date", new() { Exact = true }).FillAsync(applyOn);
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("scheduled-Units")).ToContainTextAsync($"→ {units + 1} on {applyOn}");

            var extended = Day(expires.AddMonths(3));
            await page.GetByLabel("License expiration date").FillAsync(extended);
            await page.GetByLabel("Expiration notification (days before)").FillAsync("60");
            await page.GetByLabel("Immediately").CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
            await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("saved");
            await Assertions.Expect(page.GetByTestId("pending-change")).ToContainTextAsync($"Units → {units + 1}");
            await BrowserPortal.ScreenshotAsync(page, "license-pending-value");
            await page.Context.CloseAsync();

            portal.Clock.AdvanceDays(7);
            await portal.Services.GetRequiredService<LicenseScheduler>().RunOnceAsync(TestContext.Current.CancellationToken);

            var after = await OpenAsync("Riverbend Architects");
            await Assertions.Expect(after.GetByLabel("Units per license")).ToHaveValueAsync((units + 1).ToString(CultureInfo.InvariantCulture));
            await Assertions.Expect(after.GetByLabel("License expiration date")).ToHaveValueAsync(extended);
            await Assertions.Expect(after.GetByLabel("Expiration notification (days before)")).ToHaveValueAsync("60");
            await Assertions.Expect(after.GetByTestId("pending-change")).ToHaveCountAsync(0);
            await after.Context.CloseAsync();
        }
        finally
        {
            // The other journeys of the collection read the demo data at the fixed day.
            portal.Clock.Set(start);
        }
    }

    private async Task<IPage> OpenAsync(string customer)
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        await page.GotoAsync($"/customers?q={Uri.EscapeDataString(customer)}");
        await page.GetByRole(AriaRole.Link, new() { Name = customer, Exact = true }).ClickAsync();
        await page.Locator("[data-testid=licenses] tbody tr a").First.ClickAsync();
        return page;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
