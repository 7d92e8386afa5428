using System.Net;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Domain.SuiteChanges;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.ServicePlans;

/// <summary>The seeded Cloud App Security change locks the MSP's and the provider's plans (R5).</summary>
public sealed class SuiteChangeApprovalTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<Guid> SeededChangeIdAsync() =>
        await factory.QueryAsync(db => db.SuiteCompositionChanges.Where(c => c.Product.Name == "Cloud App Security").Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task Approval_unlocks_only_the_approving_owner_s_plans_and_records_a_suite_change_on_its_licenses_R5()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var changeId = await SeededChangeIdAsync();
        var mspPlan = await factory.PlanIdAsync(DemoPlans.MspCloudAppPlan);
        var providerPlan = await factory.PlanIdAsync(DemoPlans.ProviderCloudAppPlan);
        var home = await msp.GetPageAsync("/");
        var updates = await msp.GetPageAsync("/service-plans/component-updates");

        var response = await msp.PostAsync($"/service-plans/component-updates/{changeId}/approve", new(), PortalClient.AntiforgeryToken(updates));

        Assert.Equal("1", home.QuerySelector("[data-figure=approvals]")?.TextContent.Trim());
        Assert.Contains("1", home.QuerySelector("nav .nav-link[data-nav=ServicePlans] .badge")?.TextContent, StringComparison.Ordinal);
        var pending = updates.QuerySelector($"[data-change-id='{changeId}']")!;
        Assert.Contains("Data Loss Prevention", pending.TextContent, StringComparison.Ordinal);
        Assert.NotNull(pending.QuerySelector($"[data-locked-plan='{mspPlan}']"));
        Assert.Null(pending.QuerySelector($"[data-locked-plan='{providerPlan}']"));
        Assert.Equal("1", pending.QuerySelector("[data-figure=affected]")?.TextContent.Trim());

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await factory.QueryAsync(db => db.ServicePlans.Where(p => p.Id == mspPlan).Select(p => p.LockedBySuiteChangeId).SingleAsync()));
        Assert.Equal(changeId, await factory.QueryAsync(db => db.ServicePlans.Where(p => p.Id == providerPlan).Select(p => p.LockedBySuiteChangeId).SingleAsync()));
        var mspId = await factory.CompanyIdAsync(DemoPlans.Msp);
        var approval = await factory.QueryAsync(db => db.SuiteChangeApprovals.SingleAsync(a => a.SuiteChangeId == changeId));
        Assert.Equal(mspId, approval.OwnerId);
        Assert.Equal("Morgan MSP", approval.ApprovedBy);
        var suiteChange = await factory.QueryAsync(db => db.LicenseTransactions.SingleAsync(t => t.Type == TransactionType.SuiteChange));
        Assert.Equal("Fjord Analytics", suiteChange.CustomerName);
        Assert.Equal("Mail Scanning, File Scanning", suiteChange.Before);
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "SuiteChangeApproved" && a.EntityId == mspPlan.ToString())));

        var after = await msp.GetPageAsync("/");
        Assert.Equal("0", after.QuerySelector("[data-figure=approvals]")?.TextContent.Trim());
        Assert.Null(after.QuerySelector("nav .nav-link[data-nav=ServicePlans] .badge"));

        // The provider's own plan stays locked: its approval page still lists the change.
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var providerUpdates = await provider.GetPageAsync("/service-plans/component-updates");
        Assert.NotNull(providerUpdates.QuerySelector($"[data-locked-plan='{providerPlan}']"));

        // Approving twice is refused, and nothing more is recorded.
        var again = await msp.PostAsync($"/service-plans/component-updates/{changeId}/approve", new(), PortalClient.AntiforgeryToken(after));
        var shown = await msp.GetPageAsync("/service-plans/component-updates");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Contains("already approved", shown.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await factory.QueryAsync(db => db.SuiteChangeApprovals.CountAsync(a => a.SuiteChangeId == changeId)));
        Assert.Equal(1, await factory.QueryAsync(db => db.LicenseTransactions.CountAsync(t => t.Type == TransactionType.SuiteChange)));
    }

    [Fact]
    public async Task Another_owner_s_suite_change_is_not_found_and_stays_locked_R5_R1()
    {
        Guid changeId;
        Guid planId;
        await using (var db = factory.StartedDbContext())
        {
            var provider = await db.Companies.SingleAsync(c => c.Type == CompanyType.Provider);
            var product = Product.Create("Server Deep Security", ["Standard"], components: ["Firewall"]);
            var plan = ServicePlan.Create(provider, product, new ServicePlanDefinition(
                "Northwind Server Deep Security", product.ServiceLevels[0].Id, Domain.Licenses.LicenseType.Full,
                new Domain.Licenses.LicensePeriod(12, Domain.Licenses.PeriodUnit.Months), 5, true, false), factory.Clock.GetUtcNow());
            var change = SuiteCompositionChange.Record(product, ["IPS"], [], null, DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime), [plan], new Actor(null, "Vendor"), factory.Clock.GetUtcNow());
            db.AddRange(product, plan, change);
            await db.SaveChangesAsync();
            (changeId, planId) = (change.Id, plan.Id);
        }

        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var page = await msp.GetPageAsync("/service-plans/component-updates");

        var response = await msp.PostAsync($"/service-plans/component-updates/{changeId}/approve", new(), PortalClient.AntiforgeryToken(page));
        var unknown = await msp.PostAsync($"/service-plans/component-updates/{Guid.NewGuid()}/approve", new(), PortalClient.AntiforgeryToken(page));

        Assert.Null(page.QuerySelector($"[data-change-id='{changeId}']"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(changeId, await factory.QueryAsync(db => db.ServicePlans.Where(p => p.Id == planId).Select(p => p.LockedBySuiteChangeId).SingleAsync()));
        Assert.False(await factory.QueryAsync(db => db.SuiteChangeApprovals.AnyAsync(a => a.SuiteChangeId == changeId)));
    }

    [Fact]
    public async Task A_read_only_user_sees_pending_changes_but_cannot_approve_R5()
    {
        var support = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderSupport);
        var changeId = await SeededChangeIdAsync();
        var page = await support.GetPageAsync("/service-plans/component-updates");

        var response = await support.PostAsync($"/service-plans/component-updates/{changeId}/approve", new(), PortalClient.AntiforgeryToken(page));

        Assert.NotNull(page.QuerySelector($"[data-change-id='{changeId}']"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var providerId = await factory.CompanyIdAsync(DemoPlans.Provider);
        Assert.False(await factory.QueryAsync(db => db.SuiteChangeApprovals.AnyAsync(a => a.OwnerId == providerId)));
    }
}

/// <summary>Its own database: recording a change locks plans of every owner.</summary>
public sealed class SuiteChangeRecordingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_provider_records_a_suite_change_and_every_owner_s_plans_of_the_product_lock_R5()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var (productId, _) = await factory.ProductAsync("Email Security");
        var planIds = await factory.QueryAsync(db => db.ServicePlans.Where(p => p.ProductId == productId).Select(p => p.Id).ToListAsync());

        var response = await provider.PostFormAsync($"/products/{productId}/suite-change", $"/products/{productId}/suite-change", new()
        {
            ["ComponentsAdded"] = "URL Time-of-Click",
            ["ComponentsRemoved"] = "Anti-spam",
            ["Description"] = "Anti-spam moves to the gateway.",
            ["EffectiveOn"] = "2026-12-01",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var locked = await factory.QueryAsync(db => db.ServicePlans.Where(p => p.ProductId == productId).Select(p => p.LockedBySuiteChangeId).ToListAsync());
        Assert.Equal(planIds.Count, locked.Count(l => l != null));
        Assert.True(planIds.Count >= 3);
        Assert.True(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "SuiteChangeRecorded")));

        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var updates = await msp.GetPageAsync("/service-plans/component-updates");
        Assert.Equal("2", updates.QuerySelector("[data-figure=pending]")?.TextContent.Trim());
        Assert.Contains("URL Time-of-Click", updates.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suite_change_without_components_or_date_is_refused_next_to_the_fields_R18()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var (productId, _) = await factory.ProductAsync("Worry-Free Business Security Services");
        var before = await factory.QueryAsync(db => db.SuiteCompositionChanges.CountAsync());

        var response = await provider.PostFormAsync($"/products/{productId}/suite-change", $"/products/{productId}/suite-change", new()
        {
            ["ComponentsAdded"] = "",
            ["ComponentsRemoved"] = "",
            ["Description"] = "typed text",
            ["EffectiveOn"] = "",
        });
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("at least one component", page.QuerySelector("span[data-valmsg-for=ComponentsAdded]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Enter the date", page.QuerySelector("span[data-valmsg-for=EffectiveOn]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("typed text", page.QuerySelector("textarea[name=Description]")?.TextContent.Trim());
        Assert.Equal(before, await factory.QueryAsync(db => db.SuiteCompositionChanges.CountAsync()));
    }

    [Fact]
    public async Task Only_the_provider_manages_products()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var (productId, _) = await factory.ProductAsync("Email Security");
        var page = await msp.GetPageAsync("/service-plans");

        Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync("/products")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await msp.PostAsync($"/products/{productId}/end-of-sale", new(), PortalClient.AntiforgeryToken(page))).StatusCode);
        Assert.Equal(Lifecycle.Active, await factory.QueryAsync(db => db.Products.Where(p => p.Id == productId).Select(p => p.Lifecycle).SingleAsync()));
    }
}
