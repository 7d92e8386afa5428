using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>The app with a small API rate limit, so a test can reach it.</summary>
public sealed class RateLimitedPortalFactory : PortalFactory
{
    public const int PermitsPerMinute = 5;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Api:RateLimit:PermitsPerMinute", PermitsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>R21: each key is rate limited on its own (ASP.NET Core rate limiting), 429 with Retry-After.</summary>
public sealed class RateLimitTests(RateLimitedPortalFactory factory) : IClassFixture<RateLimitedPortalFactory>
{
    [Fact]
    public async Task A_key_over_its_limit_gets_429_with_Retry_After_and_another_key_is_not_affected_R21()
    {
        var busy = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var quiet = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);

        for (var i = 0; i < RateLimitedPortalFactory.PermitsPerMinute; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/api/v1/service-plans")).StatusCode);
        }

        var limited = await busy.GetAsync("/api/v1/service-plans");

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "429 without a Retry-After in seconds.");
        Assert.Equal("R21", await limited.RuleCodeAsync());
        Assert.Equal(HttpStatusCode.OK, (await quiet.GetAsync("/api/v1/service-plans")).StatusCode);
    }
}
