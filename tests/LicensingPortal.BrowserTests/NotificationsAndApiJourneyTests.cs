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
    public async Task Bulk_change_previews_what_would_change_and_what_is_refused_R22()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        await page.GotoAsync("/customers/bulk-change");
        await page.Locator("#Input_ServicePlanId").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await page.GetByLabel("Notify days before expiry").FillAsync("45");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await Assertions.Expect(page.Locator("#apply, .alert").First).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(page, "bulk-change-preview");
        await Accessibility.AssertNoSeriousViolationsAsync(page);
        await page.Context.CloseAsync();
    }
}
