using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.UnitTests.Partners;

public sealed class CompanyStatusRulesTests
{
    private readonly Demo _demo = new();

    public static TheoryData<PartnerStatus, PartnerArea, bool> Policy()
    {
        var data = new TheoryData<PartnerStatus, PartnerArea, bool>();
        foreach (var area in Enum.GetValues<PartnerArea>())
        {
            data.Add(PartnerStatus.Active, area, true);
            data.Add(PartnerStatus.Suspended, area, area == PartnerArea.Profile);
            data.Add(PartnerStatus.Canceled, area, false);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Policy))]
    public void Suspended_allows_only_the_profile_and_canceled_allows_nothing_R11(PartnerStatus status, PartnerArea area, bool allowed)
    {
        var partner = _demo.Msp;
        if (status != PartnerStatus.Active)
        {
            partner.Suspend(Demo.Now);
        }

        if (status == PartnerStatus.Canceled)
        {
            partner.Cancel(Demo.Now);
        }

        Assert.Equal(allowed, partner.Allows(area));
        if (!allowed)
        {
            Assert.Equal("R11", Assert.Throws<DomainRuleViolation>(() => partner.EnsureAllows(area)).Code);
        }
    }

    [Fact]
    public void Cancel_is_irreversible_R11()
    {
        _demo.Reseller.Cancel(Demo.Now);

        Assert.Equal("R11", Assert.Throws<DomainRuleViolation>(() => _demo.Reseller.Reactivate(Demo.Now)).Code);
        Assert.Equal("R11", Assert.Throws<DomainRuleViolation>(() => _demo.Reseller.Suspend(Demo.Now)).Code);
        Assert.Equal(PartnerStatus.Canceled, _demo.Reseller.Status);
        Assert.Equal(Demo.Now, _demo.Reseller.CanceledAt);
    }

    [Fact]
    public void A_suspended_partner_can_be_reactivated_R11()
    {
        _demo.Msp.Suspend(Demo.Now);
        _demo.Msp.Reactivate(Demo.Now.AddDays(1));

        Assert.Equal(PartnerStatus.Active, _demo.Msp.Status);
        Assert.True(_demo.Msp.Allows(PartnerArea.Licenses));
    }

    [Fact]
    public void Canceling_expires_the_customers_licenses_on_the_cancel_date_R11()
    {
        var license = _demo.Buy(_demo.Standard12);
        var cancelAt = Demo.Now.AddDays(10);
        _demo.Msp.Cancel(cancelAt);

        var transaction = license.ExpireBecausePartnerCanceled(cancelAt, Demo.Someone);

        Assert.Equal(DateOnly.FromDateTime(cancelAt.UtcDateTime), license.ExpiresOn);
        Assert.False(license.AutoRenew);
        Assert.NotNull(transaction);
        Assert.Null(license.RenewIfDue(cancelAt.AddYears(2)));
    }
}
