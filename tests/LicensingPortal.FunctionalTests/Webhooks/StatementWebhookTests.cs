using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LicensingPortal.Domain.Webhooks;
using LicensingPortal.FunctionalTests.Api;
using LicensingPortal.FunctionalTests.Billing;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.Infrastructure.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Webhooks;

/// <summary>
/// R24 webhooks: a month closed (<c>statement.ready</c>) and a statement approved (<c>statement.approved</c>) become one
/// delivery each to the statement's own company's subscribed endpoints, never another company's (R1), whatever the
/// number of runs. The endpoints point at a closed local port: these tests are about what is queued and what it says.
/// </summary>
public sealed class StatementWebhookTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Closed = "https://127.0.0.1:9/in";

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private WebhookJob Job => factory.Services.GetRequiredService<WebhookJob>();

    [Fact]
    public async Task R24_R20_a_ready_and_an_approved_statement_are_one_delivery_each_to_the_buyers_subscribed_endpoints_only()
    {
        var contoso = await Statements.CompanyAsync(factory, ApiKeys.Contoso);
        var fabrikam = await Statements.CompanyAsync(factory, "Fabrikam Resellers");
        var northwind = await Statements.CompanyAsync(factory, ApiKeys.Northwind);
        var contosoBoth = await AddEndpointAsync(contoso, WebhookEvents.StatementReady | WebhookEvents.StatementApproved);
        var contosoOther = await AddEndpointAsync(contoso, WebhookEvents.SuiteChangePending);
        var fabrikamReady = await AddEndpointAsync(fabrikam, WebhookEvents.StatementReady);
        var northwindApproved = await AddEndpointAsync(northwind, WebhookEvents.StatementApproved);

        var month = await Statements.CloseThisMonthAsync(factory);
        var statement = await Statements.OfAsync(factory, ApiKeys.Contoso, month);
        var fabrikamStatement = await Statements.OfAsync(factory, "Fabrikam Resellers", month);
        await Job.RunOnceAsync(Cancel);
        await Job.RunOnceAsync(Cancel);

        var ready = Assert.Single(await PayloadsAsync(contosoBoth));
        Assert.Equal("statement.ready", ready.GetProperty("type").GetString());
        var data = ready.GetProperty("data");
        Assert.Equal(statement.Id, data.GetProperty("statementId").GetGuid());
        Assert.Equal(contoso, data.GetProperty("companyId").GetGuid());
        Assert.Equal(ApiKeys.Contoso, data.GetProperty("company").GetString());
        Assert.Equal(month.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), data.GetProperty("month").GetString());
        Assert.Equal("Preparing", data.GetProperty("state").GetString());
        Assert.Equal(statement.Total, data.GetProperty("total").GetDecimal());
        Assert.Equal("USD", data.GetProperty("currency").GetString());
        var deadlineDay = await factory.QueryAsync(db => db.Companies.Where(c => c.Id == northwind).Select(c => c.StatementDeadlineDay).SingleAsync(Cancel));
        Assert.Equal(month.AddMonths(1).AddDays(deadlineDay - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), data.GetProperty("deadline").GetString());
        Assert.Equal($"/api/v1/statements/{statement.Id}", data.GetProperty("href").GetString());
        Assert.EndsWith($"/billing/statements/{statement.Id}", data.GetProperty("link").GetString(), StringComparison.Ordinal);
        var theirs = Assert.Single(await PayloadsAsync(fabrikamReady));
        Assert.Equal(fabrikamStatement.Id, theirs.GetProperty("data").GetProperty("statementId").GetGuid());
        Assert.Empty(await PayloadsAsync(contosoOther));
        Assert.Empty(await PayloadsAsync(northwindApproved));

        // Submitted, then approved by the provider: the buyer hears of it, the provider (who approved) does not.
        var msp = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var provider = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(msp, $"/api/v1/statements/{statement.Id}/submit", await ETagAsync(msp, statement.Id))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(provider, $"/api/v1/statements/{statement.Id}/approve", await ETagAsync(provider, statement.Id))).StatusCode);
        await Job.RunOnceAsync(Cancel);
        var again = await Job.RunOnceAsync(Cancel);

        var approved = Assert.Single(await PayloadsAsync(contosoBoth), p => p.GetProperty("type").GetString() == "statement.approved").GetProperty("data");
        Assert.Equal((statement.Id, "Approved"), (approved.GetProperty("statementId").GetGuid(), approved.GetProperty("state").GetString()));
        Assert.Equal(JsonValueKind.Null, approved.GetProperty("deadline").ValueKind);
        Assert.Equal(2, (await PayloadsAsync(contosoBoth)).Count);
        Assert.Single(await PayloadsAsync(fabrikamReady));
        Assert.Empty(await PayloadsAsync(northwindApproved));
        Assert.Equal(0, again.Created);
    }

    [Fact]
    public async Task R24_the_statement_events_are_chosen_by_name_through_the_api_and_on_the_page()
    {
        var msp = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var created = await msp.PostAsJsonAsync("/api/v1/webhooks", new { url = "https://hooks.contoso.example/billing", events = new[] { "statement.ready", "statement.approved" } }, Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var events = (await created.JsonAsync()).GetProperty("endpoint").GetProperty("events").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["statement.ready", "statement.approved"], events);
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var form = await admin.GetPageAsync("/webhooks");
        Assert.NotNull(form.QuerySelector("input[type=checkbox][name='Input.StatementReady']"));
        Assert.NotNull(form.QuerySelector("input[type=checkbox][name='Input.StatementApproved']"));
    }

    private async Task<List<JsonElement>> PayloadsAsync(Guid endpointId) =>
        (await factory.QueryAsync(db => db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId).Select(d => d.Payload).ToListAsync(Cancel)))
        .Select(p => JsonDocument.Parse(p).RootElement).ToList();

    private async Task<Guid> AddEndpointAsync(Guid companyId, WebhookEvents events)
    {
        var protector = factory.Services.GetRequiredService<Application.Webhooks.IWebhookSecrets>();
        return await factory.QueryAsync(async db =>
        {
            var endpoint = WebhookEndpoint.Create(companyId, new Uri(Closed), events, null, protector.Protect(WebhookEndpoint.NewSecret()), "Test", factory.Clock.GetUtcNow());
            db.WebhookEndpoints.Add(endpoint);
            await db.SaveChangesAsync();
            return endpoint.Id;
        });
    }

    private static async Task<string> ETagAsync(HttpClient client, Guid statementId) =>
        (await client.GetAsync($"/api/v1/statements/{statementId}", Cancel)).Headers.ETag!.Tag;

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return client.SendAsync(request, Cancel);
    }
}
