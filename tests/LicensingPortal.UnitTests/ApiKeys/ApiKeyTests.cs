using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;
using LicensingPortal.TestSupport;

namespace LicensingPortal.UnitTests.ApiKeys;

/// <summary>R21: an API key's secret is random, shown once and kept only as a hash; revoking is final.</summary>
public sealed class ApiKeyTests
{
    private static readonly DateTimeOffset Now = TestToday.Now;

    [Fact]
    public void A_new_key_keeps_only_the_hash_of_its_secret_and_a_short_prefix_R21()
    {
        var (key, secret) = ApiKey.Create(Guid.NewGuid(), "  Billing sync ", "License Manager", "Morgan", Now);
        var (_, other) = ApiKey.Create(Guid.NewGuid(), "Other", "License Manager", "Morgan", Now);

        Assert.StartsWith(ApiKey.SecretPrefix, secret, StringComparison.Ordinal);
        Assert.True(secret.Length >= 40, "256 random bits, base64url.");
        Assert.NotEqual(secret, other);
        Assert.Equal(ApiKey.Hash(secret), key.SecretHash);
        Assert.DoesNotContain(secret, key.SecretHash, StringComparison.Ordinal);
        Assert.Equal(secret[..10], key.Prefix);
        Assert.Equal("Billing sync", key.Name);
    }

    [Fact]
    public void A_key_needs_a_name_R18()
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() => ApiKey.Create(Guid.NewGuid(), "   ", "Administrator", "Morgan", Now));
        Assert.Equal("Name", refusal.Field);
    }

    [Fact]
    public void Revoking_is_final_and_a_second_revoke_is_refused_R21()
    {
        var (key, _) = ApiKey.Create(Guid.NewGuid(), "Sync", "Administrator", "Morgan", Now);
        key.Revoke("Morgan", Now);

        Assert.True(key.IsRevoked);
        Assert.Equal("R21", Assert.Throws<DomainRuleViolation>(() => key.Revoke("Morgan", Now.AddMinutes(1))).Code);
    }

    [Fact]
    public void Last_use_is_recorded_at_most_once_a_minute_R21()
    {
        var (key, _) = ApiKey.Create(Guid.NewGuid(), "Sync", "Administrator", "Morgan", Now);

        Assert.True(key.MarkUsed(Now));
        Assert.False(key.MarkUsed(Now.AddSeconds(30)));
        Assert.True(key.MarkUsed(Now.AddMinutes(2)));
        Assert.Equal(Now.AddMinutes(2), key.LastUsedAt);
    }

    [Theory]
    [InlineData(PartnerStatus.Active, false, true)]
    [InlineData(PartnerStatus.Suspended, false, true)]
    [InlineData(PartnerStatus.Canceled, false, false)]
    [InlineData(PartnerStatus.Active, true, false)]
    public void A_key_signs_in_unless_revoked_or_its_company_is_canceled_R21_R11(PartnerStatus companyStatus, bool revoked, bool signsIn)
    {
        var (key, _) = ApiKey.Create(Guid.NewGuid(), "Sync", "Administrator", "Morgan", Now);
        if (revoked)
        {
            key.Revoke("Morgan", Now);
        }

        Assert.Equal(signsIn, key.AllowsSignIn(companyStatus));
    }
}
