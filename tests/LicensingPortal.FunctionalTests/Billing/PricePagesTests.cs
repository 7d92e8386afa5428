using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using LicensingPortal.Application.Billing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.FunctionalTests.ServicePlans;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>
/// R24 prices through the pages: the provider's price list and a plan's prices page, a partner's prices, an MSP's resale
/// prices and each plan's charging policy. Each test prices its own demo plan, so the tests of the class share one app.
/// </summary>
public sealed class PricePagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private DateOnly Today => factory.Clock.Today;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, string> Price(string unitPrice, DateOnly from, string period = "Monthly") => new()
    {
        ["Input.Period"] = period,
        ["Input.UnitPrice"] = unitPrice,
        ["Input.EffectiveFrom"] = Day(from),
    };

    /// <summary>Sets a list price on the plan's prices page as the provider's administrator, and follows the redirect.</summary>
    private async Task<IHtmlDocument> SetListPriceAsync(PortalClient admin, Guid planId, string unitPrice, DateOnly from)
    {
        var response = await admin.SubmitAsync(await admin.GetPageAsync($"/prices/plan/{planId}"), "#set-price", Price(unitPrice, from));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await admin.GetPageAsync(response.Headers.Location!.OriginalString);
    }

    private async Task<Dictionary<string, string>> FingerprintAsync()
    {
        await using var db = factory.CreateDbContext();
        return new Dictionary<string, string>(await DatabaseFingerprint.OfAsync(db));
    }

    [Fact]
    public async Task R24_the_provider_sets_a_list_price_from_today_and_a_later_one_and_the_price_list_shows_both_with_the_history()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var plan = await factory.PlanIdAsync("Northwind WFBSS Standard – 12 months");

        var first = await admin.SubmitAsync(await admin.GetPageAsync("/prices"), "#set-price", new(Price("10.00", Today)) { ["Input.PlanId"] = plan.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var afterFirst = await admin.GetPageAsync(first.Headers.Location!.OriginalString);
        Assert.Contains($"the list price is 10.00 USD a month from {Day(Today)}", afterFirst.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        var later = await admin.SubmitAsync(afterFirst, "#set-price", new(Price("126.00", Today.AddDays(10), "Yearly")) { ["Input.PlanId"] = plan.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, later.StatusCode);

        var list = await admin.GetPageAsync("/prices");
        var row = list.QuerySelector($"#price-list tr[data-plan-id='{plan}']")!;
        Assert.Equal("10.00 USD a month", row.QuerySelector("[data-column=list] [data-price]")?.TextContent);
        Assert.Contains($"since {Day(Today)}", row.QuerySelector("[data-column=list]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("126.00 USD a year", row.QuerySelector("[data-column=scheduled]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains($"from {Day(Today.AddDays(10))}", row.QuerySelector("[data-column=scheduled]")?.TextContent, StringComparison.Ordinal);
        // The demo's price from two years ago is kept: the days it was in force were charged at it.
        Assert.Equal(["Scheduled", "InForce", "Replaced"], row.QuerySelectorAll("details[data-history] tr[data-state]").Select(r => r.GetAttribute("data-state")));

        var audit = await factory.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "PlanPriceSet" && a.EntityId == plan.ToString()).OrderBy(a => a.At).ThenBy(a => a.Id).ToListAsync());
        Assert.Equal([$"10.00 USD a month from {Day(Today)}", $"126.00 USD a year from {Day(Today.AddDays(10))}"], audit.Select(a => a.After));
        Assert.StartsWith("3.60 USD a month from ", audit[0].Before, StringComparison.Ordinal);
        Assert.Equal(audit[0].After, audit[1].Before);
        Assert.All(audit, a => Assert.Equal("Paula Provider", a.ActorName));
    }

    [Fact]
    public async Task R24_a_price_from_a_day_that_has_passed_is_refused_next_to_its_date_keeps_what_was_typed_and_saves_nothing()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var plan = await factory.PlanIdAsync("Northwind WFBSS Advanced – 12 months");
        var before = await FingerprintAsync();

        var response = await admin.SubmitAsync(await admin.GetPageAsync($"/prices/plan/{plan}"), "#set-price", Price("11.00", Today.AddDays(-1)));
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(
            $"A price takes effect today ({Day(Today)}) or later; {Day(Today.AddDays(-1))} has passed.",
            page.QuerySelector("span[data-valmsg-for='Input.EffectiveFrom']")?.TextContent);
        Assert.Equal("11.00", page.QuerySelector("input[name='Input.UnitPrice']")?.GetAttribute("value"));
        Assert.Equal(Day(Today.AddDays(-1)), page.QuerySelector("input[name='Input.EffectiveFrom']")?.GetAttribute("value"));
        Assert.Equal(before, await FingerprintAsync());
    }

    public static TheoryData<string, string> NotPrices => new()
    {
        { "-1", "A price cannot be negative." },
        { "1000000.01", "A unit price must be at most 1,000,000 USD." },
        { "99999999999999999999", "A unit price must be at most 1,000,000 USD." },
        { "9.999", "USD prices have at most 2 decimals." },
        { "", "Enter the unit price." },
    };

    [Theory]
    [MemberData(nameof(NotPrices))]
    public async Task R18_a_unit_price_that_is_not_a_price_is_refused_next_to_the_field_and_saves_nothing(string typed, string message)
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var plan = await factory.PlanIdAsync("Northwind WFBSS Advanced – 12 months");
        var before = await FingerprintAsync();

        var response = await admin.SubmitAsync(await admin.GetPageAsync("/prices"), "#set-price", new(Price(typed, Today)) { ["Input.PlanId"] = plan.ToString() });
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(message, page.QuerySelector("span[data-valmsg-for='Input.UnitPrice']")?.TextContent);
        Assert.Equal(plan.ToString(), (page.QuerySelector("select[name='Input.PlanId']") as IHtmlSelectElement)?.Value);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task R24_a_trial_plan_is_free_so_a_crafted_price_for_it_is_refused_as_the_page_that_does_not_list_it()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var trial = await factory.PlanIdAsync("WFBSS Trial – 30 days");
        var list = await admin.GetPageAsync("/prices");
        var before = await FingerprintAsync();

        var response = await admin.PostAsync("/prices", new(Price("5.00", Today)) { ["Input.PlanId"] = trial.ToString() }, PortalClient.AntiforgeryToken(list));
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Null(list.QuerySelector($"option[value='{trial}']"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("its licenses are free, so it takes no price", page.QuerySelector("span[data-valmsg-for='Input.PlanId']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync());
        await admin.GetPageAsync($"/prices/plan/{trial}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task R24_a_partners_discount_is_its_cost_on_its_own_price_list_and_no_other_partner_sees_it()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var contoso = await factory.CompanyIdAsync("Contoso Managed Services");
        var plan = await factory.PlanIdAsync("Cloud App Security – 12 months");
        await SetListPriceAsync(admin, plan, "20.00", Today);

        var partnerPage = await admin.GetPageAsync($"/partners/{contoso}");
        Assert.Equal($"/prices/partner/{contoso}", partnerPage.QuerySelector("#partner-prices-link")?.GetAttribute("href"));
        var set = await admin.SubmitAsync(await admin.GetPageAsync($"/prices/partner/{contoso}"), "#set-partner-price", new()
        {
            ["Input.PlanId"] = plan.ToString(),
            ["Input.DiscountPercent"] = "12.5",
            ["Input.EffectiveFrom"] = Day(Today),
        });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var prices = await admin.GetPageAsync(set.Headers.Location!.OriginalString);
        Assert.Contains($"Contoso Managed Services pays 12.5% off the list price for Cloud App Security – 12 months from {Day(Today)}.", prices.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("17.50 USD a month", prices.QuerySelector($"#partner-costs tr[data-plan-id='{plan}'] [data-cost]")?.TextContent);

        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var own = (await msp.GetPageAsync("/prices")).QuerySelector($"#price-list tr[data-plan-id='{plan}']")!;
        Assert.Equal("17.50 USD a month", own.QuerySelector("[data-cost]")?.TextContent);
        Assert.Contains("12.5% off the list price", own.QuerySelector("[data-column=cost]")?.TextContent, StringComparison.Ordinal);

        // The reseller sells its provider's plans at the list price: Contoso's price is nowhere on its pages.
        var reseller = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var resellerList = await reseller.GetPageAsync("/prices");
        Assert.DoesNotContain("12.5%", resellerList.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(resellerList.QuerySelector($"tr[data-plan-id='{plan}']"));
        await reseller.GetPageAsync($"/prices/plan/{plan}", HttpStatusCode.NotFound);
        await msp.GetPageAsync($"/prices/partner/{contoso}", HttpStatusCode.NotFound);
        await msp.GetPageAsync($"/prices/partner/{await factory.CompanyIdAsync("Fabrikam Resellers")}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task R24_an_MSP_sets_its_customers_price_and_sees_its_margin_over_its_cost_which_the_provider_does_not_see()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var contoso = await factory.CompanyIdAsync("Contoso Managed Services");
        var plan = await factory.PlanIdAsync("Email Security Standard – 12 months");
        await SetListPriceAsync(admin, plan, "10.00", Today);
        var own = await admin.SubmitAsync(await admin.GetPageAsync($"/prices/partner/{contoso}"), "#set-partner-price", new()
        {
            ["Input.PlanId"] = plan.ToString(),
            ["Input.UnitPrice"] = "8.00",
            ["Input.EffectiveFrom"] = Day(Today),
        });
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);

        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var resale = await msp.SubmitAsync(await msp.GetPageAsync($"/prices/plan/{plan}"), "#set-price", Price("12.00", Today));
        Assert.Equal(HttpStatusCode.Redirect, resale.StatusCode);
        var page = await msp.GetPageAsync(resale.Headers.Location!.OriginalString);

        Assert.Contains($"your customers' price is 12.00 USD a month from {Day(Today)}", page.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("8.00 USD a month", page.QuerySelector("#cost [data-cost]")?.TextContent);
        Assert.Equal("12.00 USD a month", page.QuerySelector("#resale-price [data-price]")?.TextContent);
        Assert.Equal("4.00 USD a unit a month", page.QuerySelector("#margin")?.TextContent);
        Assert.Contains(await factory.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "ResalePriceSet" && a.CompanyId == contoso).Select(a => a.After).ToListAsync()),
            a => a == $"12.00 USD a month from {Day(Today)}");

        var providerView = await admin.GetPageAsync($"/prices/plan/{plan}");
        Assert.Equal("10.00 USD a month", providerView.QuerySelector("#list-price [data-price]")?.TextContent);
        Assert.DoesNotContain("12.00 USD", providerView.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R1_R17_a_partner_posting_to_the_providers_price_routes_or_a_reseller_to_resale_is_refused_as_not_found_and_nothing_changes()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var reseller = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var support = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderSupport);
        var ownPlan = await factory.PlanIdAsync("WFBSS Standard – 24 months");
        var providerPlan = await factory.PlanIdAsync("Northwind Email Security – 12 months");
        var contoso = await factory.CompanyIdAsync("Contoso Managed Services");
        var fabrikam = await factory.CompanyIdAsync("Fabrikam Resellers");
        var price = new Dictionary<string, string>(Price("9.00", Today)) { ["Input.PlanId"] = ownPlan.ToString() };
        var discount = new Dictionary<string, string> { ["Input.DiscountPercent"] = "50", ["Input.EffectiveFrom"] = Day(Today) };
        var before = await FingerprintAsync();

        var refused = new List<(string Who, string Url, HttpStatusCode Status)>();
        async Task Post(string who, PortalClient client, string url, Dictionary<string, string> fields) =>
            refused.Add((who, url, (await client.PostAsync(url, fields, PortalClient.AntiforgeryToken(await client.GetPageAsync("/")))).StatusCode));
        await Post("msp", msp, "/prices", price);
        await Post("msp", msp, $"/prices/plan/{ownPlan}", price);
        await Post("msp", msp, $"/prices/plan/{providerPlan}", price);
        await Post("msp", msp, $"/prices/plan/{providerPlan}/resale", price);
        await Post("msp", msp, $"/prices/plan/{providerPlan}/charging-policy", new() { ["Policy.ChargingPolicy"] = "Used", ["Policy.Version"] = "0" });
        await Post("msp", msp, $"/prices/partner/{contoso}", discount);
        await Post("msp", msp, $"/prices/partner/{fabrikam}", discount);
        await Post("msp with a malformed price", msp, "/prices", new(price) { ["Input.UnitPrice"] = "abc" });
        await Post("reseller", reseller, "/prices/resale", new(price) { ["Input.PlanId"] = providerPlan.ToString() });
        await Post("provider", admin, "/prices/resale", price);
        await Post("provider", admin, $"/prices/plan/{ownPlan}/resale", price);
        await Post("provider support", support, "/prices", new(price) { ["Input.PlanId"] = providerPlan.ToString() });

        Assert.All(refused, r => Assert.True(r.Status == HttpStatusCode.NotFound, $"{r.Who} POST {r.Url}: {(int)r.Status}, not 404"));
        Assert.Equal(before, await FingerprintAsync());

        // What the pages offer says the same: no list-price form for the MSP, no prices at all for a read-only support engineer.
        Assert.Equal("/prices/resale", (await msp.GetPageAsync("/prices")).QuerySelector("#set-price")?.GetAttribute("action"));
        Assert.Null((await reseller.GetPageAsync("/prices")).QuerySelector("#set-price"));
        await support.GetPageAsync("/prices", HttpStatusCode.NotFound);
        Assert.Null((await support.GetPageAsync("/service-plans")).QuerySelector("#prices-link"));
    }

    [Fact]
    public async Task R19_a_charging_policy_saved_over_someone_elses_change_is_refused_and_theirs_stays()
    {
        var first = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var second = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var plan = await factory.PlanIdAsync("Northwind Endpoint Encryption – 12 months");
        var firstForm = await first.GetPageAsync($"/prices/plan/{plan}");
        var secondForm = await second.GetPageAsync($"/prices/plan/{plan}");

        var saved = await first.SubmitAsync(firstForm, "#charging-policy", new() { ["Policy.ChargingPolicy"] = "Used" });
        var late = await second.SubmitAsync(secondForm, "#charging-policy", new() { ["Policy.ChargingPolicy"] = "GreaterOfProvisionedAndUsed" });
        var latePage = await PortalClient.ParseAsync(await late.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
        Assert.Contains("changed by someone else", latePage.QuerySelector("#errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(ChargingPolicy.Used, await factory.QueryAsync(db => db.ServicePlans.Where(p => p.Id == plan).Select(p => p.ChargingPolicy).SingleAsync()));
        var audit = await factory.QueryAsync(db => db.AuditEntries.Where(a => a.Action == "ChargingPolicyChanged" && a.EntityId == plan.ToString()).ToListAsync());
        Assert.Equal([(SetChargingPolicy.Describe(ChargingPolicy.Provisioned), SetChargingPolicy.Describe(ChargingPolicy.Used))], audit.Select(a => (a.Before, a.After)));
    }

    [Fact]
    public async Task R24_the_provider_sets_the_charging_policy_of_an_MSPs_plan_and_the_MSP_reads_it()
    {
        var mspPlan = await factory.PlanIdAsync("WFBSS Advanced – 12 months");
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var mspPage = await msp.GetPageAsync($"/prices/plan/{mspPlan}");
        var before = await FingerprintAsync();

        var crafted = await msp.PostAsync($"/prices/plan/{mspPlan}/charging-policy", new() { ["Policy.ChargingPolicy"] = "Used", ["Policy.Version"] = "0" }, PortalClient.AntiforgeryToken(mspPage));
        var refused = await PortalClient.ParseAsync(await crafted.Content.ReadAsStringAsync());

        Assert.Null(mspPage.QuerySelector("#charging-policy"));
        Assert.Equal("Provisioned, set by your provider: it decides what you are billed", mspPage.QuerySelector("#charging-policy-value")?.TextContent);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, crafted.StatusCode);
        Assert.Contains("Your provider sets which units a plan charges for", refused.QuerySelector("#errors")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await FingerprintAsync());

        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var saved = await admin.SubmitAsync(await admin.GetPageAsync($"/prices/plan/{mspPlan}"), "#charging-policy", new() { ["Policy.ChargingPolicy"] = "GreaterOfProvisionedAndUsed" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(ChargingPolicy.GreaterOfProvisionedAndUsed, await factory.QueryAsync(db => db.ServicePlans.Where(p => p.Id == mspPlan).Select(p => p.ChargingPolicy).SingleAsync()));
        var contoso = await factory.QueryAsync(db => db.ServicePlans.Where(p => p.Id == mspPlan).Select(p => p.OwnerId).SingleAsync());
        Assert.Equal(1, await factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "ChargingPolicyChanged" && a.EntityId == mspPlan.ToString() && a.CompanyId == contoso)));
    }

    [Fact]
    public async Task R24_the_price_list_is_reached_from_service_plans_and_a_plans_page()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var plan = await factory.PlanIdAsync("Northwind Cloud App Security – 12 months");

        Assert.Equal("/prices", (await admin.GetPageAsync("/service-plans")).QuerySelector("#prices-link a")?.GetAttribute("href"));
        Assert.Equal($"/prices/plan/{plan}", (await admin.GetPageAsync($"/service-plans/{plan}")).QuerySelector("#plan-prices-link")?.GetAttribute("href"));
        Assert.NotNull((await admin.GetPageAsync("/prices")).QuerySelector($"#price-list a[href='/prices/plan/{plan}']"));
    }
}
