using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;

namespace LicensingPortal.FunctionalTests;

[Trait("Category", "Calendar")]
public sealed class ExpiringLicensesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static async Task<List<string>> CustomersOnAsync(PortalClient client, string url)
    {
        var page = await client.GetPageAsync(url);
        return page.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent.Trim()).ToList();
    }

    [Fact]
    public async Task A_partner_sees_its_own_licenses_expiring_and_not_another_partners_R1_R20()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var customers = await CustomersOnAsync(msp, "/reports/expiring?days=30");

        Assert.Contains("Cedar Law Group", customers);
        Assert.DoesNotContain("Isar Kliniken", customers);
        Assert.DoesNotContain("Delta Bakery", customers);
    }

    [Fact]
    public async Task The_provider_sees_its_partners_licenses_and_can_include_expired_ones()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        var customers = await CustomersOnAsync(provider, "/reports/expiring?days=30&expired=true");

        Assert.Contains("Cedar Law Group", customers);
        Assert.Contains("Isar Kliniken", customers);
        Assert.Contains("Delta Bakery", customers);
    }

    [Fact]
    public async Task The_report_exports_as_csv()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var response = await msp.GetAsync("/reports/expiring/export?days=30");
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("Customer,Managed by,Plan", csv, StringComparison.Ordinal);
        Assert.Contains("\"Cedar Law Group\"", csv, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_dashboard_counts_link_to_the_filtered_lists()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var home = await msp.GetPageAsync("/");
        var expiring = home.QuerySelector("[data-figure=expiring30]")!;
        var listed = await CustomersOnAsync(msp, expiring.Closest("a")!.GetAttribute("href")!);

        Assert.Equal(int.Parse(expiring.TextContent.Trim(), System.Globalization.CultureInfo.InvariantCulture), listed.Count);
        Assert.NotEmpty(home.QuerySelectorAll("#recent-heading ~ ul li, .list-group-item"));
    }
}
