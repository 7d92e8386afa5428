using System.Net;
using LicensingPortal.Domain.Products;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.ServicePlans;

public sealed class ServicePlanFormTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<Dictionary<string, string>> ValidFieldsAsync(string name)
    {
        var (productId, levelId) = await factory.ProductAsync("Worry-Free Business Security Services");
        return new()
        {
            ["Name"] = name,
            ["ProductId"] = productId.ToString(),
            ["ServiceLevelId"] = levelId.ToString(),
            ["LicenseType"] = "Full",
            ["PeriodLength"] = "12",
            ["PeriodUnit"] = "Months",
            ["UnitsPerLicense"] = "10",
            ["AutoRenewDefault"] = "true",
            ["Version"] = "0",
        };
    }

    public static TheoryData<string, string, string, string> BadInput => new()
    {
        // field to change, typed value, field the message is next to, words of the message
        { "Name", "", "Name", "Enter a name" },
        { "Name", new string('x', 151), "Name", "at most 150 characters; it has 151" },
        { "Name", "WFBSS standard – 12 MONTHS", "Name", "already have a service plan named" },
        { "PeriodLength", "0", "PeriodLength", "between 1 and 66 months; 0 was entered" },
        { "PeriodLength", "67", "PeriodLength", "between 1 and 66 months; 67 was entered" },
        { "UnitsPerLicense", "0", "UnitsPerLicense", "between 1 and 999,999; 0 was entered" },
        { "UnitsPerLicense", "1000000", "UnitsPerLicense", "between 1 and 999,999; 1,000,000 was entered" },
        { "LicenseType", "Trial", "PeriodLength", "A trial plan lasts 30 days" },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_plan_input_gets_a_message_next_to_the_field_keeps_what_was_typed_and_saves_nothing_R18(string field, string value, string messageField, string message)
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var fields = await ValidFieldsAsync("Bad input plan");
        fields[field] = value;
        var before = await factory.QueryAsync(db => db.ServicePlans.CountAsync());

        var response = await client.PostFormAsync("/service-plans/new", "/service-plans/new", fields);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, page.QuerySelector($"span[data-valmsg-for={messageField}]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(fields["Name"], page.QuerySelector("input[name=Name]")?.GetAttribute("value"));
        Assert.Equal(fields["PeriodLength"], page.QuerySelector("input[name=PeriodLength]")?.GetAttribute("value"));
        Assert.Equal(fields["UnitsPerLicense"], page.QuerySelector("input[name=UnitsPerLicense]")?.GetAttribute("value"));
        Assert.Equal(before, await factory.QueryAsync(db => db.ServicePlans.CountAsync()));
    }

    [Fact]
    public async Task An_MSP_cannot_build_a_plan_from_a_product_it_has_no_license_for_R12()
    {
        await using (var db = factory.StartedDbContext())
        {
            if (!await db.Products.AnyAsync(p => p.Name == "Deep Security"))
            {
                db.Products.Add(Product.Create("Deep Security", ["Standard"]));
                await db.SaveChangesAsync();
            }
        }

        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var (productId, levelId) = await factory.ProductAsync("Deep Security");
        var fields = await ValidFieldsAsync("Deep Security – 12 months");
        fields["ProductId"] = productId.ToString();
        fields["ServiceLevelId"] = levelId.ToString();

        var form = await client.GetPageAsync("/service-plans/new");
        var response = await client.PostAsync("/service-plans/new", fields, PortalClient.AntiforgeryToken(form));
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Null(form.QuerySelector($"option[value='{productId}']"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no licenses of Deep Security", page.QuerySelector("span[data-valmsg-for=ProductId]")?.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.ServicePlans.AnyAsync(p => p.ProductId == productId)));
    }

    [Fact]
    public async Task An_MSP_creates_a_plan_that_is_listed_with_its_definition()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var fields = await ValidFieldsAsync("WFBSS Standard – 36 months");
        fields["PeriodLength"] = "36";

        var response = await client.PostFormAsync("/service-plans/new", "/service-plans/new", fields);
        var list = await client.GetPageAsync("/service-plans?q=36+months");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var row = Assert.Single(list.QuerySelectorAll("#plans tbody tr"));
        Assert.Contains("WFBSS Standard – 36 months", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("36 months", row.TextContent, StringComparison.Ordinal);
        var plan = await factory.QueryAsync(db => db.ServicePlans.SingleAsync(p => p.Name == "WFBSS Standard – 36 months"));
        Assert.Equal(await factory.CompanyIdAsync(DemoPlans.Msp), plan.OwnerId);
    }

    [Fact]
    public async Task A_trial_plan_is_saved_with_30_days()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var fields = await ValidFieldsAsync("WFBSS Trial – second");
        fields["LicenseType"] = "Trial";
        fields["PeriodLength"] = "30";
        fields["PeriodUnit"] = "Days";

        var response = await client.PostFormAsync("/service-plans/new", "/service-plans/new", fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var plan = await factory.QueryAsync(db => db.ServicePlans.SingleAsync(p => p.Name == "WFBSS Trial – second"));
        Assert.Equal(new Domain.Licenses.LicensePeriod(30, Domain.Licenses.PeriodUnit.Days), plan.Period);
    }

    [Fact]
    public async Task The_list_shows_lifecycle_and_lock_badges_with_text_and_customer_counts_R4_R5()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var list = await client.GetPageAsync("/service-plans");
        var locked = await client.GetPageAsync("/service-plans?locked=true");
        var endOfLife = await client.GetPageAsync("/service-plans?lifecycle=EndOfLife");

        string Row(string name) => list.QuerySelectorAll("#plans tbody tr").Single(r => r.QuerySelector("a")!.TextContent == name).TextContent;
        Assert.Contains("Locked", Row(DemoPlans.MspCloudAppPlan), StringComparison.Ordinal);
        Assert.Contains("End of Life", Row("ServerProtect Legacy – 12 months"), StringComparison.Ordinal);
        Assert.Contains("End of Sale", Row("Endpoint Encryption – 12 months"), StringComparison.Ordinal);
        Assert.Equal(DemoPlans.MspCloudAppPlan, Assert.Single(locked.QuerySelectorAll("#plans tbody tr a")).TextContent);
        Assert.Equal("ServerProtect Legacy – 12 months", Assert.Single(endOfLife.QuerySelectorAll("#plans tbody tr a")).TextContent);
        var cloudCustomers = list.QuerySelectorAll("#plans tbody tr").Single(r => r.QuerySelector("a")!.TextContent == DemoPlans.MspCloudAppPlan).QuerySelector("[data-customers]")!.TextContent;
        Assert.Equal("1", cloudCustomers);
    }

    [Fact]
    public async Task Editing_a_locked_plan_is_refused_R5()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var id = await factory.PlanIdAsync(DemoPlans.MspCloudAppPlan);
        var form = await client.GetPageAsync($"/service-plans/{id}/edit");
        var fields = PortalClient.FormValues(form, "#service-plan-form");
        fields["UnitsPerLicense"] = "30";

        var response = await client.PostAsync($"/service-plans/{id}/edit", fields, PortalClient.AntiforgeryToken(form));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = (await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync())).Body?.TextContent;
        Assert.Contains("is locked: its product's suite composition changed, and the change must be approved on Service plan component updates first.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("(R5)", body, StringComparison.Ordinal);
        Assert.Equal(25, await factory.QueryAsync(db => db.ServicePlans.Where(p => p.Id == id).Select(p => p.UnitsPerLicense).SingleAsync()));
    }

    [Fact]
    public async Task Editing_says_how_many_customers_use_the_plan_and_leaves_their_licenses_alone()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var id = await factory.PlanIdAsync("Email Security Standard – 12 months");
        var licensesBefore = await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.ServicePlanId == id).Select(l => new { l.Id, l.Units, l.ExpiresOn, l.AutoRenew }).ToListAsync());
        var form = await client.GetPageAsync($"/service-plans/{id}/edit");
        var fields = PortalClient.FormValues(form, "#service-plan-form");
        fields["UnitsPerLicense"] = "77";
        fields["AutoRenewDefault"] = "false";

        var response = await client.PostAsync($"/service-plans/{id}/edit", fields, PortalClient.AntiforgeryToken(form));

        Assert.Matches(@"\b\d+ (customer uses|customers use) this plan", form.QuerySelector("#customers-notice")?.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(77, await factory.QueryAsync(db => db.ServicePlans.Where(p => p.Id == id).Select(p => p.UnitsPerLicense).SingleAsync()));
        var licensesAfter = await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.ServicePlanId == id).Select(l => new { l.Id, l.Units, l.ExpiresOn, l.AutoRenew }).ToListAsync());
        Assert.Equal(licensesBefore, licensesAfter);
    }

    [Fact]
    public async Task A_stale_edit_form_is_refused_as_changed_by_someone_else_R19()
    {
        var first = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var second = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var id = await factory.PlanIdAsync("WFBSS Standard – 24 months");
        var firstForm = await first.GetPageAsync($"/service-plans/{id}/edit");
        var secondForm = await second.GetPageAsync($"/service-plans/{id}/edit");
        var firstFields = PortalClient.FormValues(firstForm, "#service-plan-form");
        var secondFields = PortalClient.FormValues(secondForm, "#service-plan-form");
        firstFields["UnitsPerLicense"] = "11";
        secondFields["UnitsPerLicense"] = "22";

        var firstSave = await first.PostAsync($"/service-plans/{id}/edit", firstFields, PortalClient.AntiforgeryToken(firstForm));
        var secondSave = await second.PostAsync($"/service-plans/{id}/edit", secondFields, PortalClient.AntiforgeryToken(secondForm));

        Assert.Equal(HttpStatusCode.Redirect, firstSave.StatusCode);
        Assert.Equal(HttpStatusCode.OK, secondSave.StatusCode);
        Assert.Contains("changed by someone else", await secondSave.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(11, await factory.QueryAsync(db => db.ServicePlans.Where(p => p.Id == id).Select(p => p.UnitsPerLicense).SingleAsync()));
    }

    [Fact]
    public async Task Another_company_s_plan_is_not_found_R1()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var providerPlan = await factory.PlanIdAsync("Northwind WFBSS Advanced – 12 months");

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/service-plans/{providerPlan}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/service-plans/{providerPlan}/edit")).StatusCode);
    }
}
