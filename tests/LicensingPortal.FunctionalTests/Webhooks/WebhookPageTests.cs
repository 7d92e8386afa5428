using System.Net;
using LicensingPortal.Domain.Webhooks;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Webhooks;

/// <summary>
/// Webhooks page (ADR 0011): an administrator registers an HTTPS endpoint and picks events; the signing secret is
/// shown once and stored protected; the endpoint is edited, disabled, given a new secret, deleted; its delivery log
/// shows each attempt's answer and sends one again. Another company's endpoint is not found (R1).
/// </summary>
public sealed class WebhookPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task An_endpoint_created_on_the_page_shows_its_secret_once_and_stores_it_protected()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var page = await admin.GetPageAsync("/webhooks");
        var created = await admin.SubmitAsync(page, "#create-endpoint", new()
        {
            ["Input.Url"] = "https://hooks.contoso.example/licensing",
            ["Input.Description"] = "PSA sync",
            ["Input.LicenseChanged"] = "true",
            ["Input.PartnerStatusChanged"] = "true",
        });
        var shown = await PortalClient.ParseAsync(await created.Content.ReadAsStringAsync());
        var secret = shown.QuerySelector("#created-secret")?.GetAttribute("value");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.StartsWith(WebhookEndpoint.SecretPrefix, secret, StringComparison.Ordinal);
        Assert.Contains("no-store", created.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        var stored = await Demo.QueryAsync(factory, db => db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Url == "https://hooks.contoso.example/licensing"));
        Assert.Equal(WebhookEvents.LicenseChanged | WebhookEvents.PartnerStatusChanged, stored.Events);
        Assert.True(stored.Enabled);
        Assert.DoesNotContain(secret!, stored.ProtectedSecret, StringComparison.Ordinal);

        var list = await admin.GetPageAsync("/webhooks");
        Assert.DoesNotContain(secret!, list.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.NotNull(list.QuerySelector($"tr[data-endpoint-id='{stored.Id}']"));
        Assert.Contains(await Demo.QueryAsync(factory, db => db.AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync()), a => a == "WebhookEndpointCreated");
    }

    [Theory]
    [InlineData("http://hooks.contoso.example/in", "must use https://")]
    [InlineData("hooks.contoso.example/in", "not an absolute URL")]
    [InlineData("", "Enter the URL")]
    public async Task A_url_that_is_not_absolute_https_is_refused_next_to_the_field_and_nothing_is_saved(string url, string message)
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);
        var before = await Demo.QueryAsync(factory, db => db.WebhookEndpoints.CountAsync());
        var page = await admin.GetPageAsync("/webhooks");
        var response = await admin.SubmitAsync(page, "#create-endpoint", new() { ["Input.Url"] = url, ["Input.LicenseChanged"] = "true" });
        var again = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(again.QuerySelector("#created-secret"));
        Assert.Contains(message, again.QuerySelector("[data-valmsg-for='Input.Url']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await Demo.QueryAsync(factory, db => db.WebhookEndpoints.CountAsync()));
    }

    [Fact]
    public async Task An_endpoint_needs_at_least_one_event()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var page = await admin.GetPageAsync("/webhooks");
        var response = await admin.SubmitAsync(page, "#create-endpoint", new() { ["Input.Url"] = "https://hooks.northwind.example/none", ["Input.LicenseChanged"] = "false" });
        var again = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Contains("Choose at least one event", again.QuerySelector("[data-valmsg-for='Input.LicenseChanged']")?.TextContent, StringComparison.Ordinal);
        Assert.False(await Demo.QueryAsync(factory, db => db.WebhookEndpoints.AnyAsync(e => e.Url == "https://hooks.northwind.example/none")));
    }

    [Fact]
    public async Task An_endpoint_is_edited_disabled_enabled_given_a_new_secret_and_deleted()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var id = await CreateAsync(admin, "https://hooks.northwind.example/a");

        var edit = await admin.GetPageAsync($"/webhooks/{id}/edit");
        var saved = await admin.SubmitAsync(edit, "#edit-endpoint", new() { ["Input.Url"] = "https://hooks.northwind.example/b", ["Input.SuiteChangePending"] = "true" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var endpoint = await EndpointAsync(id);
        Assert.Equal("https://hooks.northwind.example/b", endpoint.Url);
        Assert.Equal(WebhookEvents.LicenseChanged | WebhookEvents.SuiteChangePending, endpoint.Events);

        var list = await admin.GetPageAsync("/webhooks");
        await admin.SubmitAsync(list, $"tr[data-endpoint-id='{id}'] form.toggle-endpoint");
        Assert.False((await EndpointAsync(id)).Enabled);
        list = await admin.GetPageAsync("/webhooks");
        await admin.SubmitAsync(list, $"tr[data-endpoint-id='{id}'] form.toggle-endpoint");
        Assert.True((await EndpointAsync(id)).Enabled);

        list = await admin.GetPageAsync("/webhooks");
        var rotated = await admin.SubmitAsync(list, $"tr[data-endpoint-id='{id}'] form.rotate-secret");
        var secret = (await PortalClient.ParseAsync(await rotated.Content.ReadAsStringAsync())).QuerySelector("#created-secret")?.GetAttribute("value");
        Assert.StartsWith(WebhookEndpoint.SecretPrefix, secret, StringComparison.Ordinal);
        Assert.NotEqual(endpoint.ProtectedSecret, (await EndpointAsync(id)).ProtectedSecret);

        list = await admin.GetPageAsync("/webhooks");
        var deleted = await admin.SubmitAsync(list, $"tr[data-endpoint-id='{id}'] form.delete-endpoint");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.False(await Demo.QueryAsync(factory, db => db.WebhookEndpoints.AnyAsync(e => e.Id == id)));
    }

    [Fact]
    public async Task The_test_button_puts_a_ping_in_the_endpoints_log()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var id = await CreateAsync(admin, "https://hooks.northwind.example/ping");
        var list = await admin.GetPageAsync("/webhooks");

        var sent = await admin.SubmitAsync(list, $"tr[data-endpoint-id='{id}'] form.ping-endpoint");
        var after = await admin.GetPageAsync("/webhooks");
        var log = await admin.GetPageAsync($"/webhooks/{id}/deliveries");

        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Contains("test event", after.QuerySelector("[role=status], .alert-success")?.TextContent, StringComparison.Ordinal);
        Assert.Contains(log.QuerySelectorAll("code"), c => c.TextContent == "ping");
        var delivery = await Demo.QueryAsync(factory, db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.EndpointId == id));
        Assert.Equal(WebhookEvents.Ping, delivery.EventType);
        Assert.Equal(WebhookDeliveryState.Pending, delivery.State);
    }

    [Fact]
    public async Task An_edit_after_someone_elses_is_refused_R19()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var id = await CreateAsync(admin, "https://hooks.northwind.example/c");
        var stale = await admin.GetPageAsync($"/webhooks/{id}/edit");
        await admin.SubmitAsync(await admin.GetPageAsync($"/webhooks/{id}/edit"), "#edit-endpoint", new() { ["Input.Description"] = "First" });

        var response = await admin.SubmitAsync(stale, "#edit-endpoint", new() { ["Input.Description"] = "Second" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("changed by someone else", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("First", (await EndpointAsync(id)).Description);
    }

    [Fact]
    public async Task The_delivery_log_shows_each_deliverys_answer_pages_and_sends_a_failed_one_again()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var id = await CreateAsync(admin, "https://hooks.contoso.example/log");
        var now = factory.Clock.GetUtcNow();
        var deliveryIds = await Demo.QueryAsync(factory, async db =>
        {
            var endpoint = await db.WebhookEndpoints.SingleAsync(e => e.Id == id);
            var created = Enumerable.Range(0, ListPageSize + 1).Select(i =>
                WebhookDelivery.Create(endpoint, WebhookEvents.LicenseChanged, $"log:{i}", now.AddMinutes(i), d => "{}", now.AddMinutes(i))).ToList();
            var failed = created[^1];
            for (var i = 0; i < WebhookDelivery.MaxAttempts; i++)
            {
                failed.Claim(failed.DueAt);
                failed.MarkFailed(503, "HTTP 503 Service Unavailable", failed.DueAt);
            }

            db.WebhookDeliveries.AddRange(created);
            await db.SaveChangesAsync();
            return created.Select(d => d.Id).ToList();
        });

        var log = await admin.GetPageAsync($"/webhooks/{id}/deliveries");
        var row = log.QuerySelector($"tr[data-delivery-id='{deliveryIds[^1]}']")!;
        Assert.Contains("Failed", row.QuerySelector(".delivery-state")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("503", row.QuerySelector(".last-response")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ListPageSize, log.QuerySelectorAll("#webhook-deliveries tbody tr").Length);
        var second = await admin.GetPageAsync($"/webhooks/{id}/deliveries?page=2");
        Assert.Single(second.QuerySelectorAll("#webhook-deliveries tbody tr"));

        var again = await admin.SubmitAsync(log, $"tr[data-delivery-id='{deliveryIds[^1]}'] form.send-again");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var failedId = deliveryIds[^1];
        var delivery = await Demo.QueryAsync(factory, db => db.WebhookDeliveries.AsNoTracking().SingleAsync(d => d.Id == failedId));
        Assert.Equal(WebhookDeliveryState.Pending, delivery.State);
        Assert.Equal(0, delivery.Attempts);
    }

    [Fact]
    public async Task Roles_without_the_permission_do_not_reach_the_page_and_another_companys_endpoint_is_not_found_R1()
    {
        var staff = await PortalClient.SignedInAsync(factory, DemoAccounts.MspStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/webhooks")).StatusCode);

        var northwind = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var id = await CreateAsync(northwind, "https://hooks.northwind.example/private");
        var before = await EndpointAsync(id);
        var contoso = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var page = await contoso.GetPageAsync("/webhooks");
        Assert.Null(page.QuerySelector($"tr[data-endpoint-id='{id}']"));
        Assert.Equal(HttpStatusCode.NotFound, (await contoso.GetAsync($"/webhooks/{id}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await contoso.GetAsync($"/webhooks/{id}/deliveries")).StatusCode);
        var token = PortalClient.AntiforgeryToken(page);
        foreach (var action in new[] { "disable", "delete", "rotate-secret", "ping" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await contoso.PostAsync($"/webhooks/{id}/{action}", [], token)).StatusCode);
        }

        var endpoint = await EndpointAsync(id);
        Assert.True(endpoint.Enabled);
        Assert.False(await Demo.QueryAsync(factory, db => db.WebhookDeliveries.AnyAsync(d => d.EndpointId == id)));
        Assert.Equal(before.Version, endpoint.Version);
        Assert.Equal(before.ProtectedSecret, endpoint.ProtectedSecret);
    }

    private const int ListPageSize = Application.Webhooks.ListWebhookDeliveries.PageSize;

    private async Task<Guid> CreateAsync(PortalClient admin, string url)
    {
        var page = await admin.GetPageAsync("/webhooks");
        var created = await admin.SubmitAsync(page, "#create-endpoint", new() { ["Input.Url"] = url, ["Input.LicenseChanged"] = "true" });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        return await Demo.QueryAsync(factory, db => db.WebhookEndpoints.Where(e => e.Url == url).Select(e => e.Id).SingleAsync());
    }

    private Task<WebhookEndpoint> EndpointAsync(Guid id) => Demo.QueryAsync(factory, db => db.WebhookEndpoints.AsNoTracking().SingleAsync(e => e.Id == id));
}

/// <summary>The portal as in production: <c>Webhooks:AllowPrivateTargets</c> is false.</summary>
public sealed class ProductionTargetsFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Webhooks:AllowPrivateTargets", "false");
    }
}

/// <summary>ADR 0011: outside Development an endpoint may not point into the portal's own network, typed or resolved.</summary>
public sealed class WebhookProductionTargetTests(ProductionTargetsFactory factory) : IClassFixture<ProductionTargetsFactory>
{
    [Theory]
    [InlineData("https://127.0.0.1:8443/in", "loopback")]
    [InlineData("https://localhost/in", "loopback")]
    [InlineData("https://10.0.0.7/in", "private")]
    [InlineData("https://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("https://[fd12::1]/in", "unique-local")]
    [InlineData("https://this-host-does-not-exist.invalid/in", "could not be found")]
    public async Task A_url_into_the_portals_own_network_is_refused_with_the_reason(string url, string reason)
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var page = await admin.GetPageAsync("/webhooks");
        var response = await admin.SubmitAsync(page, "#create-endpoint", new() { ["Input.Url"] = url, ["Input.LicenseChanged"] = "true" });
        var again = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(reason, again.QuerySelector("[data-valmsg-for='Input.Url']")?.TextContent, StringComparison.Ordinal);
        Assert.False(await Demo.QueryAsync(factory, db => db.WebhookEndpoints.AnyAsync(e => e.Url.StartsWith(url))));
    }
}
