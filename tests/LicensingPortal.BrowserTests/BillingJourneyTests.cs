using LicensingPortal.BrowserTests.Infrastructure;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace LicensingPortal.BrowserTests;

/// <summary>
/// The demo data with a year of statements (R24): every plan at a list price of 10.00 USD, and the month-close job run
/// on the 1st of each of the last twelve months as the scheduler would, so each company has eleven months submitted and
/// the test day's month preparing; the provider approved and completed the earlier ones. Its own portal: the clock ends on the 1st of next month, which the shared one must not.
/// </summary>
public sealed class ClosedYearPortal : IAsyncLifetime
{
    public BrowserPortal Portal { get; } = new();

    /// <summary>The test day's month, closed on the 1st of the next: the partners review it.</summary>
    public DateOnly PreparingMonth { get; private set; }

    public async ValueTask InitializeAsync()
    {
        await Portal.InitializeAsync();
        var today = Portal.Clock.Today;
        PreparingMonth = new DateOnly(today.Year, today.Month, 1);
        using (var scope = Portal.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var provider = await db.Companies.SingleAsync(c => c.Name == "Northwind Distribution");
            var from = today.AddYears(-2);
            var plans = await db.ServicePlans.Select(p => p.Id).ToListAsync();
            db.PlanPrices.AddRange(plans.Select(plan => PlanPrice.Set(provider.Id, plan, BillingPeriod.Monthly, 10.00m, from, Currency.Usd, from, Portal.Clock.GetUtcNow())));
            await db.SaveChangesAsync();
        }

        // On the 1st the month before closes; on the 5th, the deadline, what the partner did not submit is submitted.
        var job = Portal.Services.GetRequiredService<MonthCloseJob>();
        for (var first = PreparingMonth.AddMonths(-10); first <= PreparingMonth.AddMonths(1); first = first.AddMonths(1))
        {
            Portal.Clock.Set(new DateTimeOffset(first.ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
            await job.RunOnceAsync();
            if (first <= PreparingMonth)
            {
                Portal.Clock.Set(new DateTimeOffset(first.AddDays(4).ToDateTime(new TimeOnly(6, 0)), TimeSpan.Zero));
                await job.RunOnceAsync();
            }
        }

        // The provider approved each month after its deadline and marked it completed once invoiced; last month is approved.
        using (var scope = Portal.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            var provider = new Actor(null, "Paula Provider");
            foreach (var statement in await db.Statements.Where(s => s.Month < PreparingMonth && s.State == StatementState.Submitted).ToListAsync())
            {
                var decided = new DateTimeOffset(statement.Month.AddMonths(1).AddDays(7).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
                statement.Approve(provider, decided);
                if (statement.Month < PreparingMonth.AddMonths(-1))
                {
                    statement.Complete(provider, decided.AddDays(14));
                }
            }

            await db.SaveChangesAsync();
        }

        Portal.Clock.Set(new DateTimeOffset(PreparingMonth.AddMonths(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
    }

    public ValueTask DisposeAsync() => Portal.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class ClosedYearCollection : ICollectionFixture<ClosedYearPortal>
{
    public const string Name = "browser, a year of statements";
}

/// <summary>R24 in a browser: the partner reviews, adjusts and submits its month; the provider rejects it, then previews and approves in bulk.</summary>
[Collection(ClosedYearCollection.Name)]
public sealed class BillingJourneyTests(ClosedYearPortal closed)
{
    private BrowserPortal Portal => closed.Portal;

    [Fact]
    public async Task The_partner_adjusts_a_line_and_submits_the_provider_rejects_it_then_approves_it_in_bulk_after_a_preview_R22_R24()
    {
        var msp = await Portal.SignedInPageAsync(DemoAccounts.MspAdmin);
        msp.Dialog += (_, dialog) => dialog.AcceptAsync();
        await msp.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Billing" }).ClickAsync();
        await Assertions.Expect(msp.Locator("#statements tbody tr")).ToHaveCountAsync(12);
        await BrowserPortal.ScreenshotAsync(msp, "billing-msp");
        await Accessibility.AssertNoSeriousViolationsAsync(msp);
        await msp.Locator("#estimate-link").ClickAsync();
        await Assertions.Expect(msp.Locator("[data-estimate-note]")).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(msp, "billing-estimate");
        await Accessibility.AssertNoSeriousViolationsAsync(msp);
        await msp.GoBackAsync();

        // The month being reviewed: adjust the first line with units, with a comment, then submit.
        await msp.Locator("#statements tbody tr").First.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(msp.Locator("#statement-heading [data-state]")).ToHaveAttributeAsync("data-state", "Preparing");
        var line = msp.Locator("#lines tr[data-line]", new() { Has = msp.Locator("td[data-chargeable]:not([data-chargeable='0'])") }).First;
        var lineId = await line.GetAttributeAsync("data-line");
        await line.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Adjust") }).ClickAsync();
        var form = msp.Locator($"#adjust-{lineId}");
        await form.GetByLabel("Chargeable units").FillAsync("2");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save adjustment" }).ClickAsync();
        await Assertions.Expect(form.Locator("[data-error-for=Comment]")).ToBeVisibleAsync();
        await form.GetByLabel("Why? Your provider reads it before approving.").FillAsync("Two seats were only test machines; removed on the 3rd.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Save adjustment" }).ClickAsync();
        await Assertions.Expect(msp.Locator($"[data-comment-for='{lineId}']")).ToContainTextAsync("test machines");
        await Assertions.Expect(msp.Locator("#units-chart svg g[data-month] rect").First).ToBeVisibleAsync();
        await BrowserPortal.ScreenshotAsync(msp, "billing-statement");
        await Accessibility.AssertNoSeriousViolationsAsync(msp);
        var statementUrl = msp.Url;
        await msp.GetByRole(AriaRole.Button, new() { Name = "Submit to your provider" }).ClickAsync();
        await Assertions.Expect(msp.Locator("#statement-heading [data-state]")).ToHaveAttributeAsync("data-state", "Submitted");

        // The provider rejects it with a reason; the partner reads it at the top of the statement and submits again.
        var provider = await Portal.SignedInPageAsync(DemoAccounts.ProviderAdmin);
        provider.Dialog += (_, dialog) => dialog.AcceptAsync();
        await provider.GotoAsync(new Uri(statementUrl).PathAndQuery);
        await provider.GetByText("Reject…").ClickAsync();
        await provider.GetByRole(AriaRole.Button, new() { Name = "Reject the statement" }).ClickAsync();
        await Assertions.Expect(provider.Locator("[data-error-for=reason]")).ToBeVisibleAsync();
        await provider.Locator("#reject-reason").FillAsync("Two of the test machines were in use until the 20th: charge them until then, and say so in the comment.");
        await provider.GetByRole(AriaRole.Button, new() { Name = "Reject the statement" }).ClickAsync();
        await msp.ReloadAsync();
        await Assertions.Expect(msp.Locator("#rejection [data-reason]")).ToContainTextAsync("in use until the 20th");
        await BrowserPortal.ScreenshotAsync(msp, "billing-statement-rejected");
        await Accessibility.AssertNoSeriousViolationsAsync(msp);
        await msp.GetByRole(AriaRole.Button, new() { Name = "Submit to your provider" }).ClickAsync();
        await Assertions.Expect(msp.Locator("#statement-heading [data-state]")).ToHaveAttributeAsync("data-state", "Submitted");
        await msp.Context.CloseAsync();

        // Billing › Statements: tick Contoso's (submitted) and Fabrikam's (still preparing); the preview refuses Fabrikam's.
        await provider.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Billing" }).ClickAsync();
        await Assertions.Expect(provider.Locator("#statements tbody tr")).ToHaveCountAsync(5);
        await provider.GetByLabel("Tick Contoso Managed Services's statement").CheckAsync();
        await provider.GetByLabel("Tick Fabrikam Resellers's statement").CheckAsync();
        await provider.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        await Assertions.Expect(provider.Locator("#decide-report [data-outcome=Refused]")).ToContainTextAsync("cannot be approved now");
        await Assertions.Expect(provider.Locator("#decide-report [data-outcome=Decided]")).ToHaveTextAsync("Will be approved");
        await BrowserPortal.ScreenshotAsync(provider, "billing-statements-preview");
        await Accessibility.AssertNoSeriousViolationsAsync(provider);
        await provider.Locator("#apply").ClickAsync();
        await Assertions.Expect(provider.Locator("#decide-result")).ToContainTextAsync("1 statement approved");
        await Assertions.Expect(provider.Locator("#statements tr[data-partner='Contoso Managed Services'] [data-state]")).ToHaveAttributeAsync("data-state", "Approved");
        await provider.GotoAsync("/billing/statements");
        await BrowserPortal.ScreenshotAsync(provider, "billing-statements");
        await Accessibility.AssertNoSeriousViolationsAsync(provider);

        // The statement as the provider sees it once approved, and the partner's Billing tab.
        await provider.GotoAsync(new Uri(statementUrl).PathAndQuery);
        await Assertions.Expect(provider.Locator("#complete-form")).ToBeVisibleAsync();
        await provider.Locator("[data-partner]").First.ClickAsync();
        await Assertions.Expect(provider.Locator("#partner-tabs a.active")).ToHaveTextAsync("Billing");
        await BrowserPortal.ScreenshotAsync(provider, "partner-billing");
        await Accessibility.AssertNoSeriousViolationsAsync(provider);
        await provider.Context.CloseAsync();
    }

    [Fact]
    public async Task The_menu_stays_on_one_line_at_1280_pixels_with_Billing_in_it_R24()
    {
        var page = await Portal.SignedInPageAsync(DemoAccounts.ProviderAdmin);
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
}
