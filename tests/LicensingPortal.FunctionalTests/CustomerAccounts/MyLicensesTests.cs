using System.Net;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.FunctionalTests.Partners;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.CustomerAccounts;

/// <summary>R25: what a customer's own user sees, and the sign-in rules of its owner's status (R11 extended).</summary>
public sealed class MyLicensesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_customer_user_lands_on_its_own_licenses_and_sees_no_other_customers_R25()
    {
        var customer = await factory.NewContosoCustomerAsync(licenses: 2);
        var client = await PortalClient.SignedInAsCustomerUserAsync(factory, customer.Id);

        var home = await client.GetAsync("/");
        var page = await client.GetPageAsync("/my/licenses");
        var ours = await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.CustomerId == customer.Id).Select(l => l.Id).ToListAsync());

        Assert.Equal("/my/licenses", home.Headers.Location?.OriginalString);
        Assert.Equal(ours.Order(), page.QuerySelectorAll("#my-licenses tbody tr").Select(r => Guid.Parse(r.GetAttribute("data-license")!)).Order());
        Assert.Contains(customer.Name, page.QuerySelector("main h1")?.TextContent, StringComparison.Ordinal);
        var nav = page.QuerySelectorAll("nav[aria-label=Main] .navbar-nav .nav-link").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["My licenses", "My requests", "API Keys", "Support access", "Account"], nav);
        Assert.Null(page.QuerySelector("#read-only-banner"));
    }

    [Fact]
    public async Task A_license_page_shows_its_facts_and_asks_for_a_change_only_for_a_customer_administrator_R25()
    {
        var customer = await factory.NewContosoCustomerAsync(licenses: 1);
        var license = await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.CustomerId == customer.Id).Select(l => new { l.Id, l.Units }).SingleAsync());
        var admin = await PortalClient.SignedInAsCustomerUserAsync(factory, customer.Id);
        var viewer = await PortalClient.SignedInAsCustomerUserAsync(factory, customer.Id, Roles.CustomerViewer);

        var asAdmin = await admin.GetPageAsync($"/my/licenses/{license.Id}");
        var asViewer = await viewer.GetPageAsync($"/my/licenses/{license.Id}");

        Assert.Equal($"/my/licenses/{license.Id}/requests/new", asAdmin.QuerySelector("#ask-for-change")?.GetAttribute("href"));
        Assert.Null(asViewer.QuerySelector("#ask-for-change"));
        Assert.Contains(license.Units.ToString(System.Globalization.CultureInfo.InvariantCulture), asViewer.QuerySelector("#license-facts")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_customers_license_and_the_partners_pages_answer_404_to_a_customer_user_R1_R25()
    {
        var customer = await factory.NewContosoCustomerAsync(licenses: 1);
        var other = await factory.NewContosoCustomerAsync(licenses: 1);
        var foreign = await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.CustomerId == other.Id).Select(l => l.Id).SingleAsync());
        var client = await PortalClient.SignedInAsCustomerUserAsync(factory, customer.Id);

        foreach (var url in new[] { $"/my/licenses/{foreign}", $"/customers/{customer.Id}", $"/customers/{other.Id}/licenses/{foreign}", "/customers", "/partners", "/service-plans", "/billing", "/reports/transactions", "/help/roles" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task A_canceled_owners_customer_users_cannot_sign_in_with_the_same_message_as_its_own_accounts_R11_R25()
    {
        var customer = await factory.NewCustomerOfPartnerInAsync(PartnerStatus.Canceled);
        var email = await factory.CustomerUserAsync(customer.Id);

        var response = await PortalClient.Anonymous(factory).PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = email, ["Password"] = DemoAccounts.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(LicensingPortal.Web.Controllers.AccountController.FailedMessage), await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_suspended_owners_customer_users_sign_in_and_read_everything_read_only_with_the_reason_R11_R25()
    {
        var customer = await factory.NewCustomerOfPartnerInAsync(PartnerStatus.Suspended);
        var client = await PortalClient.SignedInAsCustomerUserAsync(factory, customer.Id);

        var page = await client.GetPageAsync("/my/licenses");

        Assert.Contains("is suspended", page.QuerySelector("#read-only-banner")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("nothing can be changed or asked for", page.QuerySelector("#read-only-banner")?.TextContent, StringComparison.Ordinal);
    }
}
