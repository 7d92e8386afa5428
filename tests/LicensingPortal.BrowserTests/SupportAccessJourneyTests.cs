using System.Text.RegularExpressions;
using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>
/// R26 as the issue tells it: the provider's support engineer opens Contoso's portal from its partner page with a
/// reason, sees the banner on every page (whose view, time left, End), ends the session and is back on the partner page;
/// Contoso's administrator sees it on Support access. The new pages pass axe.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SupportAccessJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task Support_views_a_partners_portal_with_a_banner_and_ends_the_session_R26()
    {
        // The provider's administrator (also allowed to start sessions): the two-factor journey enrols the support engineer in this shared app.
        var support = await portal.SignedInPageAsync(DemoAccounts.ProviderAdmin);
        await support.GotoAsync("/partners");
        await support.GetByRole(AriaRole.Link, new() { Name = "Contoso Managed Services", Exact = true }).First.ClickAsync();
        var partnerPage = support.Url;
        await support.Locator("#view-as-link").ClickAsync();
        await Assertions.Expect(support.GetByRole(AriaRole.Heading, new() { Name = "View Contoso Managed Services's portal" })).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(support);

        await support.GetByLabel("Reason (the company sees it)").FillAsync("Ticket 4711: the Contoso pool figures look wrong");
        await support.GetByLabel("Duration in minutes (at most 60)").FillAsync("20");
        await support.GetByRole(AriaRole.Button, new() { Name = "Start the session" }).ClickAsync();

        var banner = support.Locator("#support-banner");
        await Assertions.Expect(banner).ToContainTextAsync("Contoso Managed Services");
        await Assertions.Expect(banner).ToContainTextAsync("read-only");
        await Assertions.Expect(support.Locator("#support-time-left")).ToContainTextAsync("Ends in 20 minutes");
        await BrowserPortal.ScreenshotAsync(support, "support-session-banner");
        await Accessibility.AssertNoSeriousViolationsAsync(support);
        await support.GotoAsync("/customers");
        await Assertions.Expect(banner).ToBeVisibleAsync();

        await support.GetByRole(AriaRole.Button, new() { Name = "End", Exact = true }).ClickAsync();
        await Assertions.Expect(support).ToHaveURLAsync(new Regex(Regex.Escape(partnerPage) + "$"));
        await Assertions.Expect(banner).ToHaveCountAsync(0);
        await support.Context.CloseAsync();

        var admin = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        await admin.GotoAsync("/support-access");
        await Assertions.Expect(admin.Locator("#past-sessions")).ToContainTextAsync("Ticket 4711: the Contoso pool figures look wrong");
        await Accessibility.AssertNoSeriousViolationsAsync(admin);
        await admin.Context.CloseAsync();
    }
}
