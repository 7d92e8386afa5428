using System.Globalization;
using System.Net;
using LicensingPortal.Domain.Billing;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>R24 through the pages, from the partner's review to the month's completion: each step is what a person clicks.</summary>
public sealed class StatementJourneyTests
{
    private const string Contoso = DemoStatements.Contoso;
    private const string Litware = DemoStatements.Litware;

    [Fact]
    public async Task The_partner_adjusts_and_submits_the_provider_rejects_then_approves_in_bulk_and_completes_R19_R22_R24()
    {
        await using var factory = new PortalFactory();
        var month = factory.LastMonth();
        var statement = await factory.StatementAsync(Contoso, month);
        var lines = statement.Lines.Where(l => l.Amount > 0 && l.AdjustedChargeable is null).OrderBy(l => l.CustomerName).ThenBy(l => l.From).ToList();
        var (first, second) = (lines[0], lines[1]);
        var url = $"/billing/statements/{statement.Id}";
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        // Two tabs open on the same statement: the first adjustment saves, the second tab's is refused (R19).
        var page = await msp.GetPageAsync(url);
        var staleTab = await msp.GetPageAsync(url);
        var adjusted = await msp.SubmitAsync(page, $"form.adjust-form[data-line='{first.Id}']", new() { ["Adjust.Chargeable"] = "0", ["Adjust.Comment"] = "Cancelled on the 2nd, never used" });
        Assert.Equal(HttpStatusCode.Redirect, adjusted.StatusCode);
        var stale = await msp.SubmitAsync(staleTab, $"form.adjust-form[data-line='{second.Id}']", new() { ["Adjust.Chargeable"] = "1", ["Adjust.Comment"] = "One seat only" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, stale.StatusCode);
        var refused = await PortalClient.ParseAsync(await stale.Content.ReadAsStringAsync());
        Assert.Contains("changed by someone else", refused.QuerySelector($"#adjust-{second.Id} [data-error-for=line]")?.TextContent);

        var afterAdjusting = await factory.StatementAsync(Contoso, month);
        Assert.Equal(0, afterAdjusting.Lines.Single(l => l.Id == first.Id).Chargeable);
        Assert.Null(afterAdjusting.Lines.Single(l => l.Id == second.Id).AdjustedChargeable);
        Assert.Equal(statement.Total - first.Amount, afterAdjusting.Total);
        page = await msp.GetPageAsync(url);
        Assert.Contains("Cancelled on the 2nd, never used", page.QuerySelector($"[data-comment-for='{first.Id}']")?.TextContent);
        Assert.Contains("Cancelled on the 2nd, never used", page.QuerySelector("#adjustments")?.TextContent);
        Assert.Contains(afterAdjusting.Total.ToString("N2", CultureInfo.InvariantCulture), page.QuerySelector("#statement-total")?.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await msp.SubmitAsync(page, "#submit-form")).StatusCode);
        page = await msp.GetPageAsync(url);
        Assert.Equal("Submitted", page.QuerySelector("#statement-heading [data-state]")?.GetAttribute("data-state"));
        Assert.Contains("by Morgan MSP", page.QuerySelector("[data-submitted]")?.TextContent);
        Assert.Empty(page.QuerySelectorAll("form.adjust-form"));

        // The provider rejects with a reason; the partner reads it, and submits again.
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var review = await provider.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, (await provider.SubmitAsync(review, "#reject-form", new() { ["reason"] = "The first line's license was used all month: charge it." })).StatusCode);
        page = await msp.GetPageAsync(url);
        Assert.Equal("The first line's license was used all month: charge it.", page.QuerySelector("#rejection [data-reason]")?.TextContent.Trim());
        Assert.NotEmpty(page.QuerySelectorAll("form.adjust-form"));
        Assert.Equal(HttpStatusCode.Redirect, (await msp.SubmitAsync(page, "#submit-form")).StatusCode);

