using System.Globalization;
using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Customers;

/// <summary>R12 before the click: a plan without free licenses says so where it is offered, and the numbers are on the form.</summary>
public sealed class PoolBeforeTheClickTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_plan_the_reseller_has_no_pool_for_is_flagged_to_the_provider_and_in_the_resellers_drop_downs_R12()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var fabrikam = await factory.QueryAsync(db => db.Companies.Where(c => c.Name == "Fabrikam Resellers").Select(c => c.Id).SingleAsync());
        var advanced = await Demo.PlanAsync(factory, "Northwind WFBSS Advanced – 12 months");

        var assigned = await provider.PostFormAsync($"/partners/{fabrikam}?tab=service-plans", $"/partners/{fabrikam}/service-plans/assign", new() { ["servicePlanId"] = advanced.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, assigned.StatusCode);
        var tab = await provider.GetPageAsync(assigned.Headers.Location!.OriginalString);
        Assert.Contains("no licenses of it in the license pool", tab.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);

        var reseller = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var hanse = await Demo.CustomerAsync(factory, "Hanse Logistik");
        var customer = await reseller.GetPageAsync($"/customers/{hanse}");
        var option = customer.QuerySelector($"#servicePlanId option[value='{advanced}']");
        Assert.NotNull(option);
        Assert.True(option.HasAttribute("disabled"));
        Assert.Contains("no licenses of it in the license pool", option.TextContent, StringComparison.Ordinal);
        var standard = customer.QuerySelectorAll("#servicePlanId option").Single(o => o.TextContent.StartsWith("Northwind WFBSS Standard", StringComparison.Ordinal));
        Assert.Matches(@"\(\d[\d,]* units free\)", standard.TextContent);

        var (_, license) = await Demo.LicenseOfAsync(factory, "Hanse Logistik");
        var form = await reseller.GetPageAsync($"/customers/{hanse}/licenses/{license}");
        var upgrade = form.QuerySelector($"input[name='Input.ChangeToPlanId'][value='{advanced}']");
        Assert.NotNull(upgrade);
        Assert.True(upgrade.HasAttribute("disabled"));
    }

    [Fact]
    public async Task The_units_field_shows_the_units_free_and_too_many_units_are_refused_with_the_units_typed_and_free_R12()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var (customerId, licenseId) = await Demo.LicenseOfAsync(factory, "Copperleaf Bistro");
        var url = $"/customers/{customerId}/licenses/{licenseId}";
        var page = await client.GetPageAsync(url);
        var free = int.Parse(page.QuerySelector("[data-testid=units-free]")!.TextContent.Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        var units = int.Parse(page.QuerySelector("#Input_Units")!.GetAttribute("value")!, CultureInfo.InvariantCulture);
        var pool = await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.Id == licenseId)
            .SelectMany(l => db.LicensePools.Where(p => p.PartnerId == l.Customer.OwnerId && p.ProductId == l.Plan.ProductId && p.ServiceLevelId == l.Plan.ServiceLevelId && p.LicenseType == l.LicenseType))
            .Select(p => p.UnitsTotal - p.UnitsUsed).SingleAsync());
        Assert.Equal(pool, free);

        var form = PortalClient.FormValues(page, $"form[action='{url}']");
        form["Input.Units"] = (units + free + 1).ToString(CultureInfo.InvariantCulture);
        form["Input.ApplyMode"] = "Now";
        var refused = await client.PostAsync(url, form, null);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var message = (await PortalClient.ParseAsync(await refused.Content.ReadAsStringAsync())).QuerySelector("[data-valmsg-for='Input.Units']")?.TextContent;
        Assert.StartsWith($"{units + free + 1:N0} units per license need {free + 1:N0} more from the license pool, which has {free:N0} free.", message?.Trim(), StringComparison.Ordinal);
    }
}
