using System.Diagnostics;
using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LicensingPortal.FunctionalTests;

/// <summary>
/// Production over plain HTTP (issue 19 §5): a page never answers 500 because its Secure cookies cannot be written;
/// it answers a page saying the portal is HTTPS only, while the API and the health checks still answer. The status
/// message's cookie is Secure like the others.
/// </summary>
public sealed class ProductionHttpsTests(ProductionPortalFactory factory) : IClassFixture<ProductionPortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private HttpClient PlainHttp() =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://portal.example") });

    [Fact]
    public async Task A_page_asked_for_over_plain_HTTP_says_the_portal_is_HTTPS_only_instead_of_failing()
    {
        var response = await PlainHttp().GetAsync("/account/sign-in", Cancel);
        var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync(Cancel));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("This portal is served over HTTPS only", page.QuerySelector("h1")?.TextContent);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_form_posted_over_plain_HTTP_is_answered_the_same_way_not_with_500()
    {
        var response = await PlainHttp().PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = DemoAccounts.MspAdmin, ["Password"] = DemoAccounts.Password }), Cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Health_checks_and_the_API_still_answer_over_plain_HTTP()
    {
        var client = PlainHttp();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/customers", Cancel)).StatusCode);
    }

    [Fact]
    public async Task The_status_message_cookie_is_host_prefixed_and_secure_in_production()
    {
        var client = factory.HttpsClient();
        await client.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = DemoAccounts.MspAdmin, ["Password"] = DemoAccounts.Password });

        var response = await client.PostFormAsync("/notifications", "/notifications/read-all", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-LicensingPortal-TempData=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("; path=/", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
    }
}

/// <summary>Start-up in Production on plain HTTP without trusted forwarded headers stops with one line naming the settings.</summary>
public sealed class HttpsStartupTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private Process Start(params (string Name, string Value)[] settings)
    {
        var web = Path.Combine(AppContext.BaseDirectory, "LicensingPortal.Web.dll");
        var start = new ProcessStartInfo("dotnet", ["exec", web, "--urls", "http://127.0.0.1:0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Sqlite"] = _database.ConnectionString;
        start.Environment["Scheduler__Enabled"] = "false";
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    [Fact]
    public async Task Production_listening_on_plain_HTTP_only_stops_with_one_line_naming_the_settings()
    {
        using var process = Start();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        var text = await output + await errors;

        Assert.Equal(1, process.ExitCode);
        var fatal = Assert.Single(text.Split('\n'), l => l.Contains("FTL", StringComparison.Ordinal));
        Assert.Contains("without HTTPS", fatal, StringComparison.Ordinal);
        Assert.Contains("ASPNETCORE_URLS", fatal, StringComparison.Ordinal);
        Assert.Contains("ForwardedHeaders:Enabled", fatal, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("is running", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Behind_a_proxy_that_terminates_TLS_it_starts()
    {
        using var process = Start(("ForwardedHeaders__Enabled", "true"));
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            string? line;
            do
            {
                line = await process.StandardOutput.ReadLineAsync(timeout.Token);
            }
            while (line is not null && !line.Contains("LicensingPortal is running.", StringComparison.Ordinal) && !line.Contains("FTL", StringComparison.Ordinal));

            Assert.Contains("LicensingPortal is running.", line, StringComparison.Ordinal);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }
    }
}