        // Billing › Statements: Contoso's (submitted) and Litware's (rejected, back with Litware) ticked; the preview refuses Litware's.
        var list = await provider.GetPageAsync("/billing/statements");
        var litware = await factory.StatementAsync(Litware, month);
        var preview = await PortalClient.ParseAsync(await (await StatementPagesTests.PostBulkAsync(provider, list, "preview", "Approve", null, [statement.Id.ToString(), litware.Id.ToString()])).Content.ReadAsStringAsync());
        Assert.Equal("Refused", preview.QuerySelector($"#decide-report tr[data-statement='{litware.Id}'] [data-outcome]")?.GetAttribute("data-outcome"));
        var ticked = preview.QuerySelectorAll("#decide-report input[name=StatementIds]").Select(b => b.GetAttribute("value")!).ToList();
        Assert.Equal([statement.Id.ToString()], ticked);
        var applied = await StatementPagesTests.PostBulkAsync(provider, preview, "apply", "Approve", null, ticked);
        var report = await PortalClient.ParseAsync(await applied.Content.ReadAsStringAsync());
        Assert.Contains("1 statement approved", report.QuerySelector("#decide-result")?.TextContent);
        Assert.Equal(StatementState.Approved, (await factory.StatementAsync(Contoso, month)).State);
        Assert.Equal(StatementState.Rejected, (await factory.StatementAsync(Litware, month)).State);

        review = await provider.GetPageAsync(url);
        Assert.Equal(HttpStatusCode.Redirect, (await provider.SubmitAsync(review, "#complete-form")).StatusCode);
        page = await msp.GetPageAsync(url);
        Assert.Equal("Completed", page.QuerySelector("#statement-heading [data-state]")?.GetAttribute("data-state"));
        Assert.Empty(page.QuerySelectorAll("main form"));

        var audited = await factory.QueryAsync(db => db.AuditEntries.Where(a => a.EntityId == statement.Id.ToString()).Select(a => a.Action).ToListAsync());
        Assert.Equal(
            ["StatementApproved", "StatementCompleted", "StatementLineAdjusted", "StatementRejected", "StatementSubmitted", "StatementSubmitted"],
            audited.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_MSP_reads_its_statement_at_its_resale_prices_with_its_margin_and_the_provider_never_sees_them_R24()
    {
        await using var factory = new PortalFactory();
        var month = factory.LastMonth();
        var statement = await factory.StatementAsync(Contoso, month);
        var plan = statement.Lines.First(l => l.Amount > 0).PlanId;

        // Contoso sells that plan at 6.00 USD a unit a month since before the month: a row of its own price list.
        await using (var db = factory.CreateDbContext())
        {
            var from = month.AddMonths(-1);
            db.PlanPrices.Add(PlanPrice.Set(statement.CompanyId, plan, BillingPeriod.Monthly, 6.00m, from, Currency.Usd, from, factory.Clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var resold = statement.Lines.Where(l => l.PlanId == plan).ToDictionary(l => l.Id, l => Currency.Usd.Round(l.Chargeable * 6.00m * l.Days / l.DaysInMonth));
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var page = await msp.GetPageAsync($"/billing/statements/{statement.Id}");

        var margin = page.QuerySelector("#statement-margin");
        Assert.Equal(resold.Values.Sum(), decimal.Parse(margin!.GetAttribute("data-resale")!, CultureInfo.InvariantCulture));
        Assert.Equal(resold.Values.Sum() - statement.Total, decimal.Parse(margin.GetAttribute("data-margin")!, CultureInfo.InvariantCulture));
        foreach (var (line, amount) in resold)
        {
            Assert.Equal(amount.ToString("N2", CultureInfo.InvariantCulture), page.QuerySelector($"tr[data-line='{line}'] [data-resale]")?.TextContent.Trim());
        }

        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var seen = await provider.GetPageAsync($"/billing/statements/{statement.Id}");
        Assert.Null(seen.QuerySelector("#statement-margin"));
        Assert.Empty(seen.QuerySelectorAll("[data-resale]"));
    }
}
