using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;

namespace LicensingPortal.FunctionalTests.Customers;

[Trait("Category", "Calendar")]
public sealed class TransactionsReportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Transactions_list_who_when_and_before_after_and_filter_by_customer_and_type_R9()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var from = factory.Clock.Today.AddYears(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var page = await client.GetPageAsync($"/reports/transactions?customer=Delta&from={from}");
        var rows = page.QuerySelectorAll("[data-testid=transactions] tbody tr").Select(r => r.TextContent).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.Contains("License change", StringComparison.Ordinal) && r.Contains("Auto-renewal: Yes", StringComparison.Ordinal) && r.Contains("Auto-renewal: No", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("New purchase", StringComparison.Ordinal));

        var purchases = await client.GetPageAsync($"/reports/transactions?customer=Delta&type=NewPurchase&from={from}");
        Assert.Single(purchases.QuerySelectorAll("[data-testid=transactions] tbody tr"));
    }

    [Fact]
    public async Task A_partner_never_sees_another_companys_transactions_R1()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var from = factory.Clock.Today.AddYears(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var page = await client.GetPageAsync($"/reports/transactions?from={from}");
        var customers = page.QuerySelectorAll("[data-testid=transactions] tbody tr td:nth-child(3)").Select(td => td.TextContent.Trim()).Distinct().Order().ToList();

        Assert.Equal(["Hanse Logistik", "Isar Kliniken"], customers);
    }

    [Fact]
    public async Task The_report_exports_as_csv()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var csv = await (await client.GetAsync("/reports/transactions/export?customer=Cedar&from=2020-01-01")).Content.ReadAsStringAsync();

        Assert.StartsWith("When (UTC),Type,Customer", csv, StringComparison.Ordinal);
        Assert.Contains("\"Cedar Law Group\"", csv, StringComparison.Ordinal);
    }
}
