using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.ServicePlans;

/// <summary>The issue's walkthrough, on its own database: record → locked → MSP approves → MSP edits the plan.</summary>
public sealed class SuiteChangeWalkthroughTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Provider_records_a_change_the_MSP_s_plan_locks_and_after_its_approval_the_MSP_edits_it_R5()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var (productId, _) = await factory.ProductAsync("Worry-Free Business Security Services");
        var planId = await factory.PlanIdAsync("WFBSS Standard – 24 months");

        var recorded = await provider.PostFormAsync($"/products/{productId}/suite-change", $"/products/{productId}/suite-change", new()
        {
            ["ComponentsAdded"] = "Endpoint Sensor",
            ["ComponentsRemoved"] = "",
            ["EffectiveOn"] = "2026-12-15",
        });
        var lockedForm = await msp.GetPageAsync($"/service-plans/{planId}/edit");
        var lockedFields = PortalClient.FormValues(lockedForm, "#service-plan-form");
        lockedFields["UnitsPerLicense"] = "40";
        var refused = await msp.PostAsync($"/service-plans/{planId}/edit", lockedFields, PortalClient.AntiforgeryToken(lockedForm));
        var detail = await msp.GetPageAsync($"/service-plans/{planId}");

        Assert.Equal(HttpStatusCode.Redirect, recorded.StatusCode);
        Assert.Contains("Locked", detail.QuerySelector("main h1")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("is locked: its product's suite composition changed", (await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync())).Body?.TextContent, StringComparison.Ordinal);

        var updates = await msp.GetPageAsync("/service-plans/component-updates");
        var change = updates.QuerySelectorAll("[data-change-id]").Single(c => c.TextContent.Contains("Endpoint Sensor", StringComparison.Ordinal));
        Assert.NotNull(change.QuerySelector($"[data-locked-plan='{planId}']"));
        var approved = await msp.PostAsync($"/service-plans/component-updates/{change.GetAttribute("data-change-id")}/approve", new(), PortalClient.AntiforgeryToken(updates));

        var form = await msp.GetPageAsync($"/service-plans/{planId}/edit");
        var fields = PortalClient.FormValues(form, "#service-plan-form");
        fields["UnitsPerLicense"] = "40";
        var saved = await msp.PostAsync($"/service-plans/{planId}/edit", fields, PortalClient.AntiforgeryToken(form));

        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(40, await factory.QueryAsync(db => db.ServicePlans.Where(p => p.Id == planId).Select(p => p.UnitsPerLicense).SingleAsync()));
        var providerPlan = await factory.PlanIdAsync("Northwind WFBSS Standard – 12 months");
        Assert.NotNull(await factory.QueryAsync(db => db.ServicePlans.Where(p => p.Id == providerPlan).Select(p => p.LockedBySuiteChangeId).SingleAsync()));
    }
}
