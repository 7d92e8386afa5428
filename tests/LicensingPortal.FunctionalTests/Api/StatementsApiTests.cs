using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LicensingPortal.Application.Security;
using LicensingPortal.FunctionalTests.Billing;
using LicensingPortal.FunctionalTests.Infrastructure;
using MiniExcelLibs;
using UglyToad.PdfPig;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>
/// R21 for R24: the statement pages' review through /api/v1/statements, under the same rules, permissions and tenancy
/// as the pages: the comment an adjustment needs (400 naming the field), the partner adjusts and submits while the
/// provider decides (422 R24), If-Match (412 stale, 428 missing, R19), another partner's statement is 404 (R1).
/// </summary>
public sealed class StatementsApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Contoso = ApiKeys.Contoso;
    private const string Fabrikam = "Fabrikam Resellers";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task R21_R24_the_partner_adjusts_and_submits_and_the_provider_rejects_approves_and_completes_through_the_api()
    {
        var month = await Statements.CloseThisMonthAsync(factory);
        var msp = await ApiKeys.ClientAsync(factory, Contoso);
        var provider = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);

        var list = await (await msp.GetAsync($"/api/v1/statements?month={month:yyyy-MM-dd}", Cancel)).JsonAsync();
        var row = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(Contoso, row.GetProperty("companyName").GetString());
        var url = $"/api/v1/statements/{row.GetProperty("id").GetGuid()}";
        var read = await msp.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        var statement = await read.JsonAsync();
        Assert.Equal("Preparing", statement.GetProperty("state").GetString());
        Assert.True(statement.GetProperty("can").GetProperty("adjust").GetBoolean());
        var line = statement.GetProperty("customers").EnumerateArray().SelectMany(c => c.GetProperty("lines").EnumerateArray()).First(l => l.GetProperty("chargeable").GetInt32() > 1);
        var adjust = $"{url}/lines/{line.GetProperty("id").GetGuid()}/adjustment";
        var etag = read.Headers.ETag!.Tag;

        // R24 through the API as on the page: the comment is required, named; nothing changes.
        var noComment = await PostAsync(msp, adjust, new { chargeable = 1 }, etag);
        Assert.Equal(HttpStatusCode.BadRequest, noComment.StatusCode);
        Assert.True((await noComment.JsonAsync()).GetProperty("errors").TryGetProperty("Comment", out _));

        // The provider reads the partner's statement but does not adjust it.
        var providerAdjusts = await PostAsync(provider, adjust, new { chargeable = 1, comment = "Provider" }, etag);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, providerAdjusts.StatusCode);
        Assert.Equal("R24", await providerAdjusts.RuleCodeAsync());

        // R19: without If-Match 428; with a stale one 412; nothing changes either way.
        Assert.Equal((HttpStatusCode)428, (await PostAsync(msp, adjust, new { chargeable = 1, comment = "No tag" }, null)).StatusCode);
        var adjusted = await PostAsync(msp, adjust, new { chargeable = 1, comment = "Only one seat was handed out" }, etag);
        Assert.Equal(HttpStatusCode.OK, adjusted.StatusCode);
        var stale = await PostAsync(msp, $"{url}/submit", null, etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("R19", await stale.RuleCodeAsync());
        var afterAdjust = await adjusted.JsonAsync();
        Assert.Equal("Only one seat was handed out", Assert.Single(afterAdjust.GetProperty("adjustments").EnumerateArray()).GetProperty("comment").GetString());
        Assert.Equal(decimal.Parse(statement.GetProperty("total").GetRawText(), CultureInfo.InvariantCulture)
            - line.GetProperty("amount").GetDecimal() + line.GetProperty("monthlyUnitPrice").GetDecimal() * line.GetProperty("days").GetInt32() / line.GetProperty("daysInMonth").GetInt32(),
            afterAdjust.GetProperty("total").GetDecimal(), 2);

        var submitted = await PostAsync(msp, $"{url}/submit", null, adjusted.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("Submitted", (await submitted.JsonAsync()).GetProperty("state").GetString());

        // The partner does not decide its own statement; the provider needs a reason to reject.
        var selfApproved = await PostAsync(msp, $"{url}/approve", null, submitted.Headers.ETag!.Tag);
        Assert.Equal(("R24", HttpStatusCode.UnprocessableEntity), (await selfApproved.RuleCodeAsync(), selfApproved.StatusCode));
        var noReason = await PostAsync(provider, $"{url}/reject", new { reason = " " }, submitted.Headers.ETag!.Tag);
        Assert.Equal(("R24", HttpStatusCode.UnprocessableEntity), (await noReason.RuleCodeAsync(), noReason.StatusCode));
        var rejected = await PostAsync(provider, $"{url}/reject", new { reason = "Two seats were in use all month." }, submitted.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        var rejection = await rejected.JsonAsync();
        Assert.Equal(("Rejected", "Two seats were in use all month."), (rejection.GetProperty("state").GetString(), rejection.GetProperty("rejectionReason").GetString()));

        var again = await PostAsync(msp, $"{url}/submit", null, rejected.Headers.ETag!.Tag);
        var approved = await PostAsync(provider, $"{url}/approve", null, again.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var frozen = await PostAsync(msp, adjust, new { chargeable = 2, comment = "Late" }, approved.Headers.ETag!.Tag);
        Assert.Equal(("R24", HttpStatusCode.UnprocessableEntity), (await frozen.RuleCodeAsync(), frozen.StatusCode));
        var completed = await PostAsync(provider, $"{url}/complete", null, approved.Headers.ETag!.Tag);
        Assert.Equal("Completed", (await completed.JsonAsync()).GetProperty("state").GetString());
    }

    [Fact]
    public async Task R1_R21_another_partners_statement_and_estimate_are_404_and_a_key_without_billing_sees_nothing()
    {
        var month = await Statements.CloseThisMonthAsync(factory);
        var fabrikam = await Statements.OfAsync(factory, Fabrikam, month);
        var msp = await ApiKeys.ClientAsync(factory, Contoso);
        var url = $"/api/v1/statements/{fabrikam.Id}";
        var line = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync(url, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync($"{url}/export/csv", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync($"/api/v1/statements/estimate/{fabrikam.CompanyId}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(msp, $"{url}/lines/{line}/adjustment", new { chargeable = 1, comment = "Mine now" }, "\"1\"")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(msp, $"{url}/submit", null, "\"1\"")).StatusCode);
        var list = await (await msp.GetAsync($"/api/v1/statements?month={month:yyyy-MM-dd}&search=Fabrikam", Cancel)).JsonAsync();
        Assert.Empty(list.GetProperty("items").EnumerateArray());

        // A Customer Account Manager's key has no ViewBilling: the statements are not there for it (R1: 404, not 403).
        var staff = await ApiKeys.ClientAsync(factory, Contoso, Roles.CustomerAccountManager);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync($"/api/v1/statements?month={month:yyyy-MM-dd}", Cancel)).StatusCode);
        var reseller = await ApiKeys.ClientAsync(factory, Fabrikam);
        Assert.Equal(HttpStatusCode.OK, (await reseller.GetAsync(url, Cancel)).StatusCode);
        Assert.Equal(fabrikam.Version, int.Parse((await reseller.GetAsync(url, Cancel)).Headers.ETag!.Tag.Trim('"'), CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task R21_R24_the_estimate_and_the_files_come_through_the_api_as_through_the_page()
    {
        var month = await Statements.CloseThisMonthAsync(factory);
        var statement = await Statements.OfAsync(factory, Contoso, month);
        var msp = await ApiKeys.ClientAsync(factory, Contoso);

        var estimate = await (await msp.GetAsync($"/api/v1/statements/estimate/{statement.CompanyId}", Cancel)).JsonAsync();
        Assert.Equal(JsonValueKind.Null, estimate.GetProperty("id").ValueKind);
        Assert.Equal("Open", estimate.GetProperty("state").GetString());
        Assert.Equal(factory.Clock.Today.ToString("yyyy-MM-01", CultureInfo.InvariantCulture), estimate.GetProperty("month").GetString());

        var csv = await msp.GetAsync($"/api/v1/statements/{statement.Id}/export/csv", Cancel);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal(statement.Lines.Count + 1, StatementExportTests.ParseCsv(await csv.Content.ReadAsStringAsync(Cancel)).Count);
        var xlsx = await msp.GetAsync($"/api/v1/statements/{statement.Id}/export/xlsx", Cancel);
        using (var workbook = new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Cancel)))
        {
            Assert.Equal(statement.Lines.Count + 1, workbook.Query(useHeaderRow: true, sheetName: "Lines").Count());
        }

        var pdf = await msp.GetAsync($"/api/v1/statements/estimate/{statement.CompanyId}/export/pdf", Cancel);
        Assert.Equal($"statement-{factory.Clock.Today:yyyy-MM}-contoso-managed-services-estimate.pdf", pdf.Content.Headers.ContentDisposition?.FileName);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync(Cancel));
        Assert.Contains("Estimate", document.GetPage(1).Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync($"/api/v1/statements/{statement.Id}/export/html", Cancel)).StatusCode);
    }

    [Fact]
    public async Task R22_R24_many_statements_are_previewed_then_decided_each_on_its_own_with_the_refusals_named()
    {
        var month = await Statements.CloseThisMonthAsync(factory);
        var contoso = await Statements.OfAsync(factory, Contoso, month);
        var fabrikam = await Statements.OfAsync(factory, Fabrikam, month);
        var msp = await ApiKeys.ClientAsync(factory, Contoso);
        var read = await msp.GetAsync($"/api/v1/statements/{contoso.Id}", Cancel);
        if ((await read.JsonAsync()).GetProperty("state").GetString() == "Preparing")
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(msp, $"/api/v1/statements/{contoso.Id}/submit", null, read.Headers.ETag!.Tag)).StatusCode);
        }

        var provider = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var body = new { statementIds = new[] { contoso.Id, fabrikam.Id }, decision = "Approve" };
        var preview = await (await PostAsync(provider, "/api/v1/statements/decisions/preview", body, null)).JsonAsync();
        Assert.False(preview.GetProperty("applied").GetBoolean());
        var outcomes = preview.GetProperty("lines").EnumerateArray().ToDictionary(l => l.GetProperty("statementId").GetGuid(), l => l.GetProperty("outcome").GetString());
        Assert.Equal("Refused", outcomes[fabrikam.Id]); // still Preparing
        Assert.Equal("R24", preview.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("statementId").GetGuid() == fabrikam.Id).GetProperty("ruleCode").GetString());

        var applied = await (await PostAsync(provider, "/api/v1/statements/decisions", body, null, idempotencyKey: Guid.NewGuid().ToString())).JsonAsync();
        Assert.True(applied.GetProperty("applied").GetBoolean());
        Assert.Equal("Preparing", (await (await provider.GetAsync($"/api/v1/statements/{fabrikam.Id}", Cancel)).JsonAsync()).GetProperty("state").GetString());
        var empty = await PostAsync(provider, "/api/v1/statements/decisions/preview", new { statementIds = Array.Empty<Guid>(), decision = "Approve" }, null);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task R21_R24_an_msp_reads_its_margin_at_its_resale_prices_in_the_api_and_its_files_and_the_provider_never_does()
    {
        var month = new DateOnly(2025, 5, 1);
        var statement = await Statements.MadeUpAsync(factory, Contoso, month, lines: 4);
        await using (var db = factory.CreateDbContext())
        {
            foreach (var plan in statement.Lines.Select(l => l.PlanId).Distinct())
            {
                db.PlanPrices.Add(Domain.Billing.PlanPrice.Set(statement.CompanyId, plan, Domain.Billing.BillingPeriod.Monthly, 12.00m, new DateOnly(2020, 1, 1), Domain.Billing.Currency.Usd, new DateOnly(2020, 1, 1), factory.Clock.GetUtcNow()));
            }

            await db.SaveChangesAsync(Cancel);
        }

        var msp = await ApiKeys.ClientAsync(factory, Contoso);
        var provider = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var url = $"/api/v1/statements/{statement.Id}";

        var mine = await (await msp.GetAsync(url, Cancel)).JsonAsync();
        var theirs = await (await provider.GetAsync(url, Cancel)).JsonAsync();

        Assert.Equal((144.00m, 24.00m), (mine.GetProperty("resale").GetDecimal(), mine.GetProperty("margin").GetDecimal())); // 4 lines × 3 units × 12.00, less 120.00
        Assert.Equal(36.00m, mine.GetProperty("customers")[0].GetProperty("lines")[0].GetProperty("resale").GetDecimal());
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("resale").ValueKind);
        Assert.Equal(JsonValueKind.Null, theirs.GetProperty("customers")[0].GetProperty("lines")[0].GetProperty("margin").ValueKind);
        using var myPdf = PdfDocument.Open(await (await msp.GetAsync($"{url}/export/pdf", Cancel)).Content.ReadAsByteArrayAsync(Cancel));
        using var theirPdf = PdfDocument.Open(await (await provider.GetAsync($"{url}/export/pdf", Cancel)).Content.ReadAsByteArrayAsync(Cancel));
        Assert.Contains("your margin 24.00 USD", myPdf.GetPage(1).Text, StringComparison.Ordinal);
        Assert.DoesNotContain("margin", theirPdf.GetPage(1).Text, StringComparison.OrdinalIgnoreCase);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object? body, string? ifMatch, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request, Cancel);
    }
}
