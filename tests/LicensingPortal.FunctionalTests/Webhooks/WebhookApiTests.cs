using System.Net;
using System.Net.Http.Json;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Webhooks;
using LicensingPortal.FunctionalTests.Api;
using LicensingPortal.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Webhooks;

/// <summary>R21: what the Webhooks page does, the API does, under the same rules, permission and tenancy.</summary>
public sealed class WebhookApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_key_registers_lists_reads_the_log_of_and_deletes_an_endpoint_and_the_secret_is_in_the_create_answer_only_R21()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);

        var created = await client.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://hooks.contoso.example/api", events = new[] { "license.changed", "license.renewed" } }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        var secret = body.GetProperty("secret").GetString();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        var id = body.GetProperty("endpoint").GetProperty("id").GetGuid();
        Assert.Equal(["license.changed", "license.renewed"], body.GetProperty("endpoint").GetProperty("events").EnumerateArray().Select(e => e.GetString()));

        var list = await client.GetStringAsync("/api/v1/webhooks", TestContext.Current.CancellationToken);
        Assert.Contains(id.ToString(), list, StringComparison.Ordinal);
        Assert.DoesNotContain(secret!, list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/v1/webhooks/{id}/deliveries", TestContext.Current.CancellationToken)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/webhooks/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.False(await Demo.QueryAsync(factory, db => db.WebhookEndpoints.AnyAsync(e => e.Id == id)));
    }

    [Fact]
    public async Task A_key_edits_with_If_Match_disables_enables_and_rotates_the_secret_of_an_endpoint_like_the_page_R21_R19()
    {
        var cancel = TestContext.Current.CancellationToken;
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var created = await (await client.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://hooks.contoso.example/edit", events = new[] { "license.changed" } }, cancel)).JsonAsync();
        var id = created.GetProperty("endpoint").GetProperty("id").GetGuid();
        var firstSecret = created.GetProperty("secret").GetString();

        var read = await client.GetAsync($"/api/v1/webhooks/{id}", cancel);
        var etag = read.Headers.ETag!.Tag;
        var change = new { url = "https://hooks.contoso.example/edited", events = new[] { "license.expiring", "partner.status_changed" } };
        Assert.Equal((HttpStatusCode)428, (await client.PutAsJsonAsync($"/api/v1/webhooks/{id}", change, cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await client.PutIfMatchAsync($"/api/v1/webhooks/{id}", change, "\"999\"")).StatusCode);
        var updated = await client.PutIfMatchAsync($"/api/v1/webhooks/{id}", change, etag);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(["license.expiring", "partner.status_changed"], (await updated.JsonAsync()).GetProperty("events").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("https://hooks.contoso.example/edited", await Demo.QueryAsync(factory, db => db.WebhookEndpoints.Where(e => e.Id == id).Select(e => e.Url).SingleAsync(cancel)));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/webhooks/{id}/disable", null, cancel)).StatusCode);
        Assert.False(await Demo.QueryAsync(factory, db => db.WebhookEndpoints.Where(e => e.Id == id).Select(e => e.Enabled).SingleAsync(cancel)));
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/webhooks/{id}/enable", null, cancel)).StatusCode);
        Assert.True(await Demo.QueryAsync(factory, db => db.WebhookEndpoints.Where(e => e.Id == id).Select(e => e.Enabled).SingleAsync(cancel)));

        var rotated = await client.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null, cancel);
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal("no-store", rotated.Headers.CacheControl?.ToString());
        var secret = (await rotated.JsonAsync()).GetProperty("secret").GetString();
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.NotEqual(firstSecret, secret);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync($"/api/v1/webhooks/{id}/ping", null, cancel)).StatusCode);
        Assert.Equal(1, await Demo.QueryAsync(factory, db => db.WebhookDeliveries.CountAsync(d => d.EndpointId == id && d.EventType == WebhookEvents.Ping, cancel)));

        // Another company's endpoint is not there for this key (R1), whatever the verb.
        var northwind = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        Assert.Equal(HttpStatusCode.NotFound, (await northwind.PostAsync($"/api/v1/webhooks/{id}/disable", null, cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await northwind.PostAsync($"/api/v1/webhooks/{id}/rotate-secret", null, cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await northwind.PostAsync($"/api/v1/webhooks/{id}/ping", null, cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await northwind.PutIfMatchAsync($"/api/v1/webhooks/{id}", change, etag)).StatusCode);
        Assert.True(await Demo.QueryAsync(factory, db => db.WebhookEndpoints.Where(e => e.Id == id).Select(e => e.Enabled).SingleAsync(cancel)));
    }

    [Theory]
    [InlineData("http://hooks.contoso.example/api", "license.changed", "https://")]
    [InlineData("https://hooks.contoso.example/api", "license.exploded", "Unknown event type(s): license.exploded")]
    [InlineData("not a url", "license.changed", "not an absolute URL")]
    public async Task A_bad_url_or_event_is_a_400_naming_the_problem_with_R18(string url, string type, string message)
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);

        var response = await client.PostAsJsonAsync("/api/v1/webhooks", new { url, events = new[] { type } }, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("R18", await response.RuleCodeAsync());
        Assert.Contains(message, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_without_the_permission_or_of_another_company_gets_404_R1_R21()
    {
        var northwind = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var created = await (await northwind.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://hooks.northwind.example/api", events = new[] { "license.changed" } }, TestContext.Current.CancellationToken)).JsonAsync();
        var id = created.GetProperty("endpoint").GetProperty("id").GetGuid();

        var engineer = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso, Roles.SupportEngineer);
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync("/api/v1/webhooks", TestContext.Current.CancellationToken)).StatusCode);
        var contoso = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        Assert.Equal(HttpStatusCode.NotFound, (await contoso.DeleteAsync($"/api/v1/webhooks/{id}", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await contoso.GetAsync($"/api/v1/webhooks/{id}/deliveries", TestContext.Current.CancellationToken)).StatusCode);
        Assert.True(await Demo.QueryAsync(factory, db => db.WebhookEndpoints.AnyAsync(e => e.Id == id)));
    }
}
