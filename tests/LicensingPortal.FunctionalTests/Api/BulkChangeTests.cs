using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.FunctionalTests.Customers;
using LicensingPortal.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>R22: one change on many customers' licenses, previewed (changes and refusals with their rule) and applied.</summary>
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
    public async Task A_change_with_nothing_chosen_is_refused_as_bad_input_R18_R22()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);

        var response = await client.PostAsJsonAsync("/api/v1/bulk/license-changes/preview", new { licenseIds = Array.Empty<Guid>() });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("R18", await response.RuleCodeAsync());
    }
}
