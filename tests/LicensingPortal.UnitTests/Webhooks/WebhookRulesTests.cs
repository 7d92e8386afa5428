using System.Net;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Webhooks;
using LicensingPortal.TestSupport;

namespace LicensingPortal.UnitTests.Webhooks;

/// <summary>ADR 0011: where a webhook may go, how it is signed, how a failing delivery and endpoint behave.</summary>
public sealed class WebhookRulesTests
{
    private static readonly DateTimeOffset Now = TestToday.Now;

    [Theory]
    [InlineData(null, "Enter the URL")]
    [InlineData("hooks.example.com/in", "not an absolute URL")]
    [InlineData("http://hooks.example.com/in", "must use https://")]
    [InlineData("ftp://hooks.example.com/in", "must use https://")]
    [InlineData("https://user:pw@hooks.example.com/in", "user name or password")]
    [InlineData("https://127.0.0.1:8443/in", "loopback")]
    [InlineData("https://localhost/in", "loopback")]
    [InlineData("https://[::1]/in", "loopback")]
    [InlineData("https://10.1.2.3/in", "private (10.0.0.0/8)")]
    [InlineData("https://172.20.0.5/in", "private (172.16.0.0/12)")]
    [InlineData("https://192.168.1.10/in", "private (192.168.0.0/16)")]
    [InlineData("https://169.254.169.254/latest/meta-data", "link-local")]
    [InlineData("https://[fd00::1]/in", "unique-local")]
    [InlineData("https://[fe80::1]/in", "link-local")]
    [InlineData("https://[::ffff:127.0.0.1]/in", "loopback")]
    [InlineData("https://0.0.0.0/in", "unspecified")]
    [InlineData("https://[64:ff9b::7f00:1]/", "NAT64 (64:ff9b::/96) of 127.0.0.1")]
    [InlineData("https://[2002:7f00:1::1]/", "6to4 (2002::/16) of 127.0.0.1")]
    [InlineData("https://198.18.0.1/", "benchmarking (198.18.0.0/15)")]
    [InlineData("https://203.0.113.10/", "documentation (203.0.113.0/24)")]
    public void A_url_that_is_not_public_https_is_refused_with_the_reason_in_production(string? url, string reason)
    {
        var refusal = WebhookTargets.RefusalOf(url, allowPrivateTargets: false, out var uri);

        Assert.Null(uri);
        Assert.Contains(reason, refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://hooks.example.com/licensing")]
    [InlineData("https://93.184.216.34:8443/in?x=1")]
    [InlineData("https://[2606:4700::1111]/in")]
    public void A_public_https_url_is_accepted(string url)
    {
        Assert.Null(WebhookTargets.RefusalOf(url, allowPrivateTargets: false, out var uri));
        Assert.Equal(new Uri(url), uri);
    }

    [Fact]
    public void Private_targets_are_allowed_only_when_the_setting_says_so_but_https_still_is_required()
    {
        Assert.Null(WebhookTargets.RefusalOf("https://127.0.0.1:5001/in", allowPrivateTargets: true, out _));
        Assert.Contains("https://", WebhookTargets.RefusalOf("http://127.0.0.1:5001/in", allowPrivateTargets: true, out _), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("224.0.0.1", "multicast")]
    [InlineData("ff02::1", "multicast")]
    [InlineData("8.8.8.8", null)]
    [InlineData("2001:4860:4860::8888", null)]
    [InlineData("64:ff9b::7f00:1", "NAT64 (64:ff9b::/96) of 127.0.0.1, loopback")]
    [InlineData("64:ff9b::a00:1", "of 10.0.0.1, private")]
    [InlineData("64:ff9b::808:808", null)]
    [InlineData("64:ff9b:1::1", "local-use NAT64")]
    [InlineData("2002:7f00:1::1", "6to4 (2002::/16) of 127.0.0.1, loopback")]
    [InlineData("2002:808:808::1", "6to4 (2002::/16) of 8.8.8.8")]
    [InlineData("2001:0:4136:e378:8000:63bf:80ff:fffe", "Teredo (2001::/32) of 127.0.0.1, loopback")]
    [InlineData("::7f00:1", "IPv4-compatible address (::/96) of 127.0.0.1, loopback")]
    [InlineData("::ffff:169.254.169.254", "link-local")]
    [InlineData("198.18.0.1", "benchmarking")]
    [InlineData("198.19.255.255", "benchmarking")]
    [InlineData("203.0.113.10", "documentation")]
    [InlineData("192.0.2.1", "documentation")]
    [InlineData("198.51.100.7", "documentation")]
    [InlineData("192.88.99.1", "6to4 relay")]
    [InlineData("240.0.0.1", "reserved")]
    [InlineData("255.255.255.255", "reserved")]
    [InlineData("2001:db8::1", "documentation")]
    [InlineData("2001:2::1", "IETF protocol assignments")]
    [InlineData("3fff::1", "documentation")]
    [InlineData("100::1", "discard-only")]
    [InlineData("fec0::1", "site-local")]
    [InlineData("::", "unspecified")]
    public void Resolved_addresses_are_classified(string address, string? range)
    {
        var found = WebhookTargets.RangeOf(IPAddress.Parse(address));
        if (range is null)
        {
            Assert.Null(found);
        }
        else
        {
            Assert.Contains(range, found, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_signature_is_the_hex_hmac_sha256_of_timestamp_dot_body_and_verifies_only_unchanged_and_recent()
    {
        const string secret = "whsec_test";
        const string body = "{\"id\":\"1\"}";
        var at = Now.ToUnixTimeSeconds();

        var header = WebhookSignature.Header(secret, at, body);

        // The documented recipe, computed independently.
        using var hmac = new System.Security.Cryptography.HMACSHA256(System.Text.Encoding.UTF8.GetBytes(secret));
        var expected = Convert.ToHexStringLower(hmac.ComputeHash(System.Text.Encoding.UTF8.GetBytes($"{at}.{body}")));
        Assert.Equal($"t={at},v1={expected}", header);

        Assert.True(WebhookSignature.Verify(secret, header, body, Now.AddMinutes(2), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(secret, header, body + " ", Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("whsec_other", header, body, Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(secret, header, body, Now.AddMinutes(10), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(secret, "v1=" + expected, body, Now, TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_failed_delivery_is_retried_after_1_2_4_minutes_capped_at_six_hours_and_fails_for_good_after_the_last_attempt()
    {
        var delivery = NewDelivery();
        var delays = new List<TimeSpan>();
        var now = Now;
        for (var attempt = 1; attempt <= WebhookDelivery.MaxAttempts; attempt++)
        {
            delivery.Claim(now);
            delivery.MarkFailed(503, "HTTP 503", now);
            if (delivery.State == WebhookDeliveryState.Pending)
            {
                delays.Add(delivery.DueAt - now);
                now = delivery.DueAt;
            }
        }

        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4)], delays.Take(3));
        Assert.Equal(TimeSpan.FromHours(6), delays.Max());
        Assert.Equal(WebhookDeliveryState.Failed, delivery.State);
        Assert.Equal(503, delivery.LastStatusCode);

        delivery.SendAgain(now);
        Assert.Equal(WebhookDeliveryState.Pending, delivery.State);
        Assert.Equal(0, delivery.Attempts);
        Assert.Throws<DomainRuleViolation>(() => delivery.SendAgain(now));
    }

    [Fact]
    public void A_delivery_cannot_be_claimed_twice_while_its_lease_runs()
    {
        var delivery = NewDelivery();
        delivery.Claim(Now);

        Assert.Throws<DomainRuleViolation>(() => delivery.Claim(Now.AddSeconds(30)));
        delivery.Claim(Now + WebhookDelivery.ClaimLease);
        Assert.Equal(2, delivery.Attempts);
    }

    [Fact]
    public void An_endpoint_failing_every_attempt_for_the_whole_period_is_disabled_and_a_success_clears_its_streak()
    {
        var endpoint = NewEndpoint();
        var period = TimeSpan.FromDays(3);

        Assert.False(endpoint.RecordFailure(Now, period));
        Assert.Equal(Now, endpoint.FailingSince);
        Assert.True(endpoint.RecordSuccess());
        Assert.Null(endpoint.FailingSince);

        Assert.False(endpoint.RecordFailure(Now, period));
        Assert.False(endpoint.RecordFailure(Now.AddDays(2), period));
        Assert.True(endpoint.Enabled);
        Assert.True(endpoint.RecordFailure(Now.AddDays(3), period));
        Assert.False(endpoint.Enabled);
        Assert.Contains("Every delivery failed", endpoint.DisabledReason, StringComparison.Ordinal);

        endpoint.Enable();
        Assert.True(endpoint.Enabled);
        Assert.Null(endpoint.FailingSince);
    }

    [Fact]
    public void An_endpoint_needs_https_and_at_least_one_event()
    {
        Assert.Equal("Url", Assert.Throws<DomainRuleViolation>(() => WebhookEndpoint.Create(Guid.NewGuid(), new Uri("http://hooks.example.com"), WebhookEvents.LicenseChanged, null, "p", "me", Now)).Field);
        Assert.Equal("Events", Assert.Throws<DomainRuleViolation>(() => WebhookEndpoint.Create(Guid.NewGuid(), new Uri("https://hooks.example.com"), WebhookEvents.None, null, "p", "me", Now)).Field);
        Assert.StartsWith(WebhookEndpoint.SecretPrefix, WebhookEndpoint.NewSecret(), StringComparison.Ordinal);
        Assert.NotEqual(WebhookEndpoint.NewSecret(), WebhookEndpoint.NewSecret());
    }

    private static WebhookEndpoint NewEndpoint() =>
        WebhookEndpoint.Create(Guid.NewGuid(), new Uri("https://hooks.example.com/in"), WebhookEvents.LicenseChanged, null, "protected", "Alex", Now);

    private static WebhookDelivery NewDelivery() =>
        WebhookDelivery.Create(NewEndpoint(), WebhookEvents.LicenseChanged, "license.changed:1", Now, id => $"{{\"id\":\"{id}\"}}", Now);
}
