using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests;

public sealed class SecurityHeadersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Theory]
    [InlineData("/account/sign-in", false)]
    [InlineData("/", true)]
    [InlineData("/help/roles", true)]
    [InlineData("/no/such/page", true)]
    public async Task Every_page_sends_the_security_headers(string url, bool signedIn)
    {
        var client = signedIn ? await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin) : PortalClient.Anonymous(factory);

        var response = await client.GetAsync(url);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var scriptSrc = csp.Split(';', StringSplitOptions.TrimEntries).Single(d => d.StartsWith("script-src", StringComparison.Ordinal));
        Assert.Equal("script-src 'self'", scriptSrc);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Theory]
    [InlineData("/customers/export")]
    [InlineData("/reports/transactions/export")]
    [InlineData("/reports/expiring/export?days=90")]
    public async Task Every_export_is_not_stored_by_a_cache(string url)
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var response = await client.GetAsync(url);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, $"{url}: Cache-Control {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task API_answers_are_not_stored_by_a_cache_R21()
    {
        var client = await LicensingPortal.FunctionalTests.Api.ApiKeys.ClientAsync(factory, LicensingPortal.FunctionalTests.Api.ApiKeys.Contoso);

        var response = await client.GetAsync("/api/v1/customers");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Fact]
    public void HSTS_lasts_a_year_and_covers_subdomains_only_when_set()
    {
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.HttpsPolicy.HstsOptions>>().Value;

        Assert.Equal(TimeSpan.FromDays(365), options.MaxAge);
        Assert.False(options.IncludeSubDomains);
    }

    [Fact]
    public async Task Pages_contain_no_inline_script_the_policy_would_block()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        foreach (var url in new[] { "/", "/help/roles" })
        {
            var page = await client.GetPageAsync(url);
            var inline = page.QuerySelectorAll("script").Where(s => string.IsNullOrEmpty(s.GetAttribute("src"))).ToList();
            Assert.True(inline.Count == 0, $"{url} has an inline <script>, which the CSP blocks.");
            Assert.Empty(page.QuerySelectorAll("[onclick],[onsubmit],[onchange],[onload]"));
        }
    }
}
