using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>API keys and clients for the API tests. Keys are made in the database here; ApiKeyPageTests makes them on the page.</summary>
internal static class ApiKeys
{
    public const string Contoso = "Contoso Managed Services";
    public const string Northwind = "Northwind Distribution";

    public static async Task<string> CreateAsync(PortalFactory factory, string company, string role = Roles.Administrator)
    {
        await using var db = factory.CreateDbContext();
        var companyId = await db.Companies.Where(c => c.Name == company).Select(c => c.Id).SingleAsync();
        var (key, secret) = ApiKey.Create(companyId, $"test key {Guid.NewGuid():N}"[..20], role, "Test", factory.Clock.GetUtcNow());
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return secret;
    }

    /// <summary>R25: a customer's own key (as its administrator creates it on the API Keys page), acting as its user with <paramref name="role"/>.</summary>
    public static async Task<string> CreateForCustomerAsync(PortalFactory factory, Guid customerId, string role = Roles.CustomerAdministrator)
    {
        await using var db = factory.CreateDbContext();
        var customer = await db.Customers.Include(c => c.Owner).SingleAsync(c => c.Id == customerId);
        var (key, secret) = ApiKey.CreateForCustomer(customer, $"customer key {Guid.NewGuid():N}"[..20], role, "Test", factory.Clock.GetUtcNow());
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return secret;
    }

    public static async Task<HttpClient> CustomerClientAsync(PortalFactory factory, Guid customerId, string role = Roles.CustomerAdministrator) =>
        Client(factory, await CreateForCustomerAsync(factory, customerId, role));

    public static HttpClient Client(PortalFactory factory, string? secret)
    {
        var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        if (secret is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        return client;
    }

    public static async Task<HttpClient> ClientAsync(PortalFactory factory, string company, string role = Roles.Administrator) =>
        Client(factory, await CreateAsync(factory, company, role));

    /// <summary>PUT with an If-Match header (R19), as a client that read the ETag first sends it.</summary>
    public static Task<HttpResponseMessage> PutIfMatchAsync(this HttpClient client, string url, object body, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>());

    /// <summary>The rule code of a problem-details answer (RFC 9457 extension member).</summary>
    public static async Task<string?> RuleCodeAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        return problem.TryGetProperty("ruleCode", out var code) ? code.GetString() : null;
    }
}
