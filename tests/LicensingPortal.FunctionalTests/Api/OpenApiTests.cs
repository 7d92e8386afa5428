using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Api;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>
/// The OpenAPI document (R21) is the API's contract: it lists every /api endpoint the app maps (read from
/// the app's own endpoint metadata), and the error codes it documents for the main routes really occur.
/// </summary>
public sealed partial class OpenApiTests(RateLimitedPortalFactory factory) : IClassFixture<RateLimitedPortalFactory>
{
    private async Task<JsonElement> DocumentAsync()
    {
        var response = await ApiKeys.Client(factory, null).GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static HashSet<int> DocumentedCodes(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("responses").EnumerateObject().Select(r => int.Parse(r.Name, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+):[^}]*\}")]
    private static partial Regex Constraint();

    /// <summary>A JSON body over the API's 64 KB, with its length, as a client sends a buffered body.</summary>
    private static StringContent TooLarge() => new($"{{\"name\":\"{new string('x', 70_000)}\"}}", System.Text.Encoding.UTF8, "application/json");

    [Fact]
    public async Task The_document_lists_every_api_endpoint_with_its_method_R21()
    {
        var document = await DocumentAsync();
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .ToHashSet();
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<ControllerActionDescriptor>() is { } a && typeof(ApiControllerBase).IsAssignableFrom(a.ControllerTypeInfo))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(m => $"{m} /{Constraint().Replace(e.RoutePattern.RawText!, "{${name}}")}"))
            .ToHashSet();

        Assert.True(mapped.Count >= 12, "Too few API endpoints found: " + string.Join(", ", mapped));
        Assert.Empty(mapped.Except(documented));
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task The_interactive_reference_is_served_and_points_at_the_document_R21()
    {
        var client = ApiKeys.Client(factory, null);
        var response = await client.GetAsync("/api/reference");
        var html = await response.Content.ReadAsStringAsync();
        var page = await Infrastructure.PortalClient.ParseAsync(html);
        var bundle = await client.GetAsync("/api/reference/assets/scalar.js");
        var script = await client.GetAsync("/js/api-reference.js");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("/openapi/v1.json", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);

        // The portal's CSP allows scripts from the app only: the page has no inline script.
        Assert.All(page.Scripts, s => Assert.False(string.IsNullOrEmpty(s.Source), "An inline script would be refused by the CSP."));
    }

    [Fact]
    public async Task Every_error_documented_for_modifying_a_license_really_occurs_R3_R19_R21()
    {
        var document = await DocumentAsync();
        var documented = DocumentedCodes(document, "/api/v1/customers/{customerId}/licenses/{licenseId}", "put");
        var seen = new HashSet<int>();
        var normal = await Demo.LicenseOfAsync(factory, "Maple Street Pharmacy");
        var trial = await Demo.LicenseOfAsync(factory, "Acme Dental");
        string Url((Guid CustomerId, Guid LicenseId) l) => $"/api/v1/customers/{l.CustomerId}/licenses/{l.LicenseId}";

        async Task<HttpResponseMessage> Put(HttpClient client, string url, int units, string? ifMatch)
        {
            var current = await (await client.GetAsync(url)).JsonAsync();
            var settings = current.TryGetProperty("settings", out var s) ? s : default;
            var request = new HttpRequestMessage(HttpMethod.Put, url)
            {
                Content = JsonContent.Create(new
                {
                    units,
                    expiresOn = settings.ValueKind == JsonValueKind.Object ? settings.GetProperty("expiresOn").GetString() : "2099-01-01",
                    notifyDaysBefore = 30,
                    autoRenew = settings.ValueKind == JsonValueKind.Object && settings.GetProperty("autoRenew").GetBoolean(),
                    autoRenewMonths = settings.ValueKind == JsonValueKind.Object && settings.GetProperty("autoRenewMonths").ValueKind == JsonValueKind.Number ? settings.GetProperty("autoRenewMonths").GetInt32() : (int?)null,
                    managedByRemoteManager = settings.ValueKind == JsonValueKind.Object && settings.GetProperty("managedByRemoteManager").GetBoolean(),
                    addOnEnabled = settings.ValueKind == JsonValueKind.Object && settings.GetProperty("addOnEnabled").GetBoolean(),
                }),
            };
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            var response = await client.SendAsync(request);
            seen.Add((int)response.StatusCode);
            return response;
        }

        async Task<string> ETag(string url) => (await (await ApiKeys.ClientAsync(factory, ApiKeys.Contoso)).GetAsync(url)).Headers.ETag!.Tag;

        await Put(await ApiKeys.ClientAsync(factory, ApiKeys.Contoso), Url(normal), 7, await ETag(Url(normal)));                 // 200
        await Put(await ApiKeys.ClientAsync(factory, ApiKeys.Contoso), Url(normal), 0, await ETag(Url(normal)));                 // 400 (R18)
        await Put(ApiKeys.Client(factory, null), Url(normal), 7, "\"1\"");                                                       // 401
        await Put(await ApiKeys.ClientAsync(factory, ApiKeys.Contoso), Url((Guid.NewGuid(), Guid.NewGuid())), 7, "\"1\"");       // 404 (R1)
        await Put(await ApiKeys.ClientAsync(factory, ApiKeys.Contoso), Url(normal), 7, "\"999\"");                               // 412 (R19)
        await Put(await ApiKeys.ClientAsync(factory, ApiKeys.Contoso), Url(trial), 7, await ETag(Url(trial)));                   // 422 (R3)
        await Put(await ApiKeys.ClientAsync(factory, ApiKeys.Contoso), Url(normal), 7, null);                                    // 428 (R19)
        var plain = new HttpRequestMessage(HttpMethod.Put, Url(normal)) { Content = new StringContent("units=7", System.Text.Encoding.UTF8, "text/plain") };
        plain.Headers.TryAddWithoutValidation("If-Match", await ETag(Url(normal)));
        seen.Add((int)(await (await ApiKeys.ClientAsync(factory, ApiKeys.Contoso)).SendAsync(plain)).StatusCode);              // 415
        seen.Add((int)(await (await ApiKeys.ClientAsync(factory, ApiKeys.Contoso)).PutAsync(Url(normal), TooLarge())).StatusCode); // 413 (R18)
        var busy = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        for (var i = 0; i <= RateLimitedPortalFactory.PermitsPerMinute; i++)
        {
            seen.Add((int)(await busy.GetAsync(Url(normal))).StatusCode);                                                        // 429
        }

        Assert.Equal([200, 400, 401, 404, 412, 413, 415, 422, 428, 429], documented.Order());
        Assert.Empty(documented.Except(seen));
    }

