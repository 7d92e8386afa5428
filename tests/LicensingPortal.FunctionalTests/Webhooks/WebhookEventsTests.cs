using System.Text.Json;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Webhooks;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Webhooks;

/// <summary>
/// ADR 0011: which events become deliveries, on the demo data. The endpoints point at a closed local port, so
/// every attempt fails at once; these tests are about what is queued and what it says.
/// </summary>
public sealed class WebhookEventsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Closed = "https://127.0.0.1:9/in";

    [Fact]
    public async Task Expiring_licenses_and_a_partners_status_change_become_deliveries_to_the_subscribed_endpoints_only()
    {
        var contoso = await CompanyAsync("Contoso Managed Services");
        var northwind = await CompanyAsync("Northwind Distribution");
        var litware = await CompanyAsync("Litware MSP");
        var expiring = await AddEndpointAsync(contoso, WebhookEvents.LicenseExpiring);
        var partners = await AddEndpointAsync(northwind, WebhookEvents.PartnerStatusChanged);
        var unsubscribed = await AddEndpointAsync(contoso, WebhookEvents.SuiteChangePending);
        await Demo.QueryAsync(factory, async db =>
        {
            db.AuditEntries.Add(AuditEntry.Record("PartnerSuspended", "Company", litware.ToString(), litware, new Actor(null, "Test"), factory.Clock.GetUtcNow(), "Active", "Suspended"));
            return await db.SaveChangesAsync();
        });

        var job = factory.Services.GetRequiredService<WebhookJob>();
        var run = await job.RunOnceAsync(TestContext.Current.CancellationToken);
        var again = await job.RunOnceAsync(TestContext.Current.CancellationToken);

        var deliveries = await Demo.QueryAsync(factory, db => db.WebhookDeliveries.AsNoTracking().ToListAsync());
        var notices = deliveries.Where(d => d.EndpointId == expiring).Select(d => JsonDocument.Parse(d.Payload).RootElement).ToList();
        Assert.NotEmpty(notices);
        Assert.All(notices, n => Assert.Equal("license.expiring", n.GetProperty("type").GetString()));
        var cedar = Assert.Single(notices, n => n.GetProperty("data").GetProperty("customer").GetString() == "Cedar Law Group").GetProperty("data");
        Assert.Equal("renewal_coming_up", cedar.GetProperty("notice").GetString());
        Assert.True(cedar.GetProperty("autoRenew").GetBoolean());

        var status = JsonDocument.Parse(Assert.Single(deliveries, d => d.EndpointId == partners).Payload).RootElement;
        Assert.Equal("partner.status_changed", status.GetProperty("type").GetString());
        Assert.Equal("suspended", status.GetProperty("data").GetProperty("status").GetString());
        Assert.Equal($"/api/v1/partners/{litware}", status.GetProperty("data").GetProperty("href").GetString());

        Assert.DoesNotContain(deliveries, d => d.EndpointId == unsubscribed);
        Assert.Equal(deliveries.Count, run.Created);
        Assert.Equal(0, again.Created);
        Assert.All(deliveries, d => Assert.NotNull(d.LastError));
    }

    private Task<Guid> CompanyAsync(string name) => Demo.QueryAsync(factory, db => db.Companies.Where(c => c.Name == name).Select(c => c.Id).SingleAsync());

    private async Task<Guid> AddEndpointAsync(Guid companyId, WebhookEvents events)
    {
        var protector = factory.Services.GetRequiredService<Application.Webhooks.IWebhookSecrets>();
        return await Demo.QueryAsync(factory, async db =>
        {
            var endpoint = WebhookEndpoint.Create(companyId, new Uri(Closed), events, null, protector.Protect(WebhookEndpoint.NewSecret()), "Test", factory.Clock.GetUtcNow());
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync();
            return endpoint.Id;
        });
    }
}
