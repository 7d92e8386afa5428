using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.ServicePlans;

/// <summary>A plan's page lists its first customers, each a link, and leads to the customers list filtered by the plan.</summary>
public sealed class PlanCustomersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_customers_list_filtered_by_a_plan_shows_the_plan_s_customers_and_its_name()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var wfbss = await factory.PlanIdAsync("Northwind WFBSS Standard – 12 months");
        var expected = await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.ServicePlanId == wfbss)
            .Select(l => l.Customer.Name).Distinct().OrderBy(n => n).ToListAsync());

        var detail = await provider.GetPageAsync($"/service-plans/{wfbss}");
        var list = await provider.GetPageAsync($"/customers?plan={wfbss}");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, detail.QuerySelectorAll("#plan-customers tbody tr td:first-child a").Select(a => a.TextContent).Distinct().ToList());
        Assert.All(detail.QuerySelectorAll("#plan-customers tbody a"), a => Assert.StartsWith("/customers/", a.GetAttribute("href"), StringComparison.Ordinal));
        Assert.Equal(expected, list.QuerySelectorAll("[data-testid=customers] tbody tr td:first-child a").Select(a => a.TextContent.Trim()).ToList());
        Assert.Contains("Northwind WFBSS Standard – 12 months", list.QuerySelector("[data-testid=plan-filter]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(wfbss.ToString(), list.QuerySelector("form[role=search] input[name=plan]")?.GetAttribute("value")); // kept when other filters change
    }

    [Fact]
    public async Task A_plan_the_user_cannot_see_names_nothing_and_lists_none_of_its_customers_R1()
    {
        var reseller = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var unassigned = await factory.PlanIdAsync("Northwind WFBSS Advanced – 12 months");

        var list = await reseller.GetPageAsync($"/customers?plan={unassigned}");

        Assert.DoesNotContain("WFBSS Advanced", list.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("(not one of yours)", list.QuerySelector("[data-testid=plan-filter]")?.TextContent, StringComparison.Ordinal);
        Assert.Null(list.QuerySelector("[data-testid=customers]"));
    }
}
