using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;

namespace LicensingPortal.FunctionalTests;

/// <summary>Every state change is a POST protected by an antiforgery token, and every form carries its token.</summary>
public sealed class AntiforgeryTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Every_post_form_on_the_providers_pages_carries_its_own_antiforgery_token()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var plan = await Demo.PlanAsync(factory, "Northwind WFBSS Standard – 12 months");
        var product = await Demo.QueryAsync(factory, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Products.Select(p => p.Id)));
        string[] pages = ["/service-plans", $"/service-plans/{plan}", $"/service-plans/{plan}/edit", "/service-plans/new", "/service-plans/component-updates", "/products", $"/products/{product}/suite-change",
            "/notifications/settings", "/notifications/templates/edit?kind=LicenseExpiringSoon"];
        await AssertFormsCarryTokensAsync(client, pages);
    }

    private static async Task AssertFormsCarryTokensAsync(PortalClient client, IEnumerable<string> pages)
    {
        foreach (var url in pages)
        {
            var page = await client.GetPageAsync(url);
            var forms = page.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.NotEmpty(forms);
            Assert.All(forms, form => Assert.True(form.QuerySelector("input[name=__RequestVerificationToken]") is not null, $"{url}: a form posting to {form.GetAttribute("action")} has no antiforgery token."));
        }
    }

    [Fact]
    public async Task Every_post_form_on_the_main_pages_carries_its_own_antiforgery_token()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var (customerId, licenseId) = await Demo.LicenseOfAsync(factory, "Lakeside Veterinary");
        var (trialCustomer, trialLicense) = await Demo.LicenseOfAsync(factory, "Acme Dental");
        string[] pages = ["/", "/customers", "/customers/new", $"/customers/{customerId}", $"/customers/{customerId}/edit", $"/customers/{customerId}/licenses/{licenseId}",
            $"/customers/{trialCustomer}/licenses/{trialLicense}", "/account/two-factor", "/audit", "/reports/transactions", "/reports/expiring", "/help/roles",
            "/service-plans", "/service-plans/component-updates"];
        await AssertFormsCarryTokensAsync(client, pages);
    }

    [Fact]
    public async Task Every_post_form_of_customer_accounts_and_change_requests_carries_its_own_antiforgery_token_R25()
    {
        // Evergreen Clinic (demo): two licenses, one with an open request (the queue's approve and decline, My requests' withdraw).
        var customerId = await Demo.CustomerAsync(factory, "Evergreen Clinic");
        var licenses = await Demo.QueryAsync(factory, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.CustomerLicenses.Where(l => l.CustomerId == customerId).Select(l => l.Id)));
        var contoso = await Demo.QueryAsync(factory, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Customers.Where(c => c.Id == customerId).Select(c => c.OwnerId)));
        var partner = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        await AssertFormsCarryTokensAsync(partner, ["/customers/requests", $"/customers/{customerId}/accounts", $"/companies/{contoso}/branding"]);

        var customer = await PortalClient.SignedInAsync(factory, DemoAccounts.MspCustomerAdmin);
        await AssertFormsCarryTokensAsync(customer, ["/my/licenses", "/my/requests", .. licenses.SelectMany(l => new[] { $"/my/licenses/{l}", $"/my/licenses/{l}/requests/new" })]);
    }

    [Fact]
    public async Task A_post_without_the_token_is_refused_and_changes_nothing()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var (customerId, licenseId) = await Demo.LicenseOfAsync(factory, "Northgate Realty");
        var url = $"/customers/{customerId}/licenses/{licenseId}";
        var form = PortalClient.FormValues(await client.GetPageAsync(url), $"form[action='{url}']");
        form.Remove("__RequestVerificationToken");
        form["Input.Units"] = "1";

        var response = await client.PostAsync(url, form, antiforgeryToken: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotEqual(1, await Demo.QueryAsync(factory, db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.CustomerLicenses.Where(l => l.Id == licenseId).Select(l => l.Units))));
    }
}
