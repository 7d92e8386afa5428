using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AngleSharp.Html.Dom;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>R22: one change on many customers' licenses, previewed (changes and refusals with their rule) and applied.</summary>
[Trait("Category", "Calendar")]
public sealed class BulkChangeTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static Dictionary<string, JsonElement> ByCustomer(JsonElement report) =>
        report.GetProperty("lines").EnumerateArray().Where(l => l.GetProperty("customerName").ValueKind == JsonValueKind.String)
            .ToDictionary(l => l.GetProperty("customerName").GetString()!);

    [Fact]
    public async Task A_preview_lists_what_would_change_and_what_is_refused_with_its_rule_and_saves_nothing_R22_R3_R4_R5()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var names = new[] { "Acme Dental", "Blue Harbor Logistics", "Fjord Analytics", "Northgate Realty", "Orchard Family Practice" };
        var ids = new List<Guid>();
        foreach (var name in names)
        {
            ids.Add((await Demo.LicenseOfAsync(factory, name)).LicenseId);
        }

        var foreign = (await Demo.LicenseOfAsync(factory, "Hanse Logistik")).LicenseId;
        var transactionsBefore = await Demo.QueryAsync(factory, db => db.LicenseTransactions.CountAsync());

        var response = await client.PostAsJsonAsync("/api/v1/bulk/license-changes/preview", new { licenseIds = ids.Append(foreign), autoRenew = false });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.JsonAsync();
        var lines = ByCustomer(report);
        Assert.False(report.GetProperty("applied").GetBoolean());
        Assert.Equal("R3", lines["Acme Dental"].GetProperty("ruleCode").GetString());
        Assert.Equal("R4", lines["Blue Harbor Logistics"].GetProperty("ruleCode").GetString());
        Assert.Equal("R5", lines["Fjord Analytics"].GetProperty("ruleCode").GetString());
        Assert.Equal("Change", lines["Northgate Realty"].GetProperty("outcome").GetString());
        Assert.Contains("auto-renewal off", lines["Northgate Realty"].GetProperty("after").GetString(), StringComparison.Ordinal);
        var hidden = report.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("licenseId").GetGuid() == foreign);
        Assert.Equal("R1", hidden.GetProperty("ruleCode").GetString());
        Assert.Equal(JsonValueKind.Null, hidden.GetProperty("customerName").ValueKind);
        Assert.Equal(transactionsBefore, await Demo.QueryAsync(factory, db => db.LicenseTransactions.CountAsync()));
    }

    [Fact]
    public async Task Applying_changes_each_allowed_license_through_the_domain_and_leaves_the_refused_ones_R22_R9()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var trial = await Demo.LicenseOfAsync(factory, "Acme Dental");
        var a = await Demo.LicenseOfAsync(factory, "Pinecrest Insurance");
        var b = await Demo.LicenseOfAsync(factory, "Quarry Hill Winery");
        var trialBefore = await Demo.QueryAsync(factory, db => db.CustomerLicenses.AsNoTracking().SingleAsync(l => l.Id == trial.LicenseId));

        var response = await client.PostAsJsonAsync("/api/v1/bulk/license-changes", new { licenseIds = new[] { trial.LicenseId, a.LicenseId, b.LicenseId }, units = 12 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.JsonAsync();
        Assert.True(report.GetProperty("applied").GetBoolean());
        Assert.Equal(2, report.GetProperty("changed").GetInt32());
        Assert.Equal(1, report.GetProperty("refused").GetInt32());
        var units = await Demo.QueryAsync(factory, db => db.CustomerLicenses.AsNoTracking()
            .Where(l => l.Id == a.LicenseId || l.Id == b.LicenseId || l.Id == trial.LicenseId).ToDictionaryAsync(l => l.Id, l => l.Units));
        Assert.Equal(12, units[a.LicenseId]);
        Assert.Equal(12, units[b.LicenseId]);
        Assert.Equal(trialBefore.Units, units[trial.LicenseId]);
        var changes = await Demo.QueryAsync(factory, db => db.LicenseTransactions.AsNoTracking()
            .CountAsync(t => (t.LicenseId == a.LicenseId || t.LicenseId == b.LicenseId) && t.Type == TransactionType.LicenseChange));
        Assert.Equal(2, changes);
    }

    [Fact]
    public async Task A_CSV_file_of_changes_is_previewed_and_applied_once_per_idempotency_key_through_the_API_R22_R21()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var (_, northgate) = await Demo.LicenseOfAsync(factory, "Northgate Realty");
        var (_, acme) = await Demo.LicenseOfAsync(factory, "Acme Dental");
        var units = await Demo.QueryAsync(factory, db => db.CustomerLicenses.Where(l => l.Id == northgate).Select(l => l.Units).SingleAsync());
        var csv = $"License ID,Units,Auto-renewal\r\n{northgate},{units + 2},\r\n{acme},,No\r\n";
        HttpRequestMessage Post(string url, string body, string? key = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "text/csv") };
            if (key is not null)
            {
                request.Headers.Add("Idempotency-Key", key);
            }

            return request;
        }

        var preview = await (await client.SendAsync(Post("/api/v1/bulk/license-changes/csv/preview", csv))).JsonAsync();
        var lines = preview.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("line").GetInt32());
        Assert.Equal("Change", lines[2].GetProperty("outcome").GetString());
        Assert.Equal("R3", lines[3].GetProperty("ruleCode").GetString());
        Assert.Equal(units, await Demo.QueryAsync(factory, db => db.CustomerLicenses.Where(l => l.Id == northgate).Select(l => l.Units).SingleAsync()));

        Task<List<string?>> ChangesOfNorthgateAsync() => Demo.QueryAsync(factory, db => db.LicenseTransactions.AsNoTracking()
            .Where(t => t.LicenseId == northgate && t.Type == TransactionType.LicenseChange).Select(t => t.After).ToListAsync());
        var changesBefore = await ChangesOfNorthgateAsync();
        var key = Guid.NewGuid().ToString();
        var first = await client.SendAsync(Post("/api/v1/bulk/license-changes/csv", csv, key));
        var replay = await client.SendAsync(Post("/api/v1/bulk/license-changes/csv", csv, key));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Equal(units + 2, await Demo.QueryAsync(factory, db => db.CustomerLicenses.Where(l => l.Id == northgate).Select(l => l.Units).SingleAsync()));
        var newChange = Assert.Single((await ChangesOfNorthgateAsync()).Except(changesBefore));
        Assert.Equal(units + 2, TransactionUnits(newChange));

        // The units a transaction's "after" records ("Plan: ...; Units: 12; Expires: ..."), parsed, not searched for.
        static int? TransactionUnits(string? after) =>
            after?.Split(';', StringSplitOptions.TrimEntries).Select(part => part.Split(':', 2, StringSplitOptions.TrimEntries))
                .Where(pair => pair.Length == 2 && pair[0] == "Units").Select(pair => (int?)int.Parse(pair[1], System.Globalization.CultureInfo.InvariantCulture)).SingleOrDefault();

        // The same key with another file is another request: refused, not answered with the first file's report.
        var other = await client.SendAsync(Post("/api/v1/bulk/license-changes/csv", csv.Replace($"{units + 2}", $"{units + 3}", StringComparison.Ordinal), key));
        Assert.NotEqual(HttpStatusCode.OK, other.StatusCode);

        var unreadable = await client.SendAsync(Post("/api/v1/bulk/license-changes/csv/preview", "Customer,Units\r\nCedar,3\r\n"));
        Assert.Equal(HttpStatusCode.BadRequest, unreadable.StatusCode);
        var problem = await unreadable.JsonAsync();
        Assert.Equal("R18", problem.GetProperty("ruleCode").GetString());
        Assert.Contains("License ID", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_change_with_nothing_chosen_is_refused_as_bad_input_R18_R22()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);

        var response = await client.PostAsJsonAsync("/api/v1/bulk/license-changes/preview", new { licenseIds = Array.Empty<Guid>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("R18", await response.RuleCodeAsync());
    }
}

