using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>
/// R24 on Integrations › Usage: a CSV file of units in use per license and day, uploaded as a person would, recorded
/// whole or not at all, every wrong row listed with its line; only users who report usage reach the page.
/// </summary>
public sealed class UsagePageTests(UsageFactory factory) : IClassFixture<UsageFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly DateOnly Today = UsageFactory.Today;

    /// <summary>The page's upload form, with its antiforgery token and the file.</summary>
    private static async Task<IHtmlDocument> UploadAsync(PortalClient client, string csv)
    {
        var page = await client.GetPageAsync("/usage");
        var form = page.QuerySelector("form#usage-upload")!;
        var content = new MultipartFormDataContent
        {
            { new StringContent(PortalClient.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "usage.csv" },
        };
        var response = await client.Http.PostAsync(form.GetAttribute("action"), content, Cancel);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {html[..Math.Min(html.Length, 1000)]}");
        return await PortalClient.ParseAsync(html);
    }

    private static string Count(IHtmlDocument page, string name) => page.QuerySelector($"[data-count={name}]")?.TextContent ?? "(none)";

    private static List<string> Problems(IHtmlDocument page) => page.QuerySelectorAll("#usage-problems li").Select(li => li.TextContent.Trim()).ToList();

    [Fact]
    public async Task A_file_uploaded_on_the_page_is_recorded_and_counted_and_the_same_file_again_changes_nothing_R24()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var summit = await Usage.LicenseAsync(factory, "Summit Physiotherapy");
        var (a, b) = (Usage.Day(Today.AddDays(-2)), Usage.Day(Today.AddDays(-1)));
        var csv = $"LicenseId,Day,Used\r\n{summit.Id},{a},3\r\n{summit.Id},{b},{summit.Units + 1}\r\n\"{summit.Id}\",{b},2\r\n";

        var first = await UploadAsync(msp, csv);
        var again = await UploadAsync(msp, csv);

        Assert.Equal(("3", "2", "1", "1"), (Count(first, "reports"), Count(first, "recorded"), Count(first, "unchanged"), Count(first, "over-provisioned")));
        Assert.Equal(summit.Id.ToString(), first.QuerySelector("#usage-over-provisioned tbody tr")?.GetAttribute("data-license"));
        Assert.Empty(Problems(first));
        Assert.Equal(("3", "0", "3"), (Count(again, "reports"), Count(again, "recorded"), Count(again, "unchanged")));
        Assert.Equal(3, await Usage.UsedAsync(factory, summit.Id, Today.AddDays(-2)));
        Assert.Equal(summit.Units + 1, await Usage.UsedAsync(factory, summit.Id, Today.AddDays(-1)));

        // The license's page shows the month's highest day against its units.
        var license = await msp.GetPageAsync($"/customers/{summit.CustomerId}/licenses/{summit.Id}");
        Assert.Contains($"{summit.Units + 1} of {summit.Units} units", license.QuerySelector("#license-usage")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(license.QuerySelector("#license-usage .badge"));
    }

    [Fact]
    public async Task A_file_with_wrong_rows_saves_nothing_and_names_each_row_by_its_line_and_column_R18_R24()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var driftwood = await Usage.LicenseAsync(factory, "Driftwood Studios");
        var hanse = await Usage.LicenseAsync(factory, "Hanse Logistik"); // Fabrikam's
        var day = Usage.Day(Today.AddDays(-1));
        var csv = string.Join("\r\n",
            "LicenseId,Day,Used",
            $"{driftwood.Id},{day},4",                         // line 2: fine, but not saved with the others wrong
            $"{driftwood.Id},2026-13-01,4",                    // line 3
            $"{driftwood.Id},{day},-5",                        // line 4
            $"{driftwood.Id},{Usage.Day(Today.AddDays(1))},4", // line 5
            $"{hanse.Id},{day},4",                             // line 6
            $"abc,{day},4",                                    // line 7
            $"{driftwood.Id},{day},",                          // line 8
            $"{driftwood.Id},{day},12x");                      // line 9

        var page = await UploadAsync(msp, csv);

        Assert.Equal(
        [
            "Line 3: Day \"2026-13-01\" is not a date like 2026-11-30.",
            "Line 4: Used must be between 0 and 999,999.",
            $"Line 5: Usage is reported for a day that has begun: {Usage.Day(Today.AddDays(1))} is after today ({Usage.Day(Today)}).",
            $"Line 6: license {hanse.Id} was not found.",
            "Line 7: LicenseId \"abc\" is not a license id.",
            "Line 8: Used is missing.",
            "Line 9: Used \"12x\" is not a whole number of units.",
        ], Problems(page));
        Assert.Contains("Nothing was saved", page.QuerySelector("#usage-refused")?.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#usage-summary"));
        Assert.Equal(0, await Usage.RowsAsync(factory, driftwood.Id));
        Assert.Equal(0, await Usage.RowsAsync(factory, hanse.Id));
    }

    [Theory]
    [InlineData("", "The file is empty")]
    [InlineData("License ID,Day,Units\r\n", "The first line must be the header LicenseId,Day,Used")]
    [InlineData("LicenseId,Day,Used\r\n", "The file has a header but no reports.")]
    public async Task A_file_that_cannot_be_read_is_refused_as_a_whole_R18_R24(string csv, string expected)
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var page = await UploadAsync(msp, csv);

        Assert.StartsWith(expected, Assert.Single(Problems(page)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_users_who_report_usage_reach_the_page_and_a_crafted_upload_is_refused_like_it_R24()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var staff = await PortalClient.SignedInAsync(factory, DemoAccounts.MspStaff); // Customer Account Manager
        var upland = await Usage.LicenseAsync(factory, "Upland Farms");
        var token = PortalClient.AntiforgeryToken(await staff.GetPageAsync("/customers"));

        // The administrator finds it under Integrations; the customer account manager neither sees nor reaches it.
        var home = await admin.GetPageAsync("/api-keys");
        Assert.NotNull(home.QuerySelector("nav[aria-label=Integrations] a[href='/usage']"));
        Assert.Null((await staff.GetPageAsync("/customers")).QuerySelector("a[href='/usage']"));
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/usage")).StatusCode);
        var crafted = await staff.Http.PostAsync("/usage/upload", new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes($"LicenseId,Day,Used\r\n{upland.Id},{Usage.Day(Today)},3\r\n")), "file", "usage.csv" },
        }, Cancel);
        Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderSupport)).GetAsync("/usage")).StatusCode);
        Assert.Equal(0, await Usage.RowsAsync(factory, upland.Id));
    }
}
