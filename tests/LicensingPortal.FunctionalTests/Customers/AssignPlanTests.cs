using System.Net;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Customers;

[Trait("Category", "Calendar")]
public sealed class AssignPlanTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private async Task<HttpResponseMessage> AssignAsync(PortalClient client, string customer, string plan, string? units = null)
    {
        var id = await Demo.CustomerAsync(factory, customer);
        var fields = new Dictionary<string, string> { ["servicePlanId"] = (await Demo.PlanAsync(factory, plan)).ToString() };
        if (units is not null)
        {
            fields["units"] = units;
        }

        var page = await client.GetPageAsync($"/customers/{id}");
        return await client.SubmitAsync(page, $"form[action='/customers/{id}/licenses']", fields);
    }

    private Task<int> LicenseCountAsync(string customer) =>
        Demo.QueryAsync(factory, db => db.CustomerLicenses.CountAsync(l => l.Customer.Name == customer));

    [Fact]
    public async Task A_new_purchase_adds_the_license_consumes_pool_units_and_records_the_transaction_R9_R12()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var poolBefore = await Demo.QueryAsync(factory, db => db.LicensePools.AsNoTracking()
            .SingleAsync(p => p.LicenseType == LicenseType.Full && db.Companies.Any(c => c.Id == p.PartnerId && c.Name == "Contoso Managed Services")
                && db.ServicePlans.Any(s => s.Name == "WFBSS Advanced – 12 months" && s.ServiceLevelId == p.ServiceLevelId)));

        var response = await AssignAsync(client, "Ironwood Accounting", "WFBSS Advanced – 12 months", "7");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var license = await Demo.QueryAsync(factory, db => db.CustomerLicenses.AsNoTracking().SingleAsync(l => l.Customer.Name == "Ironwood Accounting" && l.Plan.Name == "WFBSS Advanced – 12 months"));
        Assert.Equal(7, license.Units);
        Assert.Equal(factory.Clock.Today.AddMonths(12), license.ExpiresOn);
        Assert.Equal(poolBefore.UnitsUsed + 7, await Demo.QueryAsync(factory, db => db.LicensePools.Where(p => p.Id == poolBefore.Id).Select(p => p.UnitsUsed).SingleAsync()));
        Assert.Equal(TransactionType.NewPurchase, await Demo.QueryAsync(factory, db => db.LicenseTransactions.Where(t => t.LicenseId == license.Id).Select(t => t.Type).SingleAsync()));
    }

    [Theory]
    [InlineData("Endpoint Encryption – 12 months", "R4")]
    [InlineData("Cloud App Security – 12 months", "R5")]
    public async Task End_of_Sale_and_locked_plans_cannot_be_assigned_even_by_a_crafted_post_R4_R5(string plan, string rule)
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var before = await LicenseCountAsync("Juniper Schools");

        var response = await AssignAsync(client, "Juniper Schools", plan);
        var page = await client.GetPageAsync(response.Headers.Location!.OriginalString);

        Assert.StartsWith("Not assigned: ", page.QuerySelector($"[role=status][data-rule={rule}]")?.TextContent.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain($"({rule})", page.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await LicenseCountAsync("Juniper Schools"));
    }

    [Fact]
    public async Task A_plan_the_company_may_not_use_is_refused_R1()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var before = await LicenseCountAsync("Kestrel Engineering");

        var response = await AssignAsync(client, "Kestrel Engineering", "Northwind WFBSS Standard – 12 months");
        var page = await client.GetPageAsync(response.Headers.Location!.OriginalString);

        Assert.Contains("Not assigned", page.QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await LicenseCountAsync("Kestrel Engineering"));
    }

    [Fact]
    public async Task A_reseller_assigns_the_plans_its_provider_assigned_to_it_R14()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var page = await client.GetPageAsync($"/customers/{await Demo.CustomerAsync(factory, "Hanse Logistik")}");
        var options = page.QuerySelectorAll("#servicePlanId option").Select(o => o.TextContent.Trim()).ToList();

        Assert.Contains(options, o => o.StartsWith("Northwind WFBSS Standard – 12 months", StringComparison.Ordinal));
        Assert.DoesNotContain(options, o => o.StartsWith("WFBSS", StringComparison.Ordinal));

        var response = await AssignAsync(client, "Hanse Logistik", "Northwind Email Security – 12 months", "5");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(2, await LicenseCountAsync("Hanse Logistik"));
    }

    [Fact]
    public async Task A_trial_converts_to_a_full_license_R3()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var (customerId, licenseId) = await Demo.LicenseOfAsync(factory, "Acme Dental");
        var url = $"/customers/{customerId}/licenses/{licenseId}";
        var page = await client.GetPageAsync(url);
        var response = await client.SubmitAsync(page, $"form[action='{url}/convert']", new() { ["servicePlanId"] = (await Demo.PlanAsync(factory, "WFBSS Standard – 12 months")).ToString() });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var license = await Demo.QueryAsync(factory, db => db.CustomerLicenses.AsNoTracking().SingleAsync(l => l.Id == licenseId));
        Assert.Equal(LicenseType.Full, license.LicenseType);
        Assert.Null((await client.GetPageAsync(url)).QuerySelector("[data-rule=R3]"));
    }
}