/// <summary>R22 in the portal: Customers › Bulk change, previewed then applied, through the same use case.</summary>
[Trait("Category", "Calendar")]
public sealed class BulkChangePageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_page_previews_the_change_with_refusals_then_applies_it_R22_R4()
    {
        var client = await PortalClient.SignedInAsync(factory, LicensingPortal.Infrastructure.Seeding.DemoAccounts.MspAdmin);
        var plan = await Demo.PlanAsync(factory, "ServerProtect Legacy – 12 months");
        var email = await Demo.PlanAsync(factory, "Email Security Standard – 12 months");
        var page = await client.GetPageAsync("/customers/bulk-change");

        var eol = await PortalClient.ParseAsync(await (await client.SubmitAsync(page, "#bulk-form", new() { ["Input.ServicePlanId"] = plan.ToString(), ["Input.NotifyDaysBefore"] = "45" })).Content.ReadAsStringAsync());
        Assert.Equal("Refused", eol.QuerySelector("#bulk-report [data-rule=R4]")?.TextContent);
        Assert.Null(eol.QuerySelector("#apply"));

        var preview = await PortalClient.ParseAsync(await (await client.SubmitAsync(page, "#bulk-form", new() { ["Input.ServicePlanId"] = email.ToString(), ["Input.NotifyDaysBefore"] = "45" })).Content.ReadAsStringAsync());
        Assert.Contains("Preview", preview.QuerySelector("#bulk-summary")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Demo.QueryAsync(factory, db => db.CustomerLicenses.CountAsync(l => l.ServicePlanId == email && l.NotifyDaysBefore == 45)));

        // Every license that would change is ticked: applying sends them all.
        var applied = await client.PostAllAsync("/customers/bulk-change", (IHtmlFormElement)preview.QuerySelector("#bulk-form")!);
        var report = await PortalClient.ParseAsync(await applied.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);
        Assert.Contains("Applied", report.QuerySelector("#bulk-summary")?.TextContent, StringComparison.Ordinal);
        var total = await Demo.QueryAsync(factory, db => db.CustomerLicenses.CountAsync(l => l.ServicePlanId == email));
        Assert.Equal(total, await Demo.QueryAsync(factory, db => db.CustomerLicenses.CountAsync(l => l.ServicePlanId == email && l.NotifyDaysBefore == 45)));
    }

}
