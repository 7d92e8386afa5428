using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>R24 in a browser: the partner reviews, adjusts and submits its month; the provider rejects it, then previews and approves in bulk.</summary>
[Collection(BrowserCollection.Name)]
public sealed class BillingJourneyTests(BrowserPortal portal)
{
    [Fact]
    public async Task The_partner_adjusts_a_line_and_submits_the_provider_rejects_it_then_approves_it_in_bulk_after_a_preview_R22_R24()
    {
        var msp = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        msp.Dialog += (_, dialog) => dialog.AcceptAsync();
        await msp.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Billing" }).ClickAsync();
        await Assertions.Expect(msp.Locator("#statements tbody tr")).ToHaveCountAsync(6);
        await ShotAsync(msp, "billing-msp");
        await Accessibility.AssertNoSeriousViolationsAsync(msp);
        await msp.Locator("#estimate-link").ClickAsync();
        await Assertions.Expect(msp.Locator("[data-estimate-note]")).ToBeVisibleAsync();
        await ShotAsync(msp, "billing-estimate");
        await Accessibility.AssertNoSeriousViolationsAsync(msp);
        await msp.GoBackAsync();

        // Last month, being prepared (the demo adjusted one line): adjust another, with a comment, then submit.
        await msp.Locator("#statements tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(msp.Locator("#statement-heading [data-state]")).ToHaveAttributeAsync("data-state", "Preparing");
        await msp.WaitForLoadStateAsync(LoadState.Load); // long customers are folded once the page's script ran
        var line = msp.Locator("#lines tr[data-line]:not([hidden]):not(.line-adjusted)", new() { Has = msp.Locator("td[data-chargeable]:not([data-chargeable='0']):not([data-chargeable='1'])") }).First;
        var lineId = await line.GetAttributeAsync("data-line");
        await line.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Adjust") }).ClickAsync();
        var form = msp.Locator($"#adjust-{lineId}");
        await form.GetByLabel("Chargeable units").FillAsync("1");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save adjustment" }).ClickAsync();
        await Assertions.Expect(form.Locator("[data-error-for=Comment]")).ToBeVisibleAsync();
        await form.GetByLabel("Why? Your provider reads it before approving.").FillAsync("Only one seat is a person; the others were test machines, removed on the 3rd.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save adjustment" }).ClickAsync();
        await Assertions.Expect(msp.Locator($"[data-comment-for='{lineId}']")).ToContainTextAsync("test machines");
        await Assertions.Expect(msp.Locator("#units-chart svg g[data-month] rect").First).ToBeVisibleAsync();
        await ShotAsync(msp, "billing-statement");
        await Accessibility.AssertNoSeriousViolationsAsync(msp);
        var statementUrl = msp.Url;
        await msp.GetByRole(AriaRole.Button, new() { Name = "Submit to your provider" }).ClickAsync();
        await Assertions.Expect(msp.Locator("#statement-heading [data-state]")).ToHaveAttributeAsync("data-state", "Submitted");

        // The provider rejects it with a reason; the partner reads it at the top of the statement and submits again.
        var provider = await portal.SignedInPageAsync(DemoAccounts.ProviderAdmin);
        provider.Dialog += (_, dialog) => dialog.AcceptAsync();
        await provider.GotoAsync(new Uri(statementUrl).PathAndQuery);
        await provider.GetByText("Reject…").ClickAsync();
        await provider.GetByRole(AriaRole.Button, new() { Name = "Reject the statement" }).ClickAsync();
        await Assertions.Expect(provider.Locator("[data-error-for=reason]")).ToBeVisibleAsync();
        await provider.Locator("#reject-reason").FillAsync("The test machines were in use until the 20th: charge them until then, and say so in the comment.");
        await provider.GetByRole(AriaRole.Button, new() { Name = "Reject the statement" }).ClickAsync();
        await msp.ReloadAsync();
        await Assertions.Expect(msp.Locator("#rejection [data-reason]")).ToContainTextAsync("in use until the 20th");
        await ShotAsync(msp, "billing-statement-rejected");
        await Accessibility.AssertNoSeriousViolationsAsync(msp);
        await msp.GetByRole(AriaRole.Button, new() { Name = "Submit to your provider" }).ClickAsync();
        await Assertions.Expect(msp.Locator("#statement-heading [data-state]")).ToHaveAttributeAsync("data-state", "Submitted");
        await msp.Context.CloseAsync();

        // Billing › Statements: tick Contoso's (submitted again) and Litware's (rejected, back with Litware); the preview refuses Litware's.
        await provider.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Billing" }).ClickAsync();
        await Assertions.Expect(provider.Locator("#statements tbody tr")).ToHaveCountAsync(3);
        await provider.GetByLabel("Tick Contoso Managed Services's statement").CheckAsync();
        await provider.GetByLabel("Tick Litware MSP's statement").CheckAsync();
        await provider.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(provider.Locator("#decide-report [data-outcome=Refused]")).ToContainTextAsync("is rejected: it cannot be approved now");
        await Assertions.Expect(provider.Locator("#decide-report [data-outcome=Decided]")).ToHaveTextAsync("Will be approved");
        await ShotAsync(provider, "billing-statements-preview");
        await Accessibility.AssertNoSeriousViolationsAsync(provider);
        await provider.Locator("#apply").ClickAsync();
        await Assertions.Expect(provider.Locator("#decide-result")).ToContainTextAsync("1 statement approved");
        await Assertions.Expect(provider.Locator("#statements tr[data-partner='Contoso Managed Services'] [data-state]")).ToHaveAttributeAsync("data-state", "Approved");
        await provider.GotoAsync("/billing/statements");
        await ShotAsync(provider, "billing-statements");
        await Accessibility.AssertNoSeriousViolationsAsync(provider);

        // The statement as the provider sees it once approved, and the partner's Billing tab.
        await provider.GotoAsync(new Uri(statementUrl).PathAndQuery);
        await Assertions.Expect(provider.Locator("#complete-form")).ToBeVisibleAsync();
        await provider.Locator("[data-partner]").First.ClickAsync();
        await Assertions.Expect(provider.Locator("#partner-tabs a.active")).ToHaveTextAsync("Billing");
        await ShotAsync(provider, "partner-billing");
        await Accessibility.AssertNoSeriousViolationsAsync(provider);
        await provider.Context.CloseAsync();

        // Contoso resells each of its plans at 40% over its list price, since before the month: its statement shows its margin.
        using (var scope = portal.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var contoso = await db.Companies.SingleAsync(c => c.Name == "Contoso Managed Services");
            var from = new DateOnly(portal.Clock.Today.Year, portal.Clock.Today.Month, 1).AddMonths(-2);
            var list = await db.PlanPrices.Where(p => p.ProviderId == contoso.ProviderId && db.ServicePlans.Any(s => s.Id == p.ServicePlanId && s.OwnerId == contoso.Id)).ToListAsync();
            foreach (var price in list.GroupBy(p => p.ServicePlanId).Select(g => g.OrderBy(p => p.EffectiveFrom).Last()))
            {
                db.PlanPrices.Add(PlanPrice.Set(contoso.Id, price.ServicePlanId, price.Period, Currency.Usd.Round(price.UnitPrice * 1.4m), from, Currency.Usd, from, portal.Clock.GetUtcNow()));
            }

            await db.SaveChangesAsync();
        }

        var reader = await portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        await reader.GotoAsync(new Uri(statementUrl).PathAndQuery);
        await Assertions.Expect(reader.Locator("#statement-margin")).ToContainTextAsync("your margin");
        await ShotAsync(reader, "billing-statement-margin");
        await Accessibility.AssertNoSeriousViolationsAsync(reader);
        await reader.Context.CloseAsync();
    }

