using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>The bell and its notifications (R20), the API Keys page (R21) and the bulk change preview (R22), in a browser.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NotificationsAndApiJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task The_bell_counts_a_renewal_warning_and_opening_it_leads_to_the_license_R20()
    {
        using (var scope = portal.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<NotificationJob>().RunOnceAsync(TestContext.Current.CancellationToken);
        }

        var page = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        await Assertions.Expect(page.GetByTestId("unread-count")).ToBeVisibleAsync();
        await page.GetByTestId("bell").ClickAsync();
        var renewal = page.GetByTestId("notifications").GetByRole(AriaRole.Button, new() { Name = "Cedar Law Group" });
        await Assertions.Expect(renewal.First).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "notifications");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        await renewal.First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 2, Name = "Service plan settings" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task An_administrator_creates_an_API_key_that_is_shown_once_R21()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        await page.GotoAsync("/api-keys");
        await page.GetByLabel("Name (which system uses it)").FillAsync("Billing sync");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();

        await Assertions.Expect(page.GetByLabel("The new API key")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("^lp_"));
        await BrowserPortal.ScreenshotAsync(page, "api-keys");
        await page.GotoAsync("/api-keys");
        await Assertions.Expect(page.GetByLabel("The new API key")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Revoke Billing sync" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Bulk_change_previews_then_applies_the_ticked_licenses_with_a_progress_bar_R22()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        await page.GotoAsync("/customers/bulk-change");
        var plan = await page.Locator("#Input_ServicePlanId option", new() { HasTextString = "Email Security Standard – 12 months" }).GetAttributeAsync("value");
        await page.Locator("#Input_ServicePlanId").SelectOptionAsync(plan!);
        await page.GetByLabel("Notify days before expiry").FillAsync("46");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }).ClickAsync();

        await Assertions.Expect(page.Locator("#apply")).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "bulk-change-preview");
        await Accessibility.AssertNoSeriousViolationsAsync(page);

        // Leave the first license out, apply the others: the progress bar counts them and each row shows its outcome.
        var ticks = page.Locator("#bulk-report input[type=checkbox]");
        var ticked = await ticks.CountAsync();
        Assert.True(ticked >= 2, "the plan has at least two licenses that would change");
        var leftOut = await page.Locator("#bulk-report tbody tr", new() { Has = page.Locator("input[type=checkbox]") }).First.GetAttributeAsync("data-license");
        await ticks.First.UncheckAsync();
        await page.Locator("#apply").ClickAsync();

        await Assertions.Expect(page.Locator("#bulk-progress-text")).ToHaveTextAsync($"Applied {ticked - 1} of {ticked - 1} licenses");
        await Assertions.Expect(page.Locator("#bulk-summary")).ToContainTextAsync($"Applied: {ticked - 1} changed");
        await Assertions.Expect(page.Locator($"tr[data-license='{leftOut}'] [data-outcome]")).ToHaveTextAsync("Left out");
        await BrowserPortal.ScreenshotAsync(page, "bulk-change-applied");

        using var scope = portal.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LicensingPortal.Infrastructure.Persistence.PortalDbContext>();
        var changed = db.CustomerLicenses.Where(l => l.ServicePlanId == Guid.Parse(plan!) && l.NotifyDaysBefore == 46).Select(l => l.Id).ToList();
        Assert.Equal(ticked - 1, changed.Count);
        Assert.DoesNotContain(Guid.Parse(leftOut!), changed);
        await page.Context.CloseAsync();
    }
}
