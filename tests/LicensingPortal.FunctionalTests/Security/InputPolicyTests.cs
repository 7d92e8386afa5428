using System.Net;
using System.Net.Http.Json;
using System.Text;
using LicensingPortal.FunctionalTests.Api;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Security;

/// <summary>
/// The reproductions of issue 19 §4, each answered as the input policy says (ADR 0014, R18): the form again with the
/// message next to its field, a page naming the problem for an address, problem details for the API; never a 500.
/// The sweeps (<see cref="BadInputSweepTests"/>) send the same values to every form and endpoint.
/// </summary>
public sealed class InputPolicyTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("Name", "Bad\0Name", "U+0000")]
    [InlineData("Name", "Bad\u0001Name", "U+0001")]
    [InlineData("ContactEmail", "it\0@acme.example", "U+0000")]
    [InlineData("Country", "U\0", "U+0000")]
    public async Task A_control_character_in_the_customer_form_comes_back_next_to_its_field_with_what_was_typed_R18(string field, string value, string code)
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var page = await client.GetPageAsync("/customers/new");
        var count = await factory.QueryAsync(db => db.Customers.CountAsync(Cancel));

        var response = await client.SubmitAsync(page, "form[action='/customers/new']", new() { ["Name"] = "Policy Test Ltd", ["ContactEmail"] = "it@policy.example", ["Country"] = "US", [field] = value });
        var again = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"contains a control character ({code})", again.QuerySelector($"[data-valmsg-for={field}]")?.TextContent, StringComparison.Ordinal);
        var (kept, typed) = field == "Name" ? ("Country", "US") : ("Name", "Policy Test Ltd");
        Assert.Equal(typed, again.QuerySelector($"input[name={kept}]")?.GetAttribute("value"));
        Assert.Equal(count, await factory.QueryAsync(db => db.Customers.CountAsync(Cancel)));
    }

    [Fact]
    public async Task A_report_for_years_1_to_9999_is_a_page_naming_the_date_window_and_its_export_is_refused_whole_R18_R9()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var report = await client.GetAsync("/reports/transactions?from=0001-01-01&to=9999-12-31");
        var export = await client.GetAsync("/reports/transactions/export?from=0001-01-01&to=9999-12-31");
        var page = await PortalClient.ParseAsync(await report.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.BadRequest, report.StatusCode);
        Assert.Equal(
            ["From must be between 2000-01-01 and 2100-12-31; 0001-01-01 is outside it.", "To must be between 2000-01-01 and 2100-12-31; 9999-12-31 is outside it."],
            page.QuerySelectorAll(".alert-danger li").Select(li => li.TextContent.Trim()));
        Assert.Equal(HttpStatusCode.BadRequest, export.StatusCode);
        Assert.Equal("text/html", export.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_search_holding_a_NUL_is_a_page_naming_it_not_a_query_R18()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var response = await client.GetAsync("/customers?q=%00");

        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Search contains a control character (U+0000), which is not allowed; remove it.", page.QuerySelector(".alert-danger li")?.TextContent.Trim());
    }

    [Fact]
    public async Task The_API_refuses_a_NUL_in_a_customers_name_and_stores_nothing_R18_R21()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);

        var response = await client.PostAsync("/api/v1/customers", new StringContent("{\"name\":\"Nul\\u0000Corp\",\"country\":\"US\"}", Encoding.UTF8, "application/json"), Cancel);
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("R18", problem.GetProperty("ruleCode").GetString());
        Assert.Equal("Name contains a control character (U+0000), which is not allowed; remove it.", problem.GetProperty("errors").GetProperty("Name")[0].GetString());
        Assert.False(await factory.QueryAsync(db => db.Customers.AnyAsync(c => c.Name.StartsWith("Nul"), Cancel)));
    }

    [Fact]
    public async Task The_API_stores_names_trimmed_and_white_space_alone_is_no_email_R18_R21()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);

        var blank = await client.PostAsJsonAsync("/api/v1/customers", new { name = "  \t ", country = "US" }, Cancel);
        var padded = await client.PostAsJsonAsync("/api/v1/customers", new { name = "  Trimmed Corp  ", contactEmail = "   ", country = "US" }, Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, padded.StatusCode);
        Assert.Contains("ContactEmail", (await padded.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.False(await factory.QueryAsync(db => db.Customers.AnyAsync(c => c.Name.Contains("Trimmed") || c.Name.Trim() == string.Empty, Cancel)));
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1900-01-01")]
    [InlineData("9999-12-31")]
    public async Task A_suite_change_effective_in_year_1_1900_or_9999_is_refused_next_to_its_date_and_locks_nothing_R18_R5(string date)
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var productId = await factory.QueryAsync(db => db.Products.Where(p => p.Name == "Email Security").Select(p => p.Id).SingleAsync(Cancel));
        var page = await client.GetPageAsync($"/products/{productId}/suite-change");

        var response = await client.SubmitAsync(page, "#suite-change-form", new() { ["ComponentsAdded"] = "Sandbox Analysis", ["EffectiveOn"] = date });
        var again = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"Effective date must be between 2000-01-01 and 2100-12-31; {date} is outside it.", again.QuerySelector("[data-valmsg-for=EffectiveOn]")?.TextContent);
        Assert.False(await factory.QueryAsync(db => db.SuiteCompositionChanges.AnyAsync(c => c.ComponentsAdded == "Sandbox Analysis", Cancel)));
    }

    [Fact]
    public async Task A_license_expiring_in_year_9999_is_refused_on_the_form_and_through_the_API_R18_R6()
    {
        var (customerId, licenseId) = await Demo.LicenseOfAsync(factory, "Maple Street Pharmacy");
        var url = $"/customers/{customerId}/licenses/{licenseId}";
        var before = await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.Id == licenseId).Select(l => l.ExpiresOn).SingleAsync(Cancel));
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var form = await client.SubmitAsync(await client.GetPageAsync(url), $"form[action='{url}']", new() { ["Input.ExpiresOn"] = "9999-12-31" });
        var api = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var etag = (await api.GetAsync($"/api/v1{url}", Cancel)).Headers.ETag!.Tag;
        var put = await api.PutIfMatchAsync($"/api/v1{url}", new { units = 10, expiresOn = "9999-12-31", notifyDaysBefore = 30 }, etag);

        var page = await PortalClient.ParseAsync(await form.Content.ReadAsStringAsync(Cancel));
        Assert.Contains("must be between 2000-01-01 and 2100-12-31", page.QuerySelector("[data-valmsg-for='Input.ExpiresOn']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal("R18", await put.RuleCodeAsync());
        Assert.Equal(before, await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.Id == licenseId).Select(l => l.ExpiresOn).SingleAsync(Cancel)));
    }
}
