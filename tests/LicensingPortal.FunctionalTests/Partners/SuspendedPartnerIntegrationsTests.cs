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
