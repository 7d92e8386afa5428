using System.Globalization;
using System.Net;
using LicensingPortal.Application.CustomerAccounts;
using LicensingPortal.Domain.Billing;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.CustomerAccounts;

/// <summary>
/// R25: a customer's own users see their licenses' prices and this month's estimate at their partner's prices to them, only
/// when the partner turns it on (Prices › Your customers' accounts), and only their own (one test: the switch is Contoso's).
/// </summary>
public sealed class CustomerPricesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_customer_user_sees_its_own_licenses_prices_only_when_its_partner_shows_them_R25()
    {
        var customer = await factory.NewContosoCustomerAsync(licenses: 2);
        var other = await factory.NewContosoCustomerAsync(licenses: 1);
        var licenses = await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.CustomerId == customer.Id).Select(l => new { l.Id, l.Units, l.ServicePlanId }).ToListAsync());
        var foreign = await factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.CustomerId == other.Id).Select(l => l.Id).SingleAsync());
        var currency = Currency.Of(await factory.QueryAsync(db => db.Companies.Where(c => c.Name == "Contoso Managed Services")
            .Join(db.Companies, c => c.ProviderId, p => p.Id, (c, p) => p.BillingCurrency).SingleAsync()));
        var customerUser = await PortalClient.SignedInAsCustomerUserAsync(factory, customer.Id);
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        // Contoso charges its customers 7.25 a unit a month for the plan, from today.
        var prices = await msp.GetPageAsync("/prices");
        var resale = PortalClient.FormValues(prices, "#set-price");
        resale["Input.PlanId"] = licenses[0].ServicePlanId.ToString();
        resale["Input.Period"] = "Monthly";
        resale["Input.UnitPrice"] = "7.25";
        resale["Input.EffectiveFrom"] = factory.Clock.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Redirect, (await msp.PostAsync("/prices/resale", resale, null)).StatusCode);

        // Off by default: no prices on the customer's pages.
        Assert.Empty((await customerUser.GetPageAsync("/my/licenses")).QuerySelectorAll("[data-testid=monthly-price], [data-testid=month-estimate]"));
        Assert.Null((await customerUser.GetPageAsync($"/my/licenses/{licenses[0].Id}")).QuerySelector("[data-testid=monthly-price]"));

        // Neither the customer user nor an MSP user who does not manage customer accounts may turn it on: 404, nothing changes.
        var staff = await PortalClient.SignedInAsync(factory, DemoAccounts.MspStaff);
        foreach (var client in new[] { customerUser, staff })
        {
            var token = PortalClient.AntiforgeryToken(await client.GetPageAsync(client == customerUser ? "/my/licenses" : "/"));
            var crafted = await client.PostAsync("/prices/customer-prices", new() { ["show"] = "true", ["version"] = "0" }, token);
            Assert.Equal(HttpStatusCode.NotFound, crafted.StatusCode);
        }

        Assert.False(await factory.QueryAsync(db => db.Companies.Where(c => c.Name == "Contoso Managed Services").Select(c => c.ShowPricesToCustomers).SingleAsync()));

        // The MSP's administrator turns it on from its prices page: audited.
        var form = PortalClient.FormValues(await msp.GetPageAsync("/prices"), "#customer-prices");
        form["show"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await msp.PostAsync("/prices/customer-prices", form, null)).StatusCode);
        Assert.Equal(1, await factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == SetCustomerPrices.ChangedAction && a.After == "prices shown to customers")));

        // A stale form (R19) is refused with the sentence, nothing changed.
        var staleForm = new Dictionary<string, string>(form);
        staleForm.Remove("show");
        Assert.Equal(HttpStatusCode.Redirect, (await msp.PostAsync("/prices/customer-prices", staleForm, null)).StatusCode);
        Assert.True(await factory.QueryAsync(db => db.Companies.Where(c => c.Name == "Contoso Managed Services").Select(c => c.ShowPricesToCustomers).SingleAsync()));

        // Now the customer sees each of its licenses at units × 7.25 a month, and an estimate for this month; only its own.
        var list = await customerUser.GetPageAsync("/my/licenses");
        foreach (var license in licenses)
        {
            var row = list.QuerySelector($"#my-licenses tr[data-license='{license.Id}']")!;
            Assert.Equal(currency.Format(currency.Round(license.Units * 7.25m)), row.QuerySelector("[data-testid=monthly-price]")!.TextContent.Trim());
            Assert.NotEqual("—", row.QuerySelector("[data-testid=month-estimate]")!.TextContent.Trim());
        }

        Assert.Null(list.QuerySelector($"tr[data-license='{foreign}']"));
        var one = await customerUser.GetPageAsync($"/my/licenses/{licenses[0].Id}");
        Assert.Equal($"{currency.Format(currency.Round(licenses[0].Units * 7.25m))} a month", one.QuerySelector("[data-testid=monthly-price]")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.NotFound, (await customerUser.GetAsync($"/my/licenses/{foreign}")).StatusCode);

        // Turned off again: gone.
        form = PortalClient.FormValues(await msp.GetPageAsync("/prices"), "#customer-prices");
        form.Remove("show");
        Assert.Equal(HttpStatusCode.Redirect, (await msp.PostAsync("/prices/customer-prices", form, null)).StatusCode);
        Assert.Empty((await customerUser.GetPageAsync("/my/licenses")).QuerySelectorAll("[data-testid=monthly-price]"));
    }
}
