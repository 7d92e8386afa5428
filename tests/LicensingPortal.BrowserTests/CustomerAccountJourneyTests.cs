using System.Globalization;
using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>
/// R25 as the issue tells it: the MSP brands its pages and invites a customer's administrator, who signs in, sees its
/// licenses in the MSP's colours and asks for more units; the MSP approves for the first of next month and the scheduler
/// applies it. A customer of its own (the demo's are read by other journeys); the clock is put back after.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomerAccountJourneyTests(BrowserPortal portal)
{
    private const string BrandName = "Contoso Care Desk";
    private const string BrandColour = "#1d5c4d";
    private const string CustomerName = "Harbourview Dental Group";
    private const string CustomerEmail = "it@harbourview-dental.example";
    private const string CustomerPassword = "Harbourview-Molar-Tide-58";

    /// <summary>
    /// R25 at phone width (390 px): My licenses shows each license as a card, so nothing is wider than the screen, not even
    /// inside a scroll container; a license's page and My requests fit too.
    /// </summary>
    [Fact]
    public async Task On_a_phone_my_licenses_fits_the_width_without_sideways_scrolling_R25()
    {
        var customer = await portal.SignedInPageAsync(DemoAccounts.MspCustomerAdmin, width: PhoneWidth.Pixels);
        await customer.GotoAsync("/my/licenses");
        await Assertions.Expect(customer.Locator("[data-license]").First).ToBeVisibleAsync();
        await PhoneWidth.AssertFitsAsync(customer, "My licenses", "phone-my-licenses");
        var wide = await customer.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.visually-hidden')).map(e => e.tagName + (e.id ? '#' + e.id : ''))");
        Assert.True(wide.Length == 0, $"On a 390px-wide screen My licenses has elements wider than the screen: {string.Join(", ", wide.Take(10))}.");

        await customer.Locator("[data-license] a[href^='/my/licenses/']").First.ClickAsync();
        await PhoneWidth.AssertFitsAsync(customer, "a license's page", "phone-my-license");
        await customer.GotoAsync("/my/requests");
        await PhoneWidth.AssertFitsAsync(customer, "My requests", "phone-my-requests");
        await customer.Context.CloseAsync();
    }

    [Fact]
    public async Task The_MSP_invites_a_customer_admin_who_asks_for_more_units_in_the_partners_colours_and_sees_them_applied_R25()
    {
        var start = portal.Clock.GetUtcNow();
        try
        {
            var msp = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
            msp.Dialog += (_, dialog) => dialog.AcceptAsync();
            await SetBrandAsync(msp);
            await CreateCustomerWithTwoLicensesAsync(msp);
            var link = await InviteAsync(msp);

            var customer = await SetPasswordAndSignInAsync(link);
            await Assertions.Expect(customer).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/my/licenses$"));
            await Assertions.Expect(customer.GetByTestId("portal-name")).ToHaveTextAsync(BrandName);
            Assert.Equal(BrandColour, (await customer.EvaluateAsync<string>("getComputedStyle(document.body).getPropertyValue('--brand-colour')")).Trim());
            Assert.Equal("rgb(29, 92, 77)", await customer.Locator("header nav").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
            var rows = customer.Locator("#my-licenses tbody tr");
            await Assertions.Expect(rows).ToHaveCountAsync(2);
            await BrowserPortal.ScreenshotAsync(customer, "customer-my-licenses");
            await Accessibility.AssertNoSeriousViolationsAsync(customer);

            var license = rows.First;
            var plan = (await license.GetByRole(AriaRole.Link).TextContentAsync())!.Trim();
            var units = int.Parse((await license.Locator("td").Nth(2).TextContentAsync())!.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            var wanted = (units + 5).ToString(CultureInfo.InvariantCulture);
            await license.GetByRole(AriaRole.Link).ClickAsync();
            Assert.Equal("rgb(29, 92, 77)", await customer.Locator("#ask-for-change").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
            await customer.Locator("#ask-for-change").ClickAsync();
            await customer.GetByLabel("Units per license").CheckAsync();
            await customer.GetByLabel("Units you need").FillAsync(wanted);
            await customer.GetByLabel("Comment for your partner").FillAsync("Five new hygienists start next month.");
            await Assertions.Expect(customer.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).Locator("[aria-current=page]")).ToHaveTextAsync("My licenses");
            await BrowserPortal.ScreenshotAsync(customer, "customer-request");
            await Accessibility.AssertNoSeriousViolationsAsync(customer);
            await customer.GetByRole(AriaRole.Button, new() { Name = "Send the request" }).ClickAsync();
            var mine = customer.GetByTestId("request").Filter(new() { HasText = plan });
            await Assertions.Expect(mine).ToContainTextAsync($"{units} → {wanted}");
            await Assertions.Expect(mine).ToContainTextAsync("Open");

            var applyOn = FirstOfNextMonth(portal.Clock.Today);
            await ApproveAsync(msp, wanted, applyOn);

            await customer.GotoAsync("/my/licenses");
            await customer.GetByRole(AriaRole.Link, new() { Name = plan, Exact = true }).ClickAsync();
            await Assertions.Expect(customer.GetByTestId("pending-change")).ToContainTextAsync($"→ {wanted}, scheduled for {Day(applyOn)}");
            await Assertions.Expect(customer.Locator("#license-facts")).ToContainTextAsync(units.ToString("N0", CultureInfo.InvariantCulture));
            await customer.GotoAsync("/my/requests");
            await Assertions.Expect(customer.GetByTestId("request").Filter(new() { HasText = plan })).ToContainTextAsync("Approved");

            portal.Clock.Set(new DateTimeOffset(applyOn.ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero));
            await portal.Services.GetRequiredService<LicenseScheduler>().RunOnceAsync(TestContext.Current.CancellationToken);

            // A week on, the session has ended: the customer signs in again.
            await customer.Context.CloseAsync();
            customer = await portal.SignedInPageAsync(CustomerEmail, CustomerPassword);
            var applied = customer.Locator("#my-licenses tbody tr", new() { Has = customer.GetByRole(AriaRole.Link, new() { Name = plan, Exact = true }) });
            await Assertions.Expect(applied.Locator("td").Nth(2)).ToHaveTextAsync((units + 5).ToString("N0", CultureInfo.InvariantCulture));
            await Assertions.Expect(applied.Locator("td").Nth(6)).ToHaveTextAsync("—");
            await customer.Context.CloseAsync();
            await msp.Context.CloseAsync();
        }
        finally
        {
            // The other journeys of the collection read the demo data at the fixed day.
            portal.Clock.Set(start);
        }
    }

    private static async Task SetBrandAsync(IPage msp)
    {
        await msp.GotoAsync("/branding");
        await msp.GetByLabel("Display name").FillAsync(BrandName);
        await msp.GetByLabel("Brand colour", new() { Exact = true }).FillAsync(BrandColour);
        await msp.GetByRole(AriaRole.Button, new() { Name = "Save brand" }).ClickAsync();
        await Assertions.Expect(msp.GetByLabel("Display name")).ToHaveValueAsync(BrandName);
        await Assertions.Expect(msp.GetByLabel("Brand colour", new() { Exact = true })).ToHaveValueAsync(BrandColour);
        await Assertions.Expect(msp.Locator("[data-brand-preview-name]")).ToHaveTextAsync(BrandName);
        await BrowserPortal.ScreenshotAsync(msp, "branding");
    }

    private static async Task CreateCustomerWithTwoLicensesAsync(IPage msp)
    {
        await msp.GotoAsync("/customers/new");
        await msp.GetByLabel("Customer name").FillAsync(CustomerName);
        await msp.GetByLabel("Country").FillAsync("GB");
        await msp.GetByRole(AriaRole.Button, new() { Name = "Create customer" }).ClickAsync();
        await Assertions.Expect(msp.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(CustomerName);

        // Two plans with free units in Contoso's pools, each its own license.
        var plans = await msp.Locator("#servicePlanId option:not([disabled])").EvaluateAllAsync<string[]>(
            "options => options.filter(o => o.value && o.textContent.includes('units free')).map(o => o.value)");
        Assert.True(plans.Length >= 2, "Contoso has fewer than two plans with free units.");
        foreach (var plan in plans.Take(2))
        {
            await msp.Locator("#servicePlanId").SelectOptionAsync(plan);
            await msp.GetByLabel("Units", new() { Exact = true }).FillAsync("10");
            await msp.GetByRole(AriaRole.Button, new() { Name = "Assign plan" }).ClickAsync();
            await Assertions.Expect(msp.Locator("[data-testid=licenses] tbody tr")).ToHaveCountAsync(Array.IndexOf(plans, plan) + 1);
        }
    }

    private static async Task<string> InviteAsync(IPage msp)
    {
        await msp.GetByRole(AriaRole.Link, new() { Name = "Accounts", Exact = true }).ClickAsync();
        await msp.GetByLabel("Name", new() { Exact = true }).FillAsync("Priya Shah");
        await msp.GetByLabel("Email").FillAsync(CustomerEmail);
        await msp.GetByLabel("Customer Administrator").CheckAsync();
        await msp.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        var link = await msp.Locator("#set-password-link input").InputValueAsync();
        await Assertions.Expect(msp.Locator("#accounts tr[data-account='" + CustomerEmail + "']")).ToContainTextAsync("Customer Administrator");
        await BrowserPortal.ScreenshotAsync(msp, "customer-accounts");
        return link;
    }

    private async Task<IPage> SetPasswordAndSignInAsync(string link)
    {
        var context = await portal.Browser.NewContextAsync(new() { BaseURL = portal.BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(link).PathAndQuery);
        await page.GetByLabel("New password").FillAsync(CustomerPassword);
        await page.GetByLabel("Repeat the password").FillAsync(CustomerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/sign-in"));
        await context.CloseAsync();
        return await portal.SignedInPageAsync(CustomerEmail, CustomerPassword);
    }

    private static async Task ApproveAsync(IPage msp, string wanted, DateOnly applyOn)
    {
        await msp.GotoAsync("/customers");
        var menu = msp.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Customers") });
        await Assertions.Expect(menu).ToContainTextAsync("open change requests");
        await msp.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Change requests") }).ClickAsync();
        var request = msp.GetByTestId("request").Filter(new() { HasText = CustomerName });
        await Assertions.Expect(request).ToContainTextAsync($"→ {wanted}");
        await Assertions.Expect(request).ToContainTextAsync("Five new hygienists start next month.");
        await request.GetByLabel("Apply on").CheckAsync();
        await request.GetByLabel("Date to apply the change").FillAsync(Day(applyOn));
        await msp.GetByRole(AriaRole.Heading, new() { Level = 1 }).ClickAsync();
        await BrowserPortal.ScreenshotAsync(msp, "partner-requests-queue");
        await request.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Assertions.Expect(msp.GetByTestId("request").Filter(new() { HasText = CustomerName })).ToContainTextAsync("Approved");
    }

    private static DateOnly FirstOfNextMonth(DateOnly today) => new DateOnly(today.Year, today.Month, 1).AddMonths(1);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
