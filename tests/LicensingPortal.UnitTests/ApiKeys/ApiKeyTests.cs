using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Customers;
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

    private static Customer CustomerOf(out Company partner)
    {
        var provider = Company.CreateProvider("Provider", "US", "US", Now);
        partner = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Contoso", null, "ops@contoso.example", null, null, "US", "US"), Now);
        return Customer.Create(partner, "Evergreen", null, "US", Now);
    }

    [Fact]
    public void A_customers_key_belongs_to_the_customer_and_is_held_under_its_owner_R25()
    {
        var customer = CustomerOf(out var partner);

        var (key, secret) = ApiKey.CreateForCustomer(customer, "Clinic sync", "Customer Administrator", "Robin", Now);

        Assert.Equal(customer.Id, key.CustomerId);
        Assert.Equal(partner.Id, key.CompanyId);
        Assert.Equal(ApiKey.Hash(secret), key.SecretHash);
        Assert.Null(ApiKey.Create(partner.Id, "Partner sync", "Administrator", "Morgan", Now).Key.CustomerId);
    }

    [Fact]
    public void A_customers_key_is_refused_while_its_owner_is_suspended_with_the_reason_R25_R11()
    {
        var customer = CustomerOf(out var partner);
        partner.Suspend(Now);

        var refusal = Assert.Throws<DomainRuleViolation>(() => ApiKey.CreateForCustomer(customer, "Clinic sync", "Customer Administrator", "Robin", Now));

        Assert.Equal("R11", refusal.Code);
        Assert.Equal(customer.CustomerUsersRefusal, refusal.Message);
    }

    [Fact]
    public void A_customers_key_needs_a_name_as_every_key_does_R25_R18()
    {
        var customer = CustomerOf(out _);

        Assert.Equal("Name", Assert.Throws<DomainRuleViolation>(() => ApiKey.CreateForCustomer(customer, " ", "Customer Administrator", "Robin", Now)).Field);
    }

    [Fact]
    public void A_customers_key_stops_when_its_owner_is_canceled_R25_R11()
    {
        var customer = CustomerOf(out var partner);
        var (key, _) = ApiKey.CreateForCustomer(customer, "Clinic sync", "Customer Administrator", "Robin", Now);

        Assert.True(key.AllowsSignIn(partner.Status));
        partner.Cancel(Now.AddDays(1));
        Assert.False(key.AllowsSignIn(partner.Status));
    }
}
