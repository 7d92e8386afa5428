using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>R22 by file and by checkbox: the licenses of a plan downloaded as CSV, changed per row, uploaded, previewed and applied; or ticked on the preview.</summary>
[Trait("Category", "Calendar")]
public sealed class BulkCsvImportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string EmailPlan = "Email Security Standard – 12 months";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_downloaded_plan_changed_per_row_is_previewed_with_each_rows_refusal_then_applied_row_by_row_R22_R18_R1()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var plan = await Demo.PlanAsync(factory, EmailPlan);
        var download = await msp.GetAsync($"/customers/bulk-change/export?plan={plan}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
        var lines = (await download.Content.ReadAsStringAsync(Cancel)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).ToList();
        Assert.Equal("License ID,Customer,Plan,Units,Auto-renewal,Renew every (months),Expires,Notify days before,Apply on", lines[0]);
        var mine = await Demo.QueryAsync(factory, db => db.CustomerLicenses.Where(l => l.ServicePlanId == plan && l.Customer.Owner.Name == "Contoso Managed Services")
            .Select(l => new { l.Id, l.Units, l.AutoRenew }).ToListAsync(Cancel));
        Assert.True(mine.Count >= 2, "the demo MSP has at least two licenses of the plan");
        Assert.Equal(mine.Select(l => l.Id.ToString()).Order(), lines.Skip(1).Select(l => l.Split(',')[0]).Order());

        // Row 2: more units. Row 3: auto-renewal off. Then a row that cannot be read, another company's license, and row 2 again.
        var first = Cells(lines[1]);
        var second = Cells(lines[2]);
        var firstUnits = int.Parse(first[3], System.Globalization.CultureInfo.InvariantCulture);
        first[3] = (firstUnits + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        second[4] = "No";
        second[5] = string.Empty;
        var foreign = await Demo.QueryAsync(factory, db => db.CustomerLicenses.Where(l => l.Customer.Owner.Name == "Fabrikam Resellers").Select(l => l.Id).FirstAsync(Cancel));
        var edited = new StringBuilder(lines[0]).Append("\r\n")
            .Append(string.Join(',', first)).Append("\r\n")
            .Append(string.Join(',', second)).Append("\r\n")
            .Append(string.Join(',', first[0], "\"Cedar, \"\"Law\"\"\"", "x", "twelve", "", "", "", "", "")).Append("\r\n")
            .Append($"{foreign},,,5,,,,,\r\n")
            .Append(string.Join(',', first)).Append("\r\n");
        foreach (var line in lines.Skip(3))
        {
            edited.Append(line).Append("\r\n");
        }

        var before = await LicensesAsync();
        var preview = await UploadAsync(msp, edited.ToString());
        Assert.Contains("Preview of the CSV file", preview.QuerySelector("#bulk-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2 would change", preview.QuerySelector("#bulk-summary")!.TextContent, StringComparison.Ordinal);
        var rows = preview.QuerySelectorAll("#bulk-report tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Line 4: Units \"twelve\" is not a whole number.", StringComparison.Ordinal));
        Assert.Equal("Refused", preview.QuerySelector("#bulk-report tbody [data-rule=R1]")?.TextContent);
        Assert.Contains(rows, r => r.Contains("already on line 2", StringComparison.Ordinal));
        Assert.Equal(before, await LicensesAsync());

        // Counted from here: the class's other tests (in any order) may change these licenses too.
        var firstId = Guid.Parse(first[0]);
        var secondId = Guid.Parse(second[0]);
        Task<int> ChangesAsync() => Demo.QueryAsync(factory, db => db.LicenseTransactions.CountAsync(t => (t.LicenseId == firstId || t.LicenseId == secondId) && t.Type == TransactionType.LicenseChange, Cancel));
        var changesBefore = await ChangesAsync();
        var apply = PortalClient.FormValues(preview, "#import-apply");
        var applied = await PortalClient.ParseAsync(await (await msp.PostAsync("/customers/bulk-change/import", apply, null)).Content.ReadAsStringAsync(Cancel));
        Assert.Contains("Applied of the CSV file: 2 changed", applied.QuerySelector("#bulk-summary")!.TextContent, StringComparison.Ordinal);
        var after = await LicensesAsync();
        Assert.Equal(firstUnits + 1, after[firstId].Units);
        Assert.False(after[secondId].AutoRenew);
        Assert.Equal(before.Where(l => l.Key != firstId && l.Key != secondId), after.Where(l => l.Key != firstId && l.Key != secondId));
        Assert.Equal(changesBefore + 2, await ChangesAsync());
    }

    [Fact]
    public async Task A_file_that_cannot_be_read_is_refused_whole_with_the_reason_and_nothing_is_saved_R22_R18()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var before = await LicensesAsync();
        var license = before.Keys.First();

        var cases = new Dictionary<string, string>
        {
            [string.Empty] = "The file is empty",
            ["Customer,Units\r\nCedar,3\r\n"] = "no \"License ID\" column",
            ["License ID,Units,Colour\r\n" + license + ",3,red\r\n"] = "Unknown column \"Colour\"",
            ["License ID,Units\r\n"] = "no licenses",
            ["License ID,Units\r\n" + string.Concat(Enumerable.Repeat(license + ",3\r\n", 501))] = "at most 500",
            ["License ID,Units\r\n" + new string('x', 600 * 1024)] = "larger than 512 KB",
        };
        foreach (var (csv, message) in cases)
        {
            var page = await UploadAsync(msp, csv);
            Assert.Contains(message, page.QuerySelector("#import-error")?.TextContent ?? "(no error shown)", StringComparison.Ordinal);
            Assert.Null(page.QuerySelector("#import-apply"));
        }

        Assert.Equal(before, await LicensesAsync());
    }

    [Fact]
    public async Task Only_the_licenses_left_ticked_on_the_preview_are_changed_R22()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var plan = await Demo.PlanAsync(factory, EmailPlan);
        var page = await msp.GetPageAsync("/customers/bulk-change");
        var preview = await PortalClient.ParseAsync(await (await msp.SubmitAsync(page, "#bulk-form", new() { ["Input.ServicePlanId"] = plan.ToString(), ["Input.NotifyDaysBefore"] = "44" })).Content.ReadAsStringAsync(Cancel));
        var ticks = preview.QuerySelectorAll("input[name='Input.LicenseIds'][checked]").Select(i => i.GetAttribute("value")!).ToList();
        Assert.True(ticks.Count >= 2, "the plan has at least two licenses that would change");

        var form = PortalClient.FormValues(preview, "#bulk-form");
        form["Input.LicenseIds"] = ticks[0];
        var applied = await msp.PostAsync("/customers/bulk-change", form, null);
        Assert.Equal(HttpStatusCode.OK, applied.StatusCode);

        var changed = await Demo.QueryAsync(factory, db => db.CustomerLicenses.Where(l => l.ServicePlanId == plan && l.NotifyDaysBefore == 44).Select(l => l.Id).ToListAsync(Cancel));
        Assert.Equal([Guid.Parse(ticks[0])], changed);
    }

    [Fact]
    public async Task The_progress_bar_applies_ticked_licenses_in_parts_and_a_part_too_large_or_empty_is_refused_R22()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var page = await msp.GetPageAsync("/customers/bulk-change");
        var token = PortalClient.AntiforgeryToken(page);
        var (_, northgate) = await Demo.LicenseOfAsync(factory, "Northgate Realty");

        var tooMany = new List<KeyValuePair<string, string>> { new("Input.NotifyDaysBefore", "47"), new("__RequestVerificationToken", token) };
        tooMany.AddRange(Enumerable.Range(0, 26).Select(_ => KeyValuePair.Create("Input.LicenseIds", Guid.NewGuid().ToString())));
        Assert.Equal(HttpStatusCode.BadRequest, (await msp.Http.PostAsync("/customers/bulk-change/part", new FormUrlEncodedContent(tooMany), Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await msp.PostAsync("/customers/bulk-change/part", new() { ["Input.NotifyDaysBefore"] = "47" }, token)).StatusCode);

        var part = await msp.PostAsync("/customers/bulk-change/part", new() { ["Input.NotifyDaysBefore"] = "47", ["Input.LicenseIds"] = northgate.ToString() }, token);
        Assert.Equal(HttpStatusCode.OK, part.StatusCode);
        var report = await part.JsonAsync();
        Assert.Equal("Change", report.GetProperty("lines")[0].GetProperty("outcome").GetString());
        Assert.Equal(47, await Demo.QueryAsync(factory, db => db.CustomerLicenses.Where(l => l.Id == northgate).Select(l => l.NotifyDaysBefore).SingleAsync(Cancel)));
    }

    private static List<string> Cells(string line)
    {
        // The generated file quotes text columns; the ones edited here (ids, numbers, Yes/No) are never quoted.
        var cells = new List<string>();
        var inQuotes = false;
        var cell = new StringBuilder();
        foreach (var c in line)
        {
            if (c == '"')
            {
                inQuotes = !inQuotes;
            }

            if (c == ',' && !inQuotes)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        cells.Add(cell.ToString());
        return cells;
    }

    private async Task<IHtmlDocument> UploadAsync(PortalClient client, string csv)
    {
        var page = await client.GetPageAsync("/customers/bulk-change");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(PortalClient.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "licenses.csv" },
        };
        var response = await client.Http.PostAsync("/customers/bulk-change/import/preview", content, Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(Cancel));
    }

    private sealed record LicenseState(int Units, bool AutoRenew, int? AutoRenewMonths, DateOnly ExpiresOn, int NotifyDaysBefore, int Version);

    private Task<Dictionary<Guid, LicenseState>> LicensesAsync() =>
        Demo.QueryAsync(factory, db => db.CustomerLicenses.ToDictionaryAsync(l => l.Id, l => new LicenseState(l.Units, l.AutoRenew, l.AutoRenewMonths, l.ExpiresOn, l.NotifyDaysBefore, l.Version), Cancel));
}
