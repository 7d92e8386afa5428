using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.LicenseRequests;

namespace LicensingPortal.UnitTests.LicenseRequests;

/// <summary>R25: a customer's change request: what may be asked, one open per license, and its one decision.</summary>
public sealed class LicenseRequestTests
{
    private static readonly Actor Customer = new(Guid.NewGuid(), "Nora (customer)");
    private static readonly Actor Partner = new(Guid.NewGuid(), "Max (MSP)");

    [Fact]
    public void A_request_records_what_is_asked_who_asked_and_the_owner_whose_queue_it_is_in_R25()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12, 10);

        var request = LicenseRequest.Create(license, LicenseRequestKind.Units, 15, null, null, "  A new office.  ", null, Customer, Demo.Now);

        Assert.Equal(LicenseRequestState.Open, request.State);
        Assert.Equal(demo.Msp.Id, request.CompanyId);
        Assert.Equal(license.Id, request.LicenseId);
        Assert.Equal(15, request.Units);
        Assert.Equal("Units per license: 10 → 15", request.Summary);
        Assert.Equal("A new office.", request.Comment);
        Assert.Equal(Customer.UserId, request.RequestedByUserId);
    }

    [Fact]
    public void A_comment_is_required_R25()
    {
        var demo = new Demo();
        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            LicenseRequest.Create(demo.Buy(demo.Standard12), LicenseRequestKind.Units, 15, null, null, " ", null, Customer, Demo.Now));
        Assert.Equal(nameof(LicenseRequest.Comment), refusal.Field);
    }

    [Fact]
    public void One_open_request_per_license_at_a_time_R25()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12);
        var open = LicenseRequest.Create(license, LicenseRequestKind.Units, 15, null, null, "More.", null, Customer, Demo.Now);

        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            LicenseRequest.Create(license, LicenseRequestKind.AutoRenewal, null, false, null, "Stop renewing.", open, Customer, Demo.Now));

        Assert.Equal("R25", refusal.Code);
        Assert.Contains("already has an open request", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_that_asks_for_nothing_new_is_refused_R25()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12, 10);

        Assert.Equal("R25", Assert.Throws<DomainRuleViolation>(() => LicenseRequest.Create(license, LicenseRequestKind.Units, 10, null, null, "Same.", null, Customer, Demo.Now)).Code);
        Assert.Equal("R25", Assert.Throws<DomainRuleViolation>(() => LicenseRequest.Create(license, LicenseRequestKind.AutoRenewal, null, license.AutoRenew, null, "Same.", null, Customer, Demo.Now)).Code);
    }

    [Fact]
    public void Another_level_of_the_same_product_may_be_asked_for_but_not_another_product_R25()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12);

        var upgrade = LicenseRequest.Create(license, LicenseRequestKind.ServicePlan, null, null, demo.Advanced12, "Need the advanced features.", null, Customer, Demo.Now);
        Assert.Equal(demo.Advanced12.Id, upgrade.ServicePlanId);
        Assert.Equal("R6", Assert.Throws<DomainRuleViolation>(() =>
            LicenseRequest.Create(license, LicenseRequestKind.ServicePlan, null, null, demo.EmailPlan, "Email instead.", null, Customer, Demo.Now)).Code);
    }

    [Fact]
    public void A_suspended_owner_takes_no_requests_with_the_sentence_R25()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12);
        demo.Msp.Suspend(Demo.Now);

        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            LicenseRequest.Create(license, LicenseRequestKind.Units, 15, null, null, "More.", null, Customer, Demo.Now));

        Assert.Equal("R11", refusal.Code);
        Assert.Equal("Contoso MSP is suspended: it cannot take change requests until it is reactivated.", refusal.Message);
    }

    [Fact]
    public void A_trial_cannot_be_asked_to_change_R25()
    {
        var demo = new Demo();
        var trial = demo.Buy(demo.Trial, 5);

        Assert.Equal("R3", Assert.Throws<DomainRuleViolation>(() =>
            LicenseRequest.Create(trial, LicenseRequestKind.Units, 10, null, null, "More.", null, Customer, Demo.Now)).Code);
    }

    [Fact]
    public void Cancel_at_renewal_needs_a_license_that_renews_R25()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12);
        Assert.True(license.AutoRenew);
        Assert.Contains("Cancel at renewal", LicenseRequest.Create(license, LicenseRequestKind.CancelAtRenewal, null, null, null, "Moving away.", null, Customer, Demo.Now).Summary, StringComparison.Ordinal);

        license.Modify(license.Settings with { AutoRenew = false, AutoRenewMonths = null }, null, demo.PoolFor, Partner, Demo.Now);
        Assert.Equal("R25", Assert.Throws<DomainRuleViolation>(() =>
            LicenseRequest.Create(license, LicenseRequestKind.CancelAtRenewal, null, null, null, "Moving away.", null, Customer, Demo.Now)).Code);
    }

    [Fact]
    public void A_decided_request_cannot_be_decided_again_R19()
    {
        var demo = new Demo();
        var request = LicenseRequest.Create(demo.Buy(demo.Standard12), LicenseRequestKind.Units, 15, null, null, "More.", null, Customer, Demo.Now);
        request.Approve(Partner, Demo.Now, null);

        var again = Assert.Throws<DomainRuleViolation>(() => request.Approve(Partner, Demo.Now, null));
        var decline = Assert.Throws<DomainRuleViolation>(() => request.Decline("No.", Partner, Demo.Now));

        Assert.Equal("R19", again.Code);
        Assert.Contains("was approved by Max (MSP)", again.Message, StringComparison.Ordinal);
        Assert.Equal("R19", decline.Code);
        Assert.Equal(LicenseRequestState.Approved, request.State);
    }

    [Fact]
    public void Declining_needs_a_reason_the_customer_reads_R25()
    {
        var demo = new Demo();
        var request = LicenseRequest.Create(demo.Buy(demo.Standard12), LicenseRequestKind.Units, 15, null, null, "More.", null, Customer, Demo.Now);

        Assert.Equal("R25", Assert.Throws<DomainRuleViolation>(() => request.Decline("  ", Partner, Demo.Now)).Code);
        Assert.True(request.IsOpen);

        request.Decline("Your contract caps you at 10 seats.", Partner, Demo.Now);
        Assert.Equal(LicenseRequestState.Declined, request.State);
        Assert.Equal("Max (MSP)", request.DecidedBy);
        Assert.Equal("Your contract caps you at 10 seats.", request.DeclineReason);
    }

    [Fact]
    public void A_refusal_at_approval_keeps_the_request_open_with_the_rule_sentence_R25()
    {
        var demo = new Demo();
        var request = LicenseRequest.Create(demo.Buy(demo.Standard12), LicenseRequestKind.Units, 500, null, null, "More.", null, Customer, Demo.Now);

        request.RecordRefusal(new DomainRuleViolation("R12", "490 units requested, 80 free in the license pool."), Demo.Now);

        Assert.True(request.IsOpen);
        Assert.Equal("R12", request.RefusalCode);
        Assert.Equal("490 units requested, 80 free in the license pool.", request.Refusal);
    }

    [Fact]
    public void The_customer_may_withdraw_an_open_request_only_R25()
    {
        var demo = new Demo();
        var request = LicenseRequest.Create(demo.Buy(demo.Standard12), LicenseRequestKind.Units, 15, null, null, "More.", null, Customer, Demo.Now);

        request.Withdraw(Customer, Demo.Now);

        Assert.Equal(LicenseRequestState.Withdrawn, request.State);
        Assert.Equal("R19", Assert.Throws<DomainRuleViolation>(() => request.Approve(Partner, Demo.Now, null)).Code);
    }
}
