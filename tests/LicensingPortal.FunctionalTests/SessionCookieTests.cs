using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LicensingPortal.FunctionalTests;

/// <summary>The app as deployed: Production environment, HTTPS, a real host name.</summary>
public sealed class ProductionPortalFactory : PortalFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment("Production");
    }

    public PortalClient HttpsClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("https://portal.example") }));
}

public sealed class SessionCookieTests(ProductionPortalFactory factory) : IClassFixture<ProductionPortalFactory>
{
    private async Task<(PortalClient Client, HttpResponseMessage SignIn)> SignInAsync()
    {
        var client = factory.HttpsClient();
        var response = await client.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = DemoAccounts.MspAdmin, ["Password"] = DemoAccounts.Password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (client, response);
    }

    [Fact]
    public async Task The_sign_in_cookie_is_host_prefixed_secure_http_only_and_same_site_lax()
    {
        var (_, response) = await SignInAsync();

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-LicensingPortal=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("; httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("; samesite=lax", cookie, StringComparison.Ordinal);
        Assert.Contains("; path=/", cookie, StringComparison.Ordinal);
        Assert.DoesNotContain("domain=", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_antiforgery_cookie_is_host_prefixed_and_secure_and_hsts_is_sent()
    {
        var client = factory.HttpsClient();

        var response = await client.GetAsync("/account/sign-in");

        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-LicensingPortal-AF=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("; secure", cookie, StringComparison.Ordinal);
        Assert.Contains("max-age=", string.Join(";", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_session_idle_for_more_than_30_minutes_must_sign_in_again()
    {
        var (client, _) = await SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        factory.Clock.Advance(TimeSpan.FromMinutes(31));

        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location?.AbsolutePath);
    }

    [Fact]
    public async Task An_active_session_ends_12_hours_after_sign_in()
    {
        var (client, _) = await SignInAsync();
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromMinutes(700); elapsed += TimeSpan.FromMinutes(20))
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }

        // 11 h 40 min of activity so far; 25 more minutes is within the idle limit but past 12 hours.
        factory.Clock.Advance(TimeSpan.FromMinutes(25));

        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/sign-in", response.Headers.Location?.AbsolutePath);
    }
}