    [Fact]
    public async Task The_provider_sets_a_price_from_a_future_day_and_the_price_list_shows_it_scheduled_R24()
    {
        const string plan = "Northwind Endpoint Encryption – 12 months";
        var from = new DateOnly(portal.Clock.Today.Year, portal.Clock.Today.Month, 1).AddMonths(2); // after every month the demo bills
        var provider = await portal.SignedInPageAsync(DemoAccounts.ProviderAdmin);
        await provider.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Billing" }).ClickAsync();
        await provider.GetByRole(AriaRole.Link, new() { Name = "Price list" }).ClickAsync();
        var form = provider.Locator("#set-price");
        await form.GetByLabel("Service plan").SelectOptionAsync(new SelectOptionValue { Label = plan });
        await form.GetByLabel("Billing period").SelectOptionAsync(new SelectOptionValue { Label = "Monthly" });
        await form.GetByLabel("Unit price (USD)").FillAsync("4.60");
        await form.GetByLabel("Effective from").FillAsync(from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await form.GetByRole(AriaRole.Button, new() { Name = "Set list price" }).ClickAsync();

        var row = provider.Locator("#price-list tr[data-plan-id]", new() { Has = provider.GetByRole(AriaRole.Link, new() { Name = plan, Exact = true }) });
        await Assertions.Expect(row.Locator("[data-column=scheduled]")).ToContainTextAsync("4.60 USD a month");
        await Assertions.Expect(row.Locator("[data-column=scheduled]")).ToContainTextAsync($"from {from:yyyy-MM-dd}");
        await Assertions.Expect(row.Locator("[data-column=list]")).Not.ToContainTextAsync("4.60");
        await provider.Context.CloseAsync();
    }

    [Fact]
    public async Task The_statements_downloads_open_as_what_they_say_a_csv_a_workbook_and_a_pdf_R24()
    {
        var provider = await portal.SignedInPageAsync(DemoAccounts.ProviderAdmin);
        await provider.GotoAsync("/billing/statements");
        await provider.Locator("#statements tbody tr a[href^='/billing/statements/']").First.ClickAsync();
        var exports = provider.Locator("#exports");

        var csv = await DownloadAsync(provider, exports.GetByRole(AriaRole.Link, new() { Name = "CSV", Exact = true }));
        var xlsx = await DownloadAsync(provider, exports.GetByRole(AriaRole.Link, new() { Name = "XLSX", Exact = true }));
        var pdf = await DownloadAsync(provider, exports.GetByRole(AriaRole.Link, new() { Name = "PDF", Exact = true }));

        Assert.EndsWith(".csv", csv.Name, StringComparison.Ordinal);
        Assert.StartsWith("Customer,Plan,From,To,", System.Text.Encoding.UTF8.GetString(csv.Bytes).TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.EndsWith(".xlsx", xlsx.Name, StringComparison.Ordinal);
        Assert.Equal("PK\u0003\u0004"u8.ToArray(), xlsx.Bytes[..4]);
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(xlsx.Bytes)))
        {
            using var workbook = new StreamReader(zip.GetEntry("xl/workbook.xml")!.Open());
            Assert.Contains("name=\"Lines\"", await workbook.ReadToEndAsync(), StringComparison.Ordinal);
        }

        Assert.EndsWith(".pdf", pdf.Name, StringComparison.Ordinal);
        Assert.Equal("%PDF-"u8.ToArray(), pdf.Bytes[..5]);
        await provider.Context.CloseAsync();
    }

