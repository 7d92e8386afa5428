using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Partners;

/// <summary>R11: while suspended only the profile changes; a new API key or webhook endpoint is refused like any other change.</summary>
public sealed class SuspendedPartnerIntegrationsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_suspended_partners_administrator_cannot_create_an_API_key_R11()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.SuspendedPartnerAdmin);
        var before = await factory.QueryAsync(db => db.ApiKeys.CountAsync());

        var response = await client.PostFormAsync("/api-keys", "/api-keys", new() { ["Input.Name"] = "Billing sync", ["Input.Role"] = LicensingPortal.Application.Security.Roles.SupportEngineer });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is suspended", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.ApiKeys.CountAsync()));
    }

    [Fact]
    public async Task A_suspended_partners_administrator_cannot_register_a_webhook_endpoint_R11()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.SuspendedPartnerAdmin);
        var before = await factory.QueryAsync(db => db.WebhookEndpoints.CountAsync());

        var response = await client.PostFormAsync("/webhooks", "/webhooks", new() { ["Input.Url"] = "https://127.0.0.1/hooks", ["Input.LicenseChanged"] = "true" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is suspended", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.WebhookEndpoints.CountAsync()));
    }
}

/// <summary>Actions that take something away from a partner ask first, saying what happens to its customers.</summary>
public sealed class PartnerConfirmationsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Disable_Licenses_removing_a_used_plan_and_disabling_an_account_ask_for_confirmation_R12_R14_R15()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var ids = await factory.QueryAsync(db => db.Companies.Where(c => c.Name == "Contoso Managed Services" || c.Name == "Fabrikam Resellers").ToDictionaryAsync(c => c.Name, c => c.Id));

        var licenses = await client.GetPageAsync($"/partners/{ids["Contoso Managed Services"]}?tab=licenses");
        Assert.Contains("customers who have them keep them", licenses.QuerySelector("form#disable-licenses")?.GetAttribute("data-confirm"), StringComparison.Ordinal);

        var accounts = await client.GetPageAsync($"/partners/{ids["Contoso Managed Services"]}?tab=accounts");
        var disable = accounts.QuerySelectorAll("form").First(f => f.GetAttribute("action")!.EndsWith("/disable", StringComparison.Ordinal));
        Assert.Contains("can no longer sign in", disable.GetAttribute("data-confirm"), StringComparison.Ordinal);

        var plans = await client.GetPageAsync($"/partners/{ids["Fabrikam Resellers"]}?tab=service-plans");
        var used = plans.QuerySelectorAll("tr[data-plan]").First(r => r.GetAttribute("data-plan")!.StartsWith("Northwind WFBSS Standard", StringComparison.Ordinal));
        Assert.Contains("1 of its customers use it and keep it", used.QuerySelector("form.remove-plan")?.GetAttribute("data-confirm"), StringComparison.Ordinal);
    }
}
