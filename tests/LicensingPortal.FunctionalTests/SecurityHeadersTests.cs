using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;

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
