using System.Net;
using System.Net.Http.Headers;
using System.Text;
using LicensingPortal.FunctionalTests.Api;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Security;

/// <summary>The portal on Kestrel, as deployed: the test server neither enforces body limits nor writes a Server header.</summary>
public sealed class KestrelPortalFactory : PortalFactory
{
    public KestrelPortalFactory()
    {
        UseKestrel(0);
    }

    /// <summary>The address Kestrel listens on (a free port chosen at start).</summary>
    public Uri Address
    {
        get
        {
            StartServer();
            return ClientOptions.BaseAddress;
        }
    }

    public HttpClient Client(bool cookies = false) =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = cookies, BaseAddress = Address });
}

/// <summary>
/// A body larger than its endpoint accepts answers 413 before it is read (issue 19 §4, ADR 0014): problem details
/// with R18 on the API, a page naming the limit for a form; never the 500 Kestrel's refusal surfaced as mid-read.
/// The large uploads send <c>Expect: 100-continue</c>, as upload clients do, so the refusal arrives before the body
/// is sent and the test does not depend on how soon the server closes the connection.
/// </summary>
public sealed class RequestSizeLimitTests(KestrelPortalFactory factory) : IClassFixture<KestrelPortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private async Task<HttpClient> ApiAsync()
    {
        var client = factory.Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiKeys.CreateAsync(factory, ApiKeys.Contoso));
        return client;
    }

    [Fact]
    public async Task Seventy_KB_of_JSON_to_create_a_customer_is_413_problem_details_and_nothing_is_stored_R18_R21()
    {
        var client = await ApiAsync();
        var count = await factory.QueryAsync(db => db.Customers.CountAsync(Cancel));

        var response = await client.PostAsync("/api/v1/customers", new StringContent($"{{\"name\":\"{new string('x', 70_000)}\",\"country\":\"US\"}}", Encoding.UTF8, "application/json"), Cancel);
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("R18", problem.GetProperty("ruleCode").GetString());
        Assert.Contains("64 KB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(count, await factory.QueryAsync(db => db.Customers.CountAsync(Cancel)));
    }

    [Fact]
    public async Task A_body_without_a_length_that_grows_past_the_limit_is_413_too_R18()
    {
        var client = await ApiAsync();
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes($"{{\"name\":\"{new string('x', 70_000)}\",\"country\":\"US\"}}")));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/customers") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("R18", await response.RuleCodeAsync());
    }

    [Fact]
    public async Task A_20_MB_CSV_to_the_API_preview_is_413_naming_its_limit_R18_R22()
    {
        var client = await ApiAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/bulk/license-changes/csv/preview") { Content = new ByteArrayContent(new byte[20 * 1024 * 1024]) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        request.Headers.ExpectContinue = true;

        var response = await client.SendAsync(request, Cancel);
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("1 MB", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_20_MB_CSV_uploaded_on_the_bulk_change_page_is_a_page_naming_the_2_MB_limit_R18_R22()
    {
        var client = new PortalClient(factory.Client(cookies: true));
        await client.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = DemoAccounts.MspAdmin, ["Password"] = DemoAccounts.Password });
        var page = await client.GetPageAsync("/customers/bulk-change"); // signed in: the sign-in page would have no import form
        Assert.NotNull(page.QuerySelector("form[action='/customers/bulk-change/import/preview']"));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/customers/bulk-change/import/preview")
        {
            Content = new MultipartFormDataContent
            {
                { new StringContent(PortalClient.AntiforgeryToken(page)), "__RequestVerificationToken" },
                { new ByteArrayContent(new byte[20 * 1024 * 1024]), "file", "licenses.csv" },
            },
        };
        request.Headers.ExpectContinue = true;

        var response = await client.Http.SendAsync(request, Cancel);
        var answer = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("at most 2 MB", answer.QuerySelector("main")?.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kestrel_does_not_name_itself_in_a_Server_header()
    {
        var response = await factory.Client().GetAsync("/health/live", Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Server"));
    }
}
