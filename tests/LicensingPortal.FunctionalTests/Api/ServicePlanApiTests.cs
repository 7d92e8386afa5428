using System.Net;
using System.Net.Http.Json;
using LicensingPortal.Application.ServicePlans;
using LicensingPortal.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>R21: service plans are created and changed through the API under the page's rules, permissions (R14) and concurrency (R19).</summary>
public sealed class ServicePlanApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_MSP_creates_and_changes_its_own_plan_with_If_Match_and_a_reseller_cannot_R21_R19_R14_R18()
    {
        var msp = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var level = await Demo.QueryAsync(factory, db => db.ServiceLevels.Join(db.Products.Where(p => p.Name == "Cloud App Security"), l => l.ProductId, p => p.Id, (l, p) => new { l.Id, l.ProductId }).FirstAsync(Cancel));
        var body = new { name = "Cloud App – API 24 months", productId = level.ProductId, serviceLevelId = level.Id, periodLength = 24 };

        var created = await msp.PostAsJsonAsync("/api/v1/service-plans", body, Cancel);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var plan = await created.JsonAsync();
        var planId = plan.GetProperty("plan").GetProperty("id").GetGuid();
        Assert.Equal($"/api/v1/service-plans/{planId}", created.Headers.Location?.OriginalString);
        Assert.Equal(24, await Demo.QueryAsync(factory, db => db.ServicePlans.Where(p => p.Id == planId).Select(p => p.Period.Length).SingleAsync(Cancel)));

        // The same name twice is refused like on the page; a missing name is bad input with its field.
        Assert.NotEqual(HttpStatusCode.Created, (await msp.PostAsJsonAsync("/api/v1/service-plans", body, Cancel)).StatusCode);
        var nameless = await msp.PostAsJsonAsync("/api/v1/service-plans", new { productId = level.ProductId, serviceLevelId = level.Id }, Cancel);
        Assert.Equal(HttpStatusCode.BadRequest, nameless.StatusCode);
        Assert.Equal("R18", await nameless.RuleCodeAsync());

        // R19: no If-Match is 428, a stale one 412, the current one changes the plan and returns the next ETag.
        var etag = created.Headers.ETag!.Tag;
        var renamed = body with { name = "Cloud App – API two years" };
        Assert.Equal((HttpStatusCode)428, (await msp.PutAsJsonAsync($"/api/v1/service-plans/{planId}", renamed, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await msp.PutIfMatchAsync($"/api/v1/service-plans/{planId}", renamed, "\"999\"")).StatusCode);
        var updated = await msp.PutIfMatchAsync($"/api/v1/service-plans/{planId}", renamed, etag);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.NotEqual(etag, updated.Headers.ETag!.Tag);
        Assert.Equal("Cloud App – API two years", await Demo.QueryAsync(factory, db => db.ServicePlans.Where(p => p.Id == planId).Select(p => p.Name).SingleAsync(Cancel)));
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await msp.PutIfMatchAsync($"/api/v1/service-plans/{planId}", body, etag)).StatusCode);

        // A reseller builds no plans (R14) and another company's plan is not there for it (R1).
        var reseller = await ApiKeys.ClientAsync(factory, "Fabrikam Resellers");
        Assert.Equal(HttpStatusCode.NotFound, (await reseller.PostAsJsonAsync("/api/v1/service-plans", body with { name = "Reseller plan" }, Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reseller.PutIfMatchAsync($"/api/v1/service-plans/{planId}", body, updated.Headers.ETag!.Tag)).StatusCode);
        Assert.Equal("Cloud App – API two years", await Demo.QueryAsync(factory, db => db.ServicePlans.Where(p => p.Id == planId).Select(p => p.Name).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task A_retried_create_with_the_same_Idempotency_Key_creates_one_plan_and_gets_the_same_answer_R21()
    {
        var msp = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var level = await Demo.QueryAsync(factory, db => db.ServiceLevels.Join(db.Products.Where(p => p.Name == "Cloud App Security"), l => l.ProductId, p => p.Id, (l, p) => new { l.Id, l.ProductId }).FirstAsync(Cancel));
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Create() => new(HttpMethod.Post, "/api/v1/service-plans")
        {
            Content = JsonContent.Create(new { name = "Cloud App – retried", productId = level.ProductId, serviceLevelId = level.Id }),
            Headers = { { "Idempotency-Key", key } },
        };

        // The action also takes services (the use cases, the validator): only what the request carries makes the request.
        var first = await msp.SendAsync(Create(), Cancel);
        var retry = await msp.SendAsync(Create(), Cancel);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, retry.StatusCode);
        Assert.True(retry.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(await first.Content.ReadAsStringAsync(Cancel), await retry.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(1, await Demo.QueryAsync(factory, db => db.ServicePlans.CountAsync(p => p.Name == "Cloud App – retried", Cancel)));
    }

    [Fact]
    public async Task An_unexpected_error_on_the_API_in_production_is_problem_details_with_a_trace_id_not_a_page_R21()
    {
        var secret = await ApiKeys.CreateAsync(factory, ApiKeys.Contoso);
        using var broken = factory.WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Production");
            builder.ConfigureTestServices(services => services.AddScoped<ListServicePlans>(_ => throw new InvalidOperationException("secret internals")));
        });
        var client = broken.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);

        var response = await client.GetAsync("/api/v1/service-plans", Cancel);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Contains("traceId", body, StringComparison.Ordinal);
        Assert.DoesNotContain("secret internals", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
    }
}