    [Fact]
    public async Task Every_error_documented_for_creating_a_customer_really_occurs_R18_R21()
    {
        var documented = DocumentedCodes(await DocumentAsync(), "/api/v1/customers", "post");
        var seen = new HashSet<int>();
        async Task Post(HttpClient client, object body) => seen.Add((int)(await client.PostAsJsonAsync("/api/v1/customers", body)).StatusCode);

        await Post(await ApiKeys.ClientAsync(factory, ApiKeys.Contoso), new { name = "Documented Co", country = "US" });          // 201
        await Post(await ApiKeys.ClientAsync(factory, ApiKeys.Contoso), new { name = "Documented Co", country = "USA" });         // 400
        await Post(ApiKeys.Client(factory, null), new { name = "Documented Co", country = "US" });                               // 401
        await Post(await ApiKeys.ClientAsync(factory, ApiKeys.Contoso, Roles.SupportEngineer), new { name = "No", country = "US" }); // 404 (no permission)
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        seen.Add((int)(await client.PostAsync("/api/v1/customers", new StringContent("Documented Co", System.Text.Encoding.UTF8, "text/plain"))).StatusCode); // 415
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Keyed(string name) => new(HttpMethod.Post, "/api/v1/customers")
        {
            Content = JsonContent.Create(new { name, country = "US" }),
            Headers = { { "Idempotency-Key", key } },
        };
        await client.SendAsync(Keyed("Keyed Co"));
        seen.Add((int)(await client.SendAsync(Keyed("Other Keyed Co"))).StatusCode);                                             // 422 (key reused)
        await using (var db = factory.CreateDbContext())
        {
            // The first request with this key still running: its record is reserved, its answer not yet stored.
            await db.IdempotentRequests.Where(r => r.Key == key).ExecuteUpdateAsync(r => r.SetProperty(x => x.StatusCode, 0));
        }

        seen.Add((int)(await client.SendAsync(Keyed("Keyed Co"))).StatusCode);                                                   // 409
        seen.Add((int)(await (await ApiKeys.ClientAsync(factory, ApiKeys.Contoso)).PostAsync("/api/v1/customers", TooLarge())).StatusCode); // 413 (R18)
        var busy = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        for (var i = 0; i <= RateLimitedPortalFactory.PermitsPerMinute; i++)
        {
            seen.Add((int)(await busy.GetAsync("/api/v1/customers")).StatusCode);                                               // 429
        }

        seen.Remove(200);
        Assert.Equal([201, 400, 401, 404, 409, 413, 415, 422, 429], documented.Order());
        Assert.Equal(documented.Order(), seen.Order());
    }
}
