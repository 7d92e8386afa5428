using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Security;

/// <summary>
/// CSV injection (issue 19 §5, OWASP): customers whose names a spreadsheet would run as formulas (= + - @ and their
/// full-width forms ＝ ＋ － ＠) are written by every export with a single quote in front, so the cell shows the
/// name. One test per export; <c>Csv.Field</c> is the one place that does it. (The statement's XLSX writes names as text
/// cells, never formulas: StatementExportTests.)
/// </summary>
public sealed class CsvInjectionTests(PortalFactory factory) : IClassFixture<PortalFactory>, IAsyncLifetime
{
    private const string PlanName = "Email Security Standard – 12 months";

    private static readonly string[] Names = ["＝1+1 Fullwidth Dental", "=1+1 Ascii Bakery", "@SUM(A1) Legal", "-2+3 Clinic", "+1 Logistics", "＋1 Motors", "－1 Farms", "＠cmd Studio"];

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>Each name a customer of Contoso with a license on one plan, expiring within 30 days.</summary>
    public async ValueTask InitializeAsync()
    {
        await using var db = factory.CreateDbContext();
        if (await db.Customers.AnyAsync(c => c.Name == Names[0], Cancel))
        {
            return;
        }

        var now = factory.Clock.GetUtcNow();
        var owner = await db.Companies.SingleAsync(c => c.Name == "Contoso Managed Services", Cancel);
        var plan = await db.ServicePlans.Include(p => p.Product).SingleAsync(p => p.Name == PlanName && p.OwnerId == owner.Id, Cancel);
        var pool = await db.LicensePools.SingleAsync(p => p.PartnerId == owner.Id && p.ProductId == plan.ProductId && p.ServiceLevelId == plan.ServiceLevelId && p.LicenseType == plan.LicenseType, Cancel);
        var actor = new Actor(null, "CSV test");
        foreach (var name in Names)
        {
            var customer = Customer.Create(owner, name, null, "US", now);
            var (license, purchase) = CustomerLicense.Purchase(customer, plan, 1, pool, actor, now);
            var change = license.Modify(license.Settings with { ExpiresOn = factory.Clock.Today.AddDays(10) }, null, _ => pool, actor, now);
            db.AddRange(customer, license, purchase, change);
        }

        await db.SaveChangesAsync(Cancel);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task<string> ExportAsync(string url)
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var response = await client.GetAsync(url);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync(Cancel);
    }

    private static void AssertNeutralised(string csv)
    {
        Assert.All(Names, name =>
        {
            Assert.Contains($"\"'{name}\"", csv, StringComparison.Ordinal);
            Assert.DoesNotContain($"\"{name}\"", csv, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_customers_export_neutralises_formula_names() =>
        AssertNeutralised(await ExportAsync("/customers/export"));

    [Fact]
    public async Task The_transactions_export_neutralises_formula_names_R9() =>
        AssertNeutralised(await ExportAsync("/reports/transactions/export"));

    [Fact]
    public async Task The_expiring_licenses_export_neutralises_formula_names_R20() =>
        AssertNeutralised(await ExportAsync("/reports/expiring/export?days=30"));

    [Fact]
    public async Task The_bulk_change_file_of_a_plan_neutralises_formula_names_and_still_reads_back_R22()
    {
        var planId = await factory.QueryAsync(db => db.ServicePlans
            .Where(p => p.Name == PlanName && db.Companies.Any(c => c.Id == p.OwnerId && c.Name == "Contoso Managed Services")).Select(p => p.Id).SingleAsync(Cancel));

        var csv = await ExportAsync($"/customers/bulk-change/export?plan={planId}");
        var (rows, error) = LicensingPortal.Application.Licenses.BulkLicenseCsv.Read(csv);

        AssertNeutralised(csv);
        Assert.Null(error);
        Assert.All(rows, r => Assert.Null(r.Error));
    }

    [Fact]
    public async Task The_statement_export_neutralises_formula_names_R24()
    {
        var contoso = await factory.QueryAsync(db => db.Companies.Where(c => c.Name == "Contoso Managed Services").Select(c => c.Id).SingleAsync(Cancel));

        AssertNeutralised(await ExportAsync($"/billing/estimate/{contoso}/export/csv"));
    }
}
