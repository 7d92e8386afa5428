using System.Net;
using LicensingPortal.Domain.Common;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.ServicePlans;

public sealed class ResellerAssignedPlansTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_reseller_sees_its_assigned_plans_read_only_with_its_own_customers_R14()
    {
        var reseller = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var wfbss = await factory.PlanIdAsync("Northwind WFBSS Standard – 12 months");

        var list = await reseller.GetPageAsync("/service-plans");
        var detail = await reseller.GetPageAsync($"/service-plans/{wfbss}");

        Assert.Equal("Assigned Plans", list.QuerySelector("main h1")?.TextContent.Trim());
        Assert.Equal(
            ["Northwind Email Security – 12 months", "Northwind WFBSS Standard – 12 months"],
            list.QuerySelectorAll("#plans tbody tr a").Select(a => a.TextContent).Order(StringComparer.Ordinal).ToArray());
        Assert.Null(list.QuerySelector("a[href='/service-plans/new']"));
        Assert.Contains("Worry-Free Business Security Services", detail.QuerySelector("#plan-definition")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Hanse Logistik"], detail.QuerySelectorAll("#plan-customers tbody tr td:first-child").Select(td => td.TextContent).ToArray());
        Assert.Null(detail.QuerySelector("form[action$='end-of-sale']"));
        Assert.Null(detail.QuerySelector($"a[href='/service-plans/{wfbss}/edit']"));
    }

    [Fact]
    public async Task A_reseller_cannot_create_or_edit_plans_nor_see_unassigned_ones_R14_R1()
    {
        var reseller = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var wfbss = await factory.PlanIdAsync("Northwind WFBSS Standard – 12 months");
        var unassigned = await factory.PlanIdAsync("Northwind WFBSS Advanced – 12 months");
        var (productId, levelId) = await factory.ProductAsync("Worry-Free Business Security Services");
        var list = await reseller.GetPageAsync("/service-plans");
        var before = await factory.QueryAsync(db => db.ServicePlans.CountAsync());

        var create = await reseller.PostAsync("/service-plans/new", new()
        {
            ["Name"] = "Reseller plan",
            ["ProductId"] = productId.ToString(),
            ["ServiceLevelId"] = levelId.ToString(),
            ["LicenseType"] = "Full",
            ["PeriodLength"] = "12",
            ["PeriodUnit"] = "Months",
            ["UnitsPerLicense"] = "5",
            ["Version"] = "0",
        }, PortalClient.AntiforgeryToken(list));

        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reseller.GetAsync("/service-plans/new")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reseller.GetAsync($"/service-plans/{wfbss}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reseller.GetAsync($"/service-plans/{unassigned}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reseller.GetAsync("/service-plans/component-updates")).StatusCode);
        Assert.Equal(before, await factory.QueryAsync(db => db.ServicePlans.CountAsync()));
    }
}

public sealed class LifecycleTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_provider_marks_a_product_End_of_Sale_its_plans_can_no_longer_be_assigned_and_it_is_recorded_R4()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var (productId, _) = await factory.ProductAsync("Email Security");
        var products = await provider.GetPageAsync("/products");

        var response = await provider.PostAsync($"/products/{productId}/end-of-sale", new(), PortalClient.AntiforgeryToken(products));
        var again = await provider.PostAsync($"/products/{productId}/end-of-sale", new(), PortalClient.AntiforgeryToken(products));
        var shown = await provider.GetPageAsync("/products");
        var plans = await provider.GetPageAsync("/service-plans?lifecycle=EndOfSale");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("R4", shown.QuerySelector("[role=status]")?.GetAttribute("data-rule"));
        Assert.DoesNotContain("(R4)", shown.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("End of Sale", shown.QuerySelector($"tr[data-product-id='{productId}'] [data-lifecycle]")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(plans.QuerySelectorAll("#plans tbody tr"), r => r.TextContent.Contains("Northwind Email Security", StringComparison.Ordinal) && r.TextContent.Contains("End of Sale", StringComparison.Ordinal));
        await using var db = factory.StartedDbContext();
        var plan = await db.ServicePlans.Include(p => p.Product).SingleAsync(p => p.Name == "Northwind Email Security – 12 months");
        Assert.Equal("R4", Assert.Throws<DomainRuleViolation>(plan.EnsureAssignable).Code);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "ProductEndOfSale" && a.EntityId == productId.ToString()));
    }

    [Fact]
    public async Task An_owner_marks_its_plan_End_of_Life_and_licenses_on_it_become_view_only_R4()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var id = await factory.PlanIdAsync("WFBSS Advanced – 12 months");
        var detail = await msp.GetPageAsync($"/service-plans/{id}");

        var response = await msp.PostAsync($"/service-plans/{id}/end-of-life", new(), PortalClient.AntiforgeryToken(detail));
        var after = await msp.GetPageAsync($"/service-plans/{id}");

        Assert.NotNull(detail.QuerySelector($"form[action='/service-plans/{id}/end-of-life'][data-confirm]"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("End of Life", after.QuerySelector("main h1")?.TextContent, StringComparison.Ordinal);
        await using var db = factory.StartedDbContext();
        var license = await db.CustomerLicenses.Include(l => l.Plan).ThenInclude(p => p.Product).Include(l => l.Customer).ThenInclude(c => c.Owner)
            .FirstAsync(l => l.ServicePlanId == id);
        Assert.Equal("R4", license.ModificationRefusal()?.Code);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "ServicePlanEndOfLife" && a.EntityId == id.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync($"/service-plans/{await factory.PlanIdAsync("Northwind WFBSS Standard – 12 months")}/edit")).StatusCode);
    }

    [Fact]
    public async Task A_plan_of_an_End_of_Sale_product_offers_only_End_of_Life_and_a_crafted_End_of_Sale_is_refused_R4_R17()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var id = await factory.PlanIdAsync("Northwind Endpoint Encryption – 12 months");
        var detail = await provider.GetPageAsync($"/service-plans/{id}");

        var response = await provider.PostAsync($"/service-plans/{id}/end-of-sale", new(), PortalClient.AntiforgeryToken(detail));
        var after = await provider.GetPageAsync($"/service-plans/{id}");

        Assert.Null(detail.QuerySelector($"a[href='/service-plans/{id}/edit']"));
        Assert.Null(detail.QuerySelector("form[action$='end-of-sale']"));
        Assert.NotNull(detail.QuerySelector($"form[action='/service-plans/{id}/end-of-life']"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("R4", after.QuerySelector("[role=status]")?.GetAttribute("data-rule"));
        Assert.Contains("already End of Sale", after.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "ServicePlanEndOfSale" && a.EntityId == id.ToString())));
    }
}
