using System.Net;
using AngleSharp.Html.Dom;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Licenses;

/// <summary>Customers › {customer} › Licenses › {plan}: the modify form of seed 000, through HTTP.</summary>
[Trait("Category", "Calendar")]
public sealed class LicenseFormTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string Url((Guid CustomerId, Guid LicenseId) l) => $"/customers/{l.CustomerId}/licenses/{l.LicenseId}";

    private async Task<(PortalClient Client, IHtmlDocument Page, Dictionary<string, string> Form, string Url)> OpenAsync(string customer, string? plan = null, string email = DemoAccounts.MspAdmin)
    {
        var client = await PortalClient.SignedInAsync(factory, email);
        var url = Url(await Demo.LicenseOfAsync(factory, customer, plan));
        var page = await client.GetPageAsync(url);
        return (client, page, PortalClient.FormValues(page, "form[action='" + url + "']"), url);
    }

    private async Task<CustomerLicense> LicenseAsync(string customer, string? plan = null)
    {
        var (_, licenseId) = await Demo.LicenseOfAsync(factory, customer, plan);
        return await Demo.QueryAsync(factory, db => db.CustomerLicenses.AsNoTracking().Include(l => l.Plan).SingleAsync(l => l.Id == licenseId));
    }

    private static async Task<IHtmlDocument> PageOf(HttpResponseMessage response) => await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

    [Fact]
    public async Task Units_and_auto_renewal_changed_now_are_saved_and_recorded_as_a_transaction_R6_R9()
    {
        var (client, page, form, url) = await OpenAsync("Ironwood Accounting");
        form["Input.Units"] = "9";
        form["Input.AutoRenew"] = "false";

        var response = await client.PostAsync(url, form, null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var license = await LicenseAsync("Ironwood Accounting");
        Assert.Equal(9, license.Units);
        Assert.False(license.AutoRenew);
        var transaction = await Demo.QueryAsync(factory, db => db.LicenseTransactions.AsNoTracking().Where(t => t.LicenseId == license.Id && t.Type == TransactionType.LicenseChange).SingleAsync());
        Assert.Contains("Units: 9", transaction.After, StringComparison.Ordinal);
        Assert.Equal("Morgan MSP", transaction.ActorName);
        var after = await client.GetPageAsync(url);
        Assert.Contains("saved", after.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Acme Dental", "R3", "trial")]
    [InlineData("Blue Harbor Logistics", "R4", "End of Life")]
    [InlineData("Fjord Analytics", "R5", "locked")]
    public async Task A_license_that_cannot_be_modified_says_why_and_a_crafted_post_is_refused_the_same_R3_R4_R5_R17(string customer, string rule, string reason)
    {
        var (client, page, form, url) = await OpenAsync(customer);
        var before = await LicenseAsync(customer);

        var alert = page.QuerySelector($"[data-rule={rule}]");
        Assert.NotNull(alert);
        Assert.Contains(reason, alert.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.True(page.QuerySelector("form[action='" + url + "'] fieldset")!.HasAttribute("disabled"));
        if (rule == "R5")
        {
            Assert.NotNull(alert.QuerySelector("a[href='/service-plans/component-updates']"));
        }

        form["Input.Units"] = (before.Units + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var response = await client.PostAsync(url, form, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await PageOf(response);
        Assert.Contains(reason, refused.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain($"({rule})", refused.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(refused.QuerySelector($"[data-rule={rule}]"));
        Assert.Equal(before.Units, (await LicenseAsync(customer)).Units);
    }

    [Fact]
    public async Task A_suspended_partners_customer_is_view_only_even_for_the_provider_R11()
    {
        var (client, page, form, url) = await OpenAsync("Kobe Trading", email: DemoAccounts.ProviderAdmin);

        Assert.NotNull(page.QuerySelector("[data-rule=R11]"));
        form["Input.Units"] = "11";
        var response = await client.PostAsync(url, form, null);

        var refused = await PageOf(response);
        Assert.Contains("Litware MSP is suspended", refused.QuerySelector(".validation-summary-errors")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(refused.QuerySelector("[data-rule=R11]"));
        Assert.Equal(10, (await LicenseAsync("Kobe Trading")).Units);
    }

    [Theory]
    [InlineData("Evergreen Clinic", "WFBSS", true, true, false, true)]
    [InlineData("Granite Builders", null, true, false, true, true)]
    [InlineData("Blue Harbor Logistics", null, false, false, false, false)]
    public async Task Each_setting_is_shown_only_when_its_rule_says_so_R6(string customer, string? plan, bool changeServicePlan, bool planDropdown, bool addOn, bool remoteManager)
    {
        var (_, page, _, _) = await OpenAsync(customer, plan);

        Assert.Equal(changeServicePlan, page.QuerySelector("[data-testid=change-service-plan]") is not null);
        Assert.Equal(planDropdown, page.QuerySelector("[data-testid=plan-dropdown]") is not null);
        Assert.Equal(addOn, page.QuerySelector("input[type=checkbox][name='Input.AddOnEnabled']") is not null);
        Assert.Equal(remoteManager, page.QuerySelector("input[type=checkbox][name='Input.ManagedByRemoteManager']") is not null);
    }

    [Fact]
    public async Task The_Change_Service_Plan_button_is_absent_for_a_single_level_product_R6()
    {
        var (_, page, _, _) = await OpenAsync("Harbor View Hotel");

        Assert.Null(page.QuerySelector("[data-testid=change-service-plan]"));
        Assert.Null(page.QuerySelector("[data-testid=plan-dropdown]"));
    }

    [Fact]
    public async Task Change_Service_Plan_upgrades_to_another_level_and_moves_the_units_between_pools_R6_R12()
    {
        var (client, page, form, url) = await OpenAsync("Riverbend Architects");
        var advanced = await Demo.PlanAsync(factory, "WFBSS Advanced – 12 months");
        var before = await LicenseAsync("Riverbend Architects");
        var pools = await Demo.QueryAsync(factory, db => db.LicensePools.AsNoTracking().Where(p => db.Companies.Any(c => c.Id == p.PartnerId && c.Name == "Contoso Managed Services")).ToListAsync());
        form["Input.ChangeToPlanId"] = advanced.ToString();

        var response = await client.PostAsync(url, form, null);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await LicenseAsync("Riverbend Architects");
        Assert.Equal(advanced, after.ServicePlanId);
        var poolsAfter = await Demo.QueryAsync(factory, db => db.LicensePools.AsNoTracking().Where(p => db.Companies.Any(c => c.Id == p.PartnerId && c.Name == "Contoso Managed Services")).ToListAsync());
        Assert.Equal(pools.Single(p => p.ServiceLevelId == before.Plan.ServiceLevelId && p.ProductId == before.Plan.ProductId && p.LicenseType == before.LicenseType).UnitsUsed - before.Units,
            poolsAfter.Single(p => p.ServiceLevelId == before.Plan.ServiceLevelId && p.ProductId == before.Plan.ProductId && p.LicenseType == before.LicenseType).UnitsUsed);
    }

    [Fact]
    public async Task The_plan_drop_down_switches_to_another_plan_of_the_same_level_R6()
    {
        var (client, page, form, url) = await OpenAsync("Upland Farms");
        var plan24 = await Demo.PlanAsync(factory, "WFBSS Standard – 24 months");
        form["Input.NewServicePlanId"] = plan24.ToString();

        await client.PostAsync(url, form, null);

        Assert.Equal(plan24, (await LicenseAsync("Upland Farms")).ServicePlanId);
    }

    [Fact]
    public async Task A_change_scheduled_for_a_date_is_pending_and_can_be_canceled_R7()
    {
        var (client, page, form, url) = await OpenAsync("Lakeside Veterinary");
        var applyOn = factory.Clock.Today.AddMonths(1);
        form["Input.Units"] = "12";
        form["Input.ApplyMode"] = "OnDate";
        form["Input.ApplyOn"] = applyOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var scheduled = await client.PostAsync(url, form, null);
        Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);

        var pendingPage = await client.GetPageAsync(url);
        var pending = pendingPage.QuerySelector("[data-testid=pending-change]");
        Assert.Contains(applyOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), pending?.TextContent, StringComparison.Ordinal);
        Assert.NotEqual(12, (await LicenseAsync("Lakeside Veterinary")).Units);

        var cancel = await client.SubmitAsync(pendingPage, "form[action$='cancel-pending-change']");
        Assert.Equal(HttpStatusCode.Redirect, cancel.StatusCode);
        Assert.Null((await client.GetPageAsync(url)).QuerySelector("[data-testid=pending-change]"));
        var states = await Demo.QueryAsync(factory, db => db.ScheduledLicenseChanges.AsNoTracking().Select(c => new { c.LicenseId, c.State }).ToListAsync());
        Assert.Contains(states, s => s.State == ScheduledChangeState.Canceled);
    }

    [Theory]
    [InlineData("Input.Units", "0", "between 1 and 999,999")]
    [InlineData("Input.Units", "-5", "between 1 and 999,999")]
    [InlineData("Input.Units", "1000000", "between 1 and 999,999")]
    [InlineData("Input.Units", "abc", "not a valid value")]
    [InlineData("Input.ExpiresOn", "2020-01-01", "after today")]
    [InlineData("Input.NotifyDaysBefore", "0", "between 1 and 365")]
    [InlineData("Input.ApplyOn", "2020-01-01", "after today")]
    [InlineData("Input.NewServicePlanId", "6f9619ff-8b86-d011-b42d-00cf4fc964ff", "Choose one of the service plans listed")]
    public async Task Bad_input_gets_a_message_on_its_field_keeps_what_was_typed_and_saves_nothing_R18(string field, string value, string message)
    {
        var (client, page, form, url) = await OpenAsync("Xeno Robotics");
        var before = await LicenseAsync("Xeno Robotics");
        form[field] = value;
        if (field == "Input.ApplyOn")
        {
            form["Input.ApplyMode"] = "OnDate";
        }

        var response = await client.PostAsync(url, form, null);
        var result = await PageOf(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var fieldMessage = result.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? string.Empty;
        Assert.Contains(message, fieldMessage, StringComparison.Ordinal);
        if (result.QuerySelector($"input[name='{field}']") is IHtmlInputElement typed && typed.Type != "hidden")
        {
            Assert.Equal(value, typed.Value);
        }

        var after = await LicenseAsync("Xeno Robotics");
        Assert.Equal((before.Units, before.ExpiresOn, before.Version), (after.Units, after.ExpiresOn, after.Version));
    }

    [Fact]
    public async Task A_form_saved_after_someone_elses_save_is_refused_and_keeps_their_change_R19()
    {
        var (first, firstPage, firstForm, url) = await OpenAsync("Alder Consulting");
        var (second, secondPage, secondForm, _) = await OpenAsync("Alder Consulting", email: DemoAccounts.MspStaff);
        secondForm["Input.Units"] = "15";
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostAsync(url, secondForm, null)).StatusCode);

        firstForm["Input.Units"] = "4";
        var stale = await first.PostAsync(url, firstForm, null);

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        Assert.Contains("changed by someone else", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(15, (await LicenseAsync("Alder Consulting")).Units);
    }

    [Fact]
    public async Task Raising_units_beyond_the_pool_is_refused_with_the_numbers_R12()
    {
        var (client, page, form, url) = await OpenAsync("Driftwood Studios");
        form["Input.Units"] = "999999";

        var response = await client.PostAsync(url, form, null);
        var text = (await PageOf(response)).QuerySelector("[data-valmsg-for='Input.Units']")?.TextContent;

        Assert.Matches(@"999,999 units per license need [\d,]+ more from the license pool, which has [\d,]+ free", text);
    }

    [Fact]
    public async Task Another_companys_license_answers_404_to_GET_and_POST_R1()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var url = Url(await Demo.LicenseOfAsync(factory, "Hanse Logistik"));
        var own = await client.GetPageAsync(Url(await Demo.LicenseOfAsync(factory, "Ironwood Accounting")));

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        var post = await client.PostAsync(url, new() { ["Input.Units"] = "1", ["Input.ExpiresOn"] = "2030-01-01", ["Input.NotifyDaysBefore"] = "30" }, PortalClient.AntiforgeryToken(own));
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Equal(30, (await LicenseAsync("Hanse Logistik")).Units);
    }
}
