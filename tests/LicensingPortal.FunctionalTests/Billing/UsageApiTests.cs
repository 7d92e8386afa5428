using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LicensingPortal.Application.Security;
using LicensingPortal.FunctionalTests.Api;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>
/// R24 through <c>POST /api/v1/usage</c> and <c>GET /api/v1/licenses/{id}/usage</c>, on the demo data: a day keeps its
/// highest report, a batch is saved whole or not at all with every wrong row named, licenses the key's company does not
/// see are "not found", retries with an Idempotency-Key are answered once, and only keys that report usage may.
/// </summary>
public sealed class UsageApiTests(UsageFactory factory) : IClassFixture<UsageFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly DateOnly Today = UsageFactory.Today;

    private static readonly DateOnly Yesterday = Today.AddDays(-1);

    private Task<int> AuditsAsync() => factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "UsageReported", Cancel));

    private static async Task<Dictionary<string, string[]>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal("R18", problem.GetProperty("ruleCode").GetString());
        return problem.GetProperty("errors").Deserialize<Dictionary<string, string[]>>()!;
    }

    [Fact]
    public async Task A_day_keeps_its_highest_report_and_the_same_report_again_changes_nothing_R24()
    {
        var api = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var maple = await Usage.LicenseAsync(factory, "Maple Street Pharmacy");
        var audits = await AuditsAsync();

        var first = await (await Usage.PostAsync(api, Usage.Report(maple.Id, Yesterday, 3))).JsonAsync();
        var again = await (await Usage.PostAsync(api, Usage.Report(maple.Id, Yesterday, 3))).JsonAsync();
        var lower = await (await Usage.PostAsync(api, Usage.Report(maple.Id, Yesterday, 2))).JsonAsync();
        var hourly = await (await Usage.PostAsync(api, Usage.Report(maple.Id, Yesterday, 4), Usage.Report(maple.Id, Yesterday, 6), Usage.Report(maple.Id, Yesterday, 5))).JsonAsync();

        Assert.Equal((1, 0), (first.GetProperty("recorded").GetInt32(), first.GetProperty("unchanged").GetInt32()));
        Assert.Equal((0, 1), (again.GetProperty("recorded").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        Assert.Equal((0, 1), (lower.GetProperty("recorded").GetInt32(), lower.GetProperty("unchanged").GetInt32()));
        Assert.Equal((3, 2, 1), (hourly.GetProperty("reports").GetInt32(), hourly.GetProperty("recorded").GetInt32(), hourly.GetProperty("unchanged").GetInt32()));
        Assert.Equal(6, await Usage.UsedAsync(factory, maple.Id, Yesterday));
        Assert.Equal(1, await Usage.RowsAsync(factory, maple.Id));

        // One audit entry per batch that changed something; the repeated and the lower report changed nothing.
        Assert.Equal(audits + 2, await AuditsAsync());
    }

    [Fact]
    public async Task A_day_after_today_is_refused_on_its_row_and_nothing_of_the_batch_is_saved_R24()
    {
        var api = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var xeno = await Usage.LicenseAsync(factory, "Xeno Robotics");

        var response = await Usage.PostAsync(api, Usage.Report(xeno.Id, Today, 2), Usage.Report(xeno.Id, Today.AddDays(1), 2));

        var errors = await ErrorsAsync(response);
        var message = Assert.Single(Assert.Single(errors, e => e.Key == "reports[1].day").Value);
        Assert.StartsWith("Row 2: ", message, StringComparison.Ordinal);
        Assert.Contains($"{Usage.Day(Today.AddDays(1))} is after today", message, StringComparison.Ordinal);
        Assert.Single(errors);
        Assert.Null(await Usage.UsedAsync(factory, xeno.Id, Today));
    }

    [Fact]
    public async Task Negative_or_more_units_than_a_license_can_have_are_refused_on_their_rows_R18()
    {
        var api = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var ironwood = await Usage.LicenseAsync(factory, "Ironwood Accounting");

        var errors = await ErrorsAsync(await Usage.PostAsync(api,
            Usage.Report(ironwood.Id, Yesterday, -1), Usage.Report(ironwood.Id, Yesterday, 1_000_000), Usage.Report(ironwood.Id, Today, 5)));
        var overflowing = await api.PostAsync("/api/v1/usage", new StringContent(
            $"{{\"reports\":[{{\"licenseId\":\"{ironwood.Id}\",\"day\":\"{Usage.Day(Today)}\",\"used\":99999999999}}]}}", Encoding.UTF8, "application/json"), Cancel);
        var missing = await ErrorsAsync(await api.PostAsJsonAsync("/api/v1/usage", new { reports = new object[] { new { licenseId = ironwood.Id } } }, Cancel));

        Assert.Equal(["reports[0].used", "reports[1].used"], errors.Keys.Order());
        Assert.Equal("Row 1: Used must be between 0 and 999,999.", Assert.Single(errors["reports[0].used"]));
        Assert.Equal("Row 2: Used must be between 0 and 999,999.", Assert.Single(errors["reports[1].used"]));
        Assert.Equal(HttpStatusCode.BadRequest, overflowing.StatusCode);
        Assert.Equal(["reports[0].day", "reports[0].used"], missing.Keys.Order());
        Assert.Equal("Row 1: Used is missing.", Assert.Single(missing["reports[0].used"]));
        Assert.Equal(0, await Usage.RowsAsync(factory, ironwood.Id));
    }

    [Fact]
    public async Task A_license_another_company_owns_is_not_found_on_its_row_like_one_that_does_not_exist_and_nothing_is_saved_R1_R24()
    {
        var contoso = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var juniper = await Usage.LicenseAsync(factory, "Juniper Schools");
        var hanse = await Usage.LicenseAsync(factory, "Hanse Logistik"); // Fabrikam's
        var nowhere = Guid.NewGuid();

        var errors = await ErrorsAsync(await Usage.PostAsync(contoso, Usage.Report(juniper.Id, Yesterday, 1), Usage.Report(hanse.Id, Yesterday, 1), Usage.Report(nowhere, Yesterday, 1)));
        var fabrikam = await ApiKeys.ClientAsync(factory, "Fabrikam Resellers");
        var theirs = await ErrorsAsync(await Usage.PostAsync(fabrikam, Usage.Report(juniper.Id, Yesterday, 1)));

        // The rival's license and one that does not exist read the same; the caller's own valid row is not saved either.
        Assert.Equal($"Row 2: license {hanse.Id} was not found.", Assert.Single(errors["reports[1].licenseId"]));
        Assert.Equal($"Row 3: license {nowhere} was not found.", Assert.Single(errors["reports[2].licenseId"]));
        Assert.Equal(2, errors.Count);
        Assert.Equal($"Row 1: license {juniper.Id} was not found.", Assert.Single(theirs["reports[0].licenseId"]));
        Assert.Equal(0, await Usage.RowsAsync(factory, juniper.Id));
        Assert.Equal(0, await Usage.RowsAsync(factory, hanse.Id));

        // The provider sees its partners' licenses: its key reports for Fabrikam's customer.
        var northwind = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var accepted = await Usage.PostAsync(northwind, Usage.Report(hanse.Id, Yesterday, 1));
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(1, await Usage.UsedAsync(factory, hanse.Id, Yesterday));
    }

    [Fact]
    public async Task More_than_10000_reports_in_one_batch_are_refused_whole_R18()
    {
        var api = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var yellowstone = await Usage.LicenseAsync(factory, "Yellowstone Outfitters");

        var response = await Usage.PostAsync(api, Enumerable.Range(0, 10_001).Select(i => Usage.Report(yellowstone.Id, Today, i % 10)).ToArray());

        var errors = await ErrorsAsync(response);
        Assert.Contains("at most 10,000", Assert.Single(Assert.Single(errors).Value), StringComparison.Ordinal);
        Assert.Equal(0, await Usage.RowsAsync(factory, yellowstone.Id));
    }

    [Fact]
    public async Task A_retry_with_the_same_Idempotency_Key_is_answered_from_the_first_and_records_nothing_twice_R21_R24()
    {
        var api = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var lakeside = await Usage.LicenseAsync(factory, "Lakeside Veterinary");
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Keyed(int used) => new(HttpMethod.Post, "/api/v1/usage")
        {
            Content = JsonContent.Create(new { reports = new[] { Usage.Report(lakeside.Id, Yesterday, used) } }),
            Headers = { { "Idempotency-Key", key } },
        };
        var audits = await AuditsAsync();

        var first = await api.SendAsync(Keyed(4), Cancel);
        var retry = await api.SendAsync(Keyed(4), Cancel);
        var other = await api.SendAsync(Keyed(7), Cancel);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, retry.StatusCode);
        Assert.Equal("true", retry.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(await first.Content.ReadAsStringAsync(Cancel), await retry.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(1, (await retry.JsonAsync()).GetProperty("recorded").GetInt32());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal(4, await Usage.UsedAsync(factory, lakeside.Id, Yesterday));
        Assert.Equal(audits + 1, await AuditsAsync());
    }

    [Fact]
    public async Task A_key_whose_role_does_not_report_usage_is_refused_as_not_found_and_saves_nothing_R24()
    {
        var orchard = await Usage.LicenseAsync(factory, "Orchard Family Practice");

        foreach (var role in new[] { Roles.SupportEngineer, Roles.CustomerAccountManager, Roles.SupportManager })
        {
            var refused = await Usage.PostAsync(await ApiKeys.ClientAsync(factory, ApiKeys.Contoso, role), Usage.Report(orchard.Id, Yesterday, 2));
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        Assert.Equal(0, await Usage.RowsAsync(factory, orchard.Id));
        var licenseManager = await Usage.PostAsync(await ApiKeys.ClientAsync(factory, ApiKeys.Contoso, Roles.LicenseManager), Usage.Report(orchard.Id, Yesterday, 2));
        Assert.Equal(HttpStatusCode.OK, licenseManager.StatusCode);
    }

    [Fact]
    public async Task A_licenses_month_shows_each_day_provisioned_and_in_use_R24()
    {
        var api = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var pinecrest = await Usage.LicenseAsync(factory, "Pinecrest Insurance");
        var hanse = await Usage.LicenseAsync(factory, "Hanse Logistik");
        var first = new DateOnly(Today.Year, Today.Month, 1);
        Assert.Equal(HttpStatusCode.OK, (await Usage.PostAsync(api, Usage.Report(pinecrest.Id, first, 2), Usage.Report(pinecrest.Id, first.AddDays(9), pinecrest.Units + 3))).StatusCode);

        var month = await api.GetAsync($"/api/v1/licenses/{pinecrest.Id}/usage?month={Today:yyyy-MM}", Cancel);
        var current = await (await api.GetAsync($"/api/v1/licenses/{pinecrest.Id}/usage", Cancel)).JsonAsync();
        var body = await month.JsonAsync();
        var days = body.GetProperty("days").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, month.StatusCode);
        Assert.Equal(Today.Day, days.Count); // the 1st to today
        var tenth = days[9];
        Assert.Equal((Usage.Day(first.AddDays(9)), pinecrest.Units, pinecrest.Units + 3, 3),
            (tenth.GetProperty("day").GetString(), tenth.GetProperty("provisioned").GetInt32(), tenth.GetProperty("used").GetInt32(), tenth.GetProperty("overProvisioned").GetInt32()));
        Assert.Equal(JsonValueKind.Null, days[10].GetProperty("used").ValueKind);
        Assert.Equal(2, days[0].GetProperty("used").GetInt32());
        Assert.Equal(pinecrest.Units + 3, body.GetProperty("maxUsed").GetInt32());
        Assert.Equal(1, body.GetProperty("daysOverProvisioned").GetInt32());
        Assert.Equal("Pinecrest Insurance", body.GetProperty("customer").GetString());
        Assert.Equal(body.GetProperty("month").GetString(), current.GetProperty("month").GetString());

        foreach (var bad in new[] { "2026-13", "November", "1999-12" })
        {
            var refused = await api.GetAsync($"/api/v1/licenses/{pinecrest.Id}/usage?month={bad}", Cancel);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.JsonAsync()).GetProperty("errors").TryGetProperty("month", out _), bad);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/licenses/{hanse.Id}/usage", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/licenses/{Guid.NewGuid()}/usage", Cancel)).StatusCode);
    }
}
