using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using LicensingPortal.Domain.Billing;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Billing;
using LicensingPortal.Infrastructure.Seeding;
using MiniExcelLibs;
using UglyToad.PdfPig;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>
/// R24 exports: a statement (and this month's estimate) downloads as CSV, XLSX and PDF from its page's links, each file
/// read back with a real reader (a CSV parser, MiniExcel, PdfPig) and checked against the statement: every line, the
/// amounts adding up to the total. Whoever may read the statement may download it; anyone else gets 404 (R1).
/// </summary>
public sealed class StatementExportTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Contoso = "Contoso Managed Services";
    private const string Fabrikam = "Fabrikam Resellers";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task R24_the_csv_has_a_row_per_line_with_the_statements_figures_and_the_amounts_add_up_to_the_total()
    {
        var month = await Statements.CloseThisMonthAsync(factory);
        var statement = await Statements.OfAsync(factory, Contoso, month);
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var response = await msp.GetAsync($"/billing/statements/{statement.Id}/export/csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"statement-{month:yyyy-MM}-contoso-managed-services.csv", response.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        var rows = ParseCsv(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(["Customer", "Plan", "From", "To", "Days", "Provisioned", "Used", "Over-provisioned", "Chargeable", "Unit price", "Amount", "Comment", "Adjustment"], rows[0]);
        var lines = rows.Skip(1).ToList();
        Assert.Equal(statement.Lines.Count, lines.Count);
        Assert.True(lines.Count >= 3, $"Contoso's statement has {lines.Count} lines.");
        Assert.Equal(statement.Total, lines.Sum(r => decimal.Parse(r[10], CultureInfo.InvariantCulture)));
        Assert.Equal(
            statement.Lines.Select(l => $"{l.CustomerName}|{l.PlanName}|{l.From:yyyy-MM-dd}|{l.Chargeable}|{l.Amount.ToString("F2", CultureInfo.InvariantCulture)}").Order(StringComparer.Ordinal),
            lines.Select(r => $"{r[0]}|{r[1]}|{r[2]}|{r[8]}|{r[10]}").Order(StringComparer.Ordinal));
        var first = statement.Lines.OrderBy(l => l.CustomerName, StringComparer.OrdinalIgnoreCase).ThenBy(l => l.PlanName).ThenBy(l => l.From).First();
        var row = lines.First(r => r[0] == first.CustomerName && r[1] == first.PlanName && r[2] == first.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Assert.Equal([first.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), first.Days.ToString(CultureInfo.InvariantCulture), first.Provisioned.ToString(CultureInfo.InvariantCulture)], row[3..6]);
        Assert.Equal(first.Amount.ToString("F2", CultureInfo.InvariantCulture), row[10]);
    }

    [Fact]
    public async Task R24_an_msps_files_carry_its_resale_and_margin_columns_as_its_page_does_and_the_providers_never_do()
    {
        await using var own = new PortalFactory(); // a resale price of Contoso's would change the other tests' files
        var month = own.LastMonth();
        var statement = await own.StatementAsync(Contoso, month);
        var plan = statement.Lines.First(l => l.Amount > 0).PlanId;
        await using (var db = own.CreateDbContext())
        {
            var from = month.AddMonths(-1);
            db.PlanPrices.Add(PlanPrice.Set(statement.CompanyId, plan, BillingPeriod.Monthly, 6.00m, from, Currency.Usd, from, own.Clock.GetUtcNow()));
            await db.SaveChangesAsync(Cancel);
        }

        var resold = statement.Lines.Where(l => l.PlanId == plan).ToDictionary(l => l.Id, l => Currency.Usd.Round(l.Chargeable * 6.00m * l.Days / l.DaysInMonth));
        var msp = await PortalClient.SignedInAsync(own, DemoAccounts.MspAdmin);
        var provider = await PortalClient.SignedInAsync(own, DemoAccounts.ProviderAdmin);
        var csv = $"/billing/statements/{statement.Id}/export/csv";
        var xlsx = $"/billing/statements/{statement.Id}/export/xlsx";

        var mine = ParseCsv(await (await msp.GetAsync(csv)).Content.ReadAsStringAsync(Cancel));
        var theirs = ParseCsv(await (await provider.GetAsync(csv)).Content.ReadAsStringAsync(Cancel));

        Assert.Equal(["Customer", "Plan", "From", "To", "Days", "Provisioned", "Used", "Over-provisioned", "Chargeable", "Unit price", "Amount", "Resale", "Margin", "Comment", "Adjustment"], mine[0]);
        var rows = mine.Skip(1).ToList();
        Assert.Equal(statement.Lines.Count, rows.Count);
        var priced = rows.Where(r => r[11].Length > 0).ToList();
        Assert.Equal(resold.Count, priced.Count);
        Assert.Equal(resold.Values.Sum(), priced.Sum(r => decimal.Parse(r[11], CultureInfo.InvariantCulture)));
        Assert.All(priced, r => Assert.Equal(decimal.Parse(r[11], CultureInfo.InvariantCulture) - decimal.Parse(r[10], CultureInfo.InvariantCulture), decimal.Parse(r[12], CultureInfo.InvariantCulture)));
        Assert.All(rows.Except(priced), r => Assert.Equal(string.Empty, r[12]));
        Assert.Equal(StatementCsvWriter.Header.Split(','), theirs[0]);
        Assert.All(theirs, r => Assert.Equal(13, r.Length));

        using var workbook = new MemoryStream(await (await msp.GetAsync(xlsx)).Content.ReadAsByteArrayAsync(Cancel));
        var lines = workbook.Query(useHeaderRow: true, sheetName: "Lines").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["Customer", "Plan", "From", "To", "Days", "Provisioned", "Used", "Over-provisioned", "Chargeable", "Unit price", "Amount", "Resale", "Margin", "Comment", "Adjustment"], lines[0].Keys);
        Assert.Equal((double)resold.Values.Sum(), (double)lines[^1]["Resale"]!, 6);
        Assert.Equal((double)(resold.Values.Sum() - statement.Total), (double)lines[^1]["Margin"]!, 6);
        workbook.Position = 0;
        var customers = workbook.Query(useHeaderRow: true, sheetName: "Customers").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal((double)resold.Values.Sum(), customers[..^1].Sum(c => c["Resale"] is double d ? d : 0), 6);
        using var seen = new MemoryStream(await (await provider.GetAsync(xlsx)).Content.ReadAsByteArrayAsync(Cancel));
        Assert.DoesNotContain("Resale", seen.Query(useHeaderRow: true, sheetName: "Lines").Cast<IDictionary<string, object?>>().First().Keys);
        seen.Position = 0;
        Assert.DoesNotContain("Resale", seen.Query(useHeaderRow: true, sheetName: "Customers").Cast<IDictionary<string, object?>>().First().Keys);
    }

    [Fact]
    public async Task R24_the_xlsx_has_a_header_row_date_and_number_cells_a_totals_row_and_a_sheet_of_customers()
    {
        var month = await Statements.CloseThisMonthAsync(factory);
        var statement = await Statements.OfAsync(factory, Contoso, month);
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        var response = await provider.GetAsync($"/billing/statements/{statement.Id}/export/xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"statement-{month:yyyy-MM}-contoso-managed-services.xlsx", response.Content.Headers.ContentDisposition?.FileName);
        using var workbook = new MemoryStream(await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Equal(["Lines", "Customers", "Statement"], workbook.GetSheetNames());
        workbook.Position = 0;
        var lines = workbook.Query(useHeaderRow: true, sheetName: "Lines").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(["Customer", "Plan", "From", "To", "Days", "Provisioned", "Used", "Over-provisioned", "Chargeable", "Unit price", "Amount", "Comment", "Adjustment"], lines[0].Keys);
        Assert.Equal(statement.Lines.Count + 1, lines.Count);
        var total = lines[^1];
        Assert.Equal("Total", total["Customer"]);
        Assert.Equal((double)statement.Total, total["Amount"]);
        var body = lines[..^1];
        Assert.All(body, l => Assert.IsType<DateTime>(l["From"]));
        Assert.All(body, l => Assert.IsType<double>(l["Amount"]));
        Assert.Equal((double)statement.Total, body.Sum(l => (double)l["Amount"]!), 6);
        Assert.Equal(statement.Lines.Min(l => l.From).ToDateTime(TimeOnly.MinValue), body.Min(l => (DateTime)l["From"]!));

        workbook.Position = 0;
        var customers = workbook.Query(useHeaderRow: true, sheetName: "Customers").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(statement.Lines.Select(l => l.CustomerId).Distinct().Count() + 1, customers.Count);
        Assert.Equal((double)statement.Total, customers[^1]["Amount"]);
        Assert.Equal((double)statement.Total, customers[..^1].Sum(c => (double)c["Amount"]!), 6);
        workbook.Position = 0;
        var facts = workbook.Query(useHeaderRow: true, sheetName: "Statement").Cast<IDictionary<string, object?>>().ToDictionary(r => (string)r["Field"]!, r => r["Value"]);
        Assert.Equal("Northwind Distribution", facts["Provider"]);
        Assert.Equal(Contoso, facts["Partner"]);
        Assert.Equal("Preparing", facts["State"]);
    }

    [Fact]
    public async Task R24_the_pdf_statement_names_the_provider_the_partner_the_month_the_state_and_the_total_with_page_numbers()
    {
        var month = await Statements.CloseThisMonthAsync(factory);
        var statement = await Statements.OfAsync(factory, Contoso, month);
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var response = await msp.GetAsync($"/billing/statements/{statement.Id}/export/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"statement-{month:yyyy-MM}-contoso-managed-services.pdf", response.Content.Headers.ContentDisposition?.FileName);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Cancel));
        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        Assert.Contains($"Statement · {month.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}", text, StringComparison.Ordinal);
        Assert.Contains("Northwind Distribution", text, StringComparison.Ordinal);
        Assert.Contains(Contoso, text, StringComparison.Ordinal);
        Assert.Contains("Preparing", text, StringComparison.Ordinal);
        Assert.Contains($"{statement.Total.ToString("N2", CultureInfo.InvariantCulture)} USD", text, StringComparison.Ordinal);
        foreach (var customer in statement.Lines.Select(l => l.CustomerName).Distinct())
        {
            Assert.Contains($"Subtotal {customer}", text, StringComparison.Ordinal);
        }

        Assert.Contains($"Page 1 of {pdf.NumberOfPages}", pdf.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R24_a_long_statement_runs_over_pages_each_numbered_with_the_column_titles_again_and_the_total_at_the_end()
    {
        var month = new DateOnly(2025, 3, 1);
        var statement = await Statements.MadeUpAsync(factory, Fabrikam, month, lines: 400, customerName: i => $"Customer {i:000}");
        var reseller = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);

        var response = await reseller.GetAsync($"/billing/statements/{statement.Id}/export/pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync(Cancel));
        Assert.True(pdf.NumberOfPages >= 10, $"400 customers of one line each fit on {pdf.NumberOfPages} pages.");
        foreach (var page in pdf.GetPages())
        {
            Assert.Contains($"Page {page.Number} of {pdf.NumberOfPages}", page.Text, StringComparison.Ordinal);
            Assert.Contains("Unit price", page.Text, StringComparison.Ordinal);
        }

        var text = string.Join("\n", pdf.GetPages().Select(p => p.Text));
        Assert.Contains("Subtotal Customer 000", text, StringComparison.Ordinal);
        Assert.Contains("Subtotal Customer 399", text, StringComparison.Ordinal);
        Assert.Equal(12_000.00m, statement.Total); // 400 lines × 3 units × 10.00
        Assert.Contains("12,000.00 USD", pdf.GetPage(pdf.NumberOfPages).Text, StringComparison.Ordinal);

        var csv = ParseCsv(await (await reseller.GetAsync($"/billing/statements/{statement.Id}/export/csv")).Content.ReadAsStringAsync(Cancel));
        Assert.Equal(401, csv.Count);
    }

    [Fact]
    public async Task R24_this_months_estimate_downloads_too_for_the_partner_and_its_provider()
    {
        var contoso = await Statements.CompanyAsync(factory, Contoso);
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var today = factory.Clock.Today;

        var mine = await msp.GetAsync($"/billing/estimate/{contoso}/export/csv");
        var theirs = await provider.GetAsync($"/billing/estimate/{contoso}/export/pdf");

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal($"statement-{today:yyyy-MM}-contoso-managed-services-estimate.csv", mine.Content.Headers.ContentDisposition?.FileName);
        Assert.True(ParseCsv(await mine.Content.ReadAsStringAsync(Cancel)).Count > 1);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        using var pdf = PdfDocument.Open(await theirs.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Contains("Open (estimate so far)", pdf.GetPage(1).Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task R1_R24_another_partners_statement_a_user_without_billing_and_an_unknown_format_are_404()
    {
        var month = await Statements.CloseThisMonthAsync(factory);
        var fabrikam = await Statements.OfAsync(factory, Fabrikam, month);
        var contoso = await Statements.OfAsync(factory, Contoso, month);
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var staff = await PortalClient.SignedInAsync(factory, DemoAccounts.MspStaff);
        var support = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderSupport);

        foreach (var format in new[] { "csv", "xlsx", "pdf" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync($"/billing/statements/{fabrikam.Id}/export/{format}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync($"/billing/estimate/{fabrikam.CompanyId}/export/{format}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/billing/statements/{contoso.Id}/export/{format}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync($"/billing/statements/{contoso.Id}/export/{format}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync($"/billing/statements/{contoso.Id}/export/docx")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync($"/billing/statements/{contoso.Id}/export/1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await msp.GetAsync($"/billing/statements/{contoso.Id}/export/csv")).StatusCode);
    }

    [Fact]
    public async Task R24_text_in_the_workbook_is_never_a_formula()
    {
        var statement = await Statements.MadeUpAsync(factory, Contoso, new DateOnly(2025, 4, 1), lines: 2, customerName: i => i == 0 ? "=HYPERLINK(\"https://evil.example\",\"Click\")" : "@SUM(A1)");
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var bytes = await (await msp.GetAsync($"/billing/statements/{statement.Id}/export/xlsx")).Content.ReadAsByteArrayAsync(Cancel);

        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(sheets);
        foreach (var sheet in sheets)
        {
            using var reader = new StreamReader(sheet.Open(), Encoding.UTF8);
            var xml = await reader.ReadToEndAsync(Cancel);
            Assert.DoesNotContain("<x:f", xml, StringComparison.Ordinal);
            Assert.DoesNotContain("<f>", xml, StringComparison.Ordinal);
        }

        using var workbook = new MemoryStream(bytes);
        var names = workbook.Query(useHeaderRow: true, sheetName: "Lines").Cast<IDictionary<string, object?>>().Select(r => r["Customer"]).ToList();
        Assert.Contains("=HYPERLINK(\"https://evil.example\",\"Click\")", names);
    }

    /// <summary>RFC 4180: quoted fields may hold commas, doubled quotes and line breaks.</summary>
    internal static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
            }
            else if (c != '\r')
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }
}