    private static async Task<(string Name, byte[] Bytes)> DownloadAsync(IPage page, ILocator link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => link.ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task The_menu_stays_on_one_line_at_1280_pixels_with_Billing_in_it_R24()
    {
        var page = await portal.SignedInPageAsync(DemoAccounts.ProviderAdmin);
        var items = page.Locator("nav[aria-label=Main] .navbar-nav > .nav-item");
        var tops = new HashSet<double>();
        for (var i = 0; i < await items.CountAsync(); i++)
        {
            tops.Add(Math.Round((await items.Nth(i).BoundingBoxAsync())!.Y));
        }

        Assert.Single(tops);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Billing" })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task On_a_phone_the_billing_pages_fit_the_width_their_tables_scroll_in_place_R24()
    {
        Guid contoso;
        using (var scope = portal.Services.CreateScope())
        {
            contoso = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Companies.Where(c => c.Name == "Contoso Managed Services").Select(c => c.Id).SingleAsync();
        }

        var provider = await portal.SignedInPageAsync(DemoAccounts.ProviderAdmin, width: 390);
        await provider.GotoAsync("/billing/statements");
        await PhoneWidth.AssertFitsAsync(provider, "Billing › Statements", "phone-billing-statements");
        await provider.Locator("#statements tbody tr a[href^='/billing/statements/']").First.ClickAsync();
        await Assertions.Expect(provider.Locator("#statement-heading")).ToBeVisibleAsync();
        await PhoneWidth.AssertFitsAsync(provider, "a statement", "phone-billing-statement");
        await provider.GotoAsync($"/billing/estimate/{contoso}");
        await PhoneWidth.AssertFitsAsync(provider, "this month's estimate", "phone-billing-estimate");
        await provider.GotoAsync("/prices");
        await PhoneWidth.AssertFitsAsync(provider, "Prices", "phone-prices");
        await provider.GotoAsync($"/partners/{contoso}?tab=billing");
        await Assertions.Expect(provider.Locator("#partner-tabs a.active")).ToHaveTextAsync("Billing");
        await PhoneWidth.AssertFitsAsync(provider, "the partner's Billing tab", "phone-partner-billing");
        await provider.Context.CloseAsync();

        var msp = await portal.SignedInPageAsync(DemoAccounts.MspAdmin, width: 390);
        await msp.GotoAsync("/billing");
        await PhoneWidth.AssertFitsAsync(msp, "the partner's Billing", "phone-billing-msp");
        await msp.GotoAsync("/prices");
        await PhoneWidth.AssertFitsAsync(msp, "the MSP's Prices", "phone-prices-msp");
        await msp.Context.CloseAsync();
    }

    /// <summary>After the page's scripts ran (a statement folds long customers once loaded), so the picture has the page's final height.</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await BrowserPortal.ScreenshotAsync(page, name);
    }
}
