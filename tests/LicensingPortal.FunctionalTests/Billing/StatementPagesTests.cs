using System.Net;
using AngleSharp.Html.Dom;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>
/// R24's screens over HTTP, on the demo's statements (<see cref="DemoStatements"/>): who sees which statement, and every
/// refusal the pages show. Nothing here saves anything, so the tests share one database; the journey that changes
/// statements has its own (<see cref="StatementJourneyTests"/>).
/// </summary>
public sealed class StatementPagesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Contoso = DemoStatements.Contoso;
    private const string Fabrikam = DemoStatements.Fabrikam;
    private const string Litware = DemoStatements.Litware;

    [Fact]
    public async Task A_statement_of_many_customers_lists_a_hundred_at_a_time_with_the_whole_statements_total_on_every_page_R24()
    {
        var statement = await Statements.MadeUpAsync(factory, Fabrikam, new DateOnly(2024, 7, 1), lines: 250, customerName: i => $"Customer {i:000}");
        var reseller = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var url = $"/billing/statements/{statement.Id}";

        var first = await reseller.GetPageAsync(url);
        var last = await reseller.GetPageAsync($"{url}?page=3");
        var beyond = await reseller.GetPageAsync($"{url}?page=99");

        Assert.Equal(100, first.QuerySelectorAll("#lines tbody[data-customer]").Length);
        Assert.Equal(["1", "2", "3"], first.QuerySelectorAll("#customer-pages a.page-link").Select(a => a.TextContent.Trim()));
        Assert.Equal("Customer 000", first.QuerySelector("#lines tbody[data-customer] th")?.TextContent.Split('·')[0].Trim());
        Assert.Equal(50, last.QuerySelectorAll("#lines tbody[data-customer]").Length);
        Assert.Contains("Customer 249", last.QuerySelector("#lines tbody[data-customer]:last-of-type th")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("3", beyond.QuerySelector("#customer-pages [aria-current=page]")?.TextContent.Trim());
        foreach (var page in new[] { first, last })
        {
            Assert.Contains("7,500.00", page.QuerySelector(".statement-total-row")?.TextContent, StringComparison.Ordinal); // 250 lines × 3 units × 10.00
        }

        // An adjustment made on the third page comes back to the third page.
        var adjusted = await reseller.SubmitAsync(last, "form.adjust-form", new() { ["Adjust.Chargeable"] = "2", ["Adjust.Comment"] = "One seat was a test machine." });
        Assert.Equal(HttpStatusCode.Redirect, adjusted.StatusCode);
        Assert.EndsWith($"{url}?page=3", adjusted.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_provider_sees_every_statement_of_last_month_with_its_state_and_the_months_total_R24()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var lastMonth = factory.LastMonth();

        var landing = await provider.GetAsync("/billing");
        Assert.Equal(HttpStatusCode.Redirect, landing.StatusCode);
        Assert.Equal("/billing/statements", landing.Headers.Location?.OriginalString);

        var page = await provider.GetPageAsync("/billing/statements");
        Assert.Equal(lastMonth.ToString("yyyy-MM-dd"), (page.QuerySelector("#month") as IHtmlSelectElement)?.Value);
        Assert.Equal([(Contoso, "Preparing"), (Fabrikam, "Submitted"), (Litware, "Rejected")], Rows(page));
        Assert.Equal(["1", "1", "1", "0", "0"], page.QuerySelectorAll("[data-state-filter]").Select(p => p.GetAttribute("data-count")));
        var sum = await factory.QueryAsync(db => db.Statements.Where(s => s.Month == lastMonth).SumAsync(s => s.Total));
        Assert.True(sum > 0);
        Assert.Equal(sum, decimal.Parse(page.QuerySelector("[data-total]")!.GetAttribute("data-total")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("Billing", Navigation(page));

        Assert.Equal([(Fabrikam, "Submitted")], Rows(await provider.GetPageAsync("/billing/statements?state=Submitted")));
        Assert.Equal([(Fabrikam, "Submitted")], Rows(await provider.GetPageAsync("/billing/statements?search=fabri")));
        var earlier = await provider.GetPageAsync($"/billing/statements?month={lastMonth.AddMonths(-1):yyyy-MM-dd}");
        Assert.Equal([(Contoso, "Approved"), (Fabrikam, "Completed")], Rows(earlier));
        Assert.NotNull(earlier.QuerySelector($"a[rel=next][href^='/billing/statements?month={lastMonth:yyyy-MM-dd}']"));
    }

    [Fact]
    public async Task A_partner_sees_only_its_own_statements_and_estimate_and_another_partners_are_not_found_R1_R24()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var fabrikam = await factory.StatementAsync(Fabrikam, factory.LastMonth());

        var own = await msp.GetPageAsync("/billing");
        Assert.Equal(["Preparing", "Approved", "Completed", "Completed", "Completed", "Completed"], own.QuerySelectorAll("#statements [data-state]").Select(b => b.GetAttribute("data-state")));
        Assert.Equal("1", own.QuerySelector("[data-waiting]")?.GetAttribute("data-waiting"));
        Assert.NotNull(own.QuerySelector($"#estimate-link[href='/billing/estimate/{(await factory.StatementAsync(Contoso, factory.LastMonth())).CompanyId}']"));
        Assert.Equal([(Contoso, "Preparing")], Rows(await msp.GetPageAsync("/billing/statements")));
        Assert.Empty(Rows(await msp.GetPageAsync("/billing/statements?search=Fabrikam")));
        Assert.Null((await msp.GetPageAsync("/billing/statements")).QuerySelector("#decide-form"));

        Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync($"/billing/statements/{fabrikam.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync($"/billing/estimate/{fabrikam.CompanyId}")).StatusCode);
        var token = PortalClient.AntiforgeryToken(own);
        var before = await FingerprintAsync();
        var line = fabrikam.Lines[0];
        var adjust = await msp.PostAsync($"/billing/statements/{fabrikam.Id}/adjust", new()
        {
            ["Adjust.LineId"] = line.Id.ToString(),
            ["Adjust.Chargeable"] = "0",
            ["Adjust.Comment"] = "Not ours",
            ["Adjust.Version"] = fabrikam.Version.ToString(),
        }, token);
        Assert.Equal(HttpStatusCode.NotFound, adjust.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await msp.PostAsync($"/billing/statements/{fabrikam.Id}/submit", new() { ["version"] = fabrikam.Version.ToString() }, token)).StatusCode);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task An_adjustment_without_a_comment_is_refused_next_to_its_line_as_typed_and_nothing_is_saved_R24()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var statement = await factory.StatementAsync(Contoso, factory.LastMonth());
        var line = statement.Lines.Where(l => l.AdjustedChargeable is null).OrderBy(l => l.CustomerName).First();
        var page = await msp.GetPageAsync($"/billing/statements/{statement.Id}");
        Assert.NotNull(page.QuerySelector("#submit-form"));
        var before = await FingerprintAsync();

        var response = await msp.SubmitAsync(page, $"form.adjust-form[data-line='{line.Id}']", new() { ["Adjust.Chargeable"] = (line.Chargeable + 3).ToString(), ["Adjust.Comment"] = "" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var again = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        var row = again.QuerySelector($"#adjust-{line.Id}")!;
        Assert.Contains("open", row.ClassList);
        Assert.Contains("Say why the chargeable units differ", row.QuerySelector("[data-error-for=Comment]")?.TextContent);
        Assert.Equal((line.Chargeable + 3).ToString(), (row.QuerySelector("input[name='Adjust.Chargeable']") as IHtmlInputElement)?.Value);
        Assert.Null(again.QuerySelector("#errors"));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task The_provider_gets_no_adjust_form_and_a_crafted_adjustment_is_refused_with_the_rule_R24()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var statement = await factory.StatementAsync(Contoso, factory.LastMonth());
        var page = await provider.GetPageAsync($"/billing/statements/{statement.Id}");
        Assert.Empty(page.QuerySelectorAll("form.adjust-form"));
        Assert.Null(page.QuerySelector("#submit-form"));
        Assert.Null(page.QuerySelector("#approve-form"));
        Assert.Contains("is reviewing this statement", page.QuerySelector("#nothing-to-do")?.TextContent);
        var before = await FingerprintAsync();

        var response = await provider.PostAsync($"/billing/statements/{statement.Id}/adjust", new()
        {
            ["Adjust.LineId"] = statement.Lines[0].Id.ToString(),
            ["Adjust.Chargeable"] = "0",
            ["Adjust.Comment"] = "Free this month",
            ["Adjust.Version"] = statement.Version.ToString(),
        }, PortalClient.AntiforgeryToken(page));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var again = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("The partner reviews, adjusts and submits its own statement", again.QuerySelector("#errors")?.TextContent);
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task Rejecting_without_a_reason_is_refused_next_to_the_reason_and_nothing_is_saved_R24()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var statement = await factory.StatementAsync(Fabrikam, factory.LastMonth());
        var page = await provider.GetPageAsync($"/billing/statements/{statement.Id}");
        Assert.NotNull(page.QuerySelector("#approve-form"));
        Assert.Empty(page.QuerySelectorAll("form.adjust-form"));
        var before = await FingerprintAsync();

        var response = await provider.SubmitAsync(page, "#reject-form", new() { ["reason"] = "  " });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var again = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("Say why the statement is rejected", again.QuerySelector("#reject-form [data-error-for=reason]")?.TextContent);
        Assert.NotNull(again.QuerySelector("details.reject[open]"));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task The_bulk_preview_shows_what_would_be_approved_and_which_are_refused_and_why_and_saves_nothing_R22_R24()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var page = await provider.GetPageAsync("/billing/statements");
        var ticked = page.QuerySelectorAll("#statements input[name=StatementIds]").Select(b => b.GetAttribute("value")!).ToList();
        var (contoso, fabrikam, litware) = (await factory.StatementAsync(Contoso, factory.LastMonth()), await factory.StatementAsync(Fabrikam, factory.LastMonth()), await factory.StatementAsync(Litware, factory.LastMonth()));
        Assert.Equal(3, ticked.Count);
        var before = await FingerprintAsync();

        var preview = await PostBulkAsync(provider, page, "preview", "Approve", null, ticked);

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var report = await PortalClient.ParseAsync(await preview.Content.ReadAsStringAsync());
        var outcomes = report.QuerySelectorAll("#decide-report tbody tr").ToDictionary(r => Guid.Parse(r.GetAttribute("data-statement")!), r => r.QuerySelector("[data-outcome]")!);
        Assert.Equal("Decided", outcomes[fabrikam.Id].GetAttribute("data-outcome"));
        Assert.Equal("Refused", outcomes[contoso.Id].GetAttribute("data-outcome"));
        Assert.Equal("R24", outcomes[contoso.Id].GetAttribute("data-rule"));
        Assert.Contains("is preparing: it cannot be approved now", outcomes[contoso.Id].TextContent);
        Assert.Contains("is rejected: it cannot be approved now", outcomes[litware.Id].TextContent);
        Assert.Equal([fabrikam.Id.ToString()], report.QuerySelectorAll("#decide-report input[name=StatementIds]").Select(b => b.GetAttribute("value")));
        Assert.Contains("1 statement would be approved", report.QuerySelector("#decide-summary")?.TextContent);
        Assert.NotNull(report.QuerySelector("#apply"));

        var noReason = await PostBulkAsync(provider, page, "preview", "Reject", " ", ticked);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noReason.StatusCode);
        var refusedForm = await PortalClient.ParseAsync(await noReason.Content.ReadAsStringAsync());
        Assert.Contains("Say why the statements are rejected", refusedForm.QuerySelector("#decide-form")?.TextContent);
        Assert.Null(refusedForm.QuerySelector("#decide-report"));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task The_partner_page_has_a_Billing_tab_with_the_estimate_the_statements_and_the_partners_prices_R24()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var fabrikam = await factory.StatementAsync(Fabrikam, factory.LastMonth());

        var tab = await provider.GetPageAsync($"/partners/{fabrikam.CompanyId}?tab=billing");

        Assert.Equal("billing", tab.QuerySelector("#partner-tabs a.active")?.GetAttribute("data-tab"));
        Assert.Equal($"/prices/partner/{fabrikam.CompanyId}", tab.QuerySelector("#prices-link")?.GetAttribute("href"));
        Assert.Equal(["Submitted", "Completed"], tab.QuerySelectorAll("#statements [data-state]").Select(b => b.GetAttribute("data-state")));
        Assert.Equal("1", tab.QuerySelector("[data-waiting]")?.GetAttribute("data-waiting"));
        var estimate = await provider.GetPageAsync(tab.QuerySelector("#estimate-link")!.GetAttribute("href")!);
        Assert.Contains("Estimate", estimate.QuerySelector("#statement-header")?.TextContent);
        Assert.NotNull(estimate.QuerySelector("[data-estimate-note]"));
        Assert.Empty(estimate.QuerySelectorAll("main form"));
        Assert.Equal($"/billing/estimate/{fabrikam.CompanyId}/export/xlsx", estimate.QuerySelector("#exports a[href$=xlsx]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task The_statement_page_shows_the_total_lines_by_customer_the_adjustments_the_chart_and_the_deadline_R24()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var statement = await factory.StatementAsync(Contoso, factory.LastMonth());
        var adjusted = Assert.Single(statement.Lines, l => l.AdjustedChargeable is not null);

        var page = await msp.GetPageAsync($"/billing/statements/{statement.Id}");

        Assert.Equal(statement.Total.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("#statement-total")?.GetAttribute("data-total"));
        Assert.Contains(statement.Total.ToString("N2", System.Globalization.CultureInfo.InvariantCulture) + " USD", page.QuerySelector("#lines tfoot")?.TextContent);
        Assert.Equal(statement.Lines.Select(l => l.CustomerId).Distinct().Count(), page.QuerySelectorAll("#lines tbody[data-customer]").Length);
        Assert.Equal(statement.Lines.Count, page.QuerySelectorAll("#lines tr[data-line]").Length);
        Assert.Contains(adjusted.Comment!, page.QuerySelector($"[data-comment-for='{adjusted.Id}']")?.TextContent);
        Assert.NotNull(page.QuerySelector($"#adjustments [data-adjustment='{adjusted.Id}']"));
        Assert.Equal(factory.LastMonth().AddMonths(1).AddDays(27).ToString("yyyy-MM-dd"), page.QuerySelector("[data-deadline]")?.GetAttribute("data-deadline"));
        Assert.NotNull(page.QuerySelector("#units-chart svg[role=img] title"));
        Assert.Equal(12, page.QuerySelectorAll("#units-chart-figures thead th").Length - 1);
        Assert.Equal($"/billing/statements/{statement.Id}/export/pdf", page.QuerySelector("#exports a[href$=pdf]")?.GetAttribute("href"));
        var csv = await msp.GetAsync(page.QuerySelector("#exports a[href$=csv]")!.GetAttribute("href")!);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_rejected_statement_shows_the_providers_reason_first_R24()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var litware = await factory.StatementAsync(Litware, factory.LastMonth());

        var page = await provider.GetPageAsync($"/billing/statements/{litware.Id}");

        Assert.Equal(litware.RejectionReason, page.QuerySelector("#rejection [data-reason]")?.TextContent.Trim());
        Assert.Contains("Rejected by Paula Provider", page.QuerySelector("#rejection")?.TextContent);
        Assert.Contains("back with Litware MSP", page.QuerySelector("#nothing-to-do")?.TextContent);
    }

    [Theory]
    [InlineData(DemoAccounts.ProviderSupport)]
    [InlineData(DemoAccounts.MspStaff)]
    public async Task A_user_without_the_billing_permission_has_no_Billing_item_and_its_pages_are_not_found_R24(string email)
    {
        var user = await PortalClient.SignedInAsync(factory, email);
        var statement = await factory.StatementAsync(Contoso, factory.LastMonth());

        Assert.DoesNotContain("Billing", Navigation(await user.GetPageAsync("/")));
        foreach (var url in new[] { "/billing", "/billing/statements", $"/billing/statements/{statement.Id}", $"/billing/estimate/{statement.CompanyId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await user.GetAsync(url)).StatusCode);
        }

        if (email == DemoAccounts.ProviderSupport)
        {
            var partner = await user.GetPageAsync($"/partners/{statement.CompanyId}?tab=billing");
            Assert.Null(partner.QuerySelector("#partner-tabs a[data-tab=billing]"));
            Assert.Null(partner.QuerySelector("#estimate"));
        }
    }

    [Fact]
    public async Task Help_Roles_lists_the_billing_permissions_from_the_matrix_R24()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var rows = (await client.GetPageAsync("/help/roles")).QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();

        Assert.Contains(rows, r => r.Contains("See prices, this month's estimate and statements", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Adjust and submit statements (partners); approve and reject them (provider)", StringComparison.Ordinal));
    }

    private static List<(string Partner, string? State)> Rows(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#statements tbody tr[data-partner]").Select(r => (r.GetAttribute("data-partner")!, r.QuerySelector("[data-state]")?.GetAttribute("data-state")))];

    private static List<string> Navigation(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("nav[aria-label=Main] .nav-link").Select(a => a.TextContent.Trim())];

    /// <summary>The bulk form as the browser posts it: its token and query, the decision, and each ticked statement.</summary>
    internal static Task<HttpResponseMessage> PostBulkAsync(PortalClient client, IHtmlDocument page, string step, string decision, string? reason, IEnumerable<string> ids)
    {
        var action = page.QuerySelector("#decide-form")!.GetAttribute("action")!;
        if (step != "preview")
        {
            action = action.Replace("/decide/preview", "/decide", StringComparison.Ordinal);
        }

        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", PortalClient.AntiforgeryToken(page)),
            new("Decision", decision),
            new("Reason", reason ?? string.Empty),
        };
        fields.AddRange(ids.Select(id => KeyValuePair.Create("StatementIds", id)));
        return client.Http.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    private async Task<IReadOnlyDictionary<string, string>> FingerprintAsync()
    {
        await using var db = factory.CreateDbContext();
        return await DatabaseFingerprint.OfAsync(db);
    }
}
