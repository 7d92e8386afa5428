using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.SuiteChanges;

namespace LicensingPortal.UnitTests.Licenses;

public sealed class LicenseRulesTests
{
    private readonly Demo _demo = new();

    private static DateOnly Today => DateOnly.FromDateTime(Demo.Now.UtcDateTime);

    [Fact]
    public void Modify_is_refused_for_a_trial_license_R3()
    {
        var trial = _demo.Buy(_demo.Trial, units: 5);

        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            trial.Modify(trial.Settings with { Units = 6 }, null, _demo.PoolFor, Demo.Someone, Demo.Now));

        Assert.Equal("R3", refusal.Code);
        Assert.Equal(5, trial.Units);
    }

    [Fact]
    public void A_trial_can_be_converted_to_a_full_license_of_the_same_product_R3()
    {
        var trial = _demo.Buy(_demo.Trial, units: 5);

        var transaction = trial.ConvertToFull(_demo.Standard12, _demo.PoolFor, Demo.Someone, Demo.Now);

        Assert.Equal(LicenseType.Full, trial.LicenseType);
        Assert.Equal(_demo.Standard12.Id, trial.ServicePlanId);
        Assert.Equal(Today.AddMonths(12), trial.ExpiresOn);
        Assert.Equal(TransactionType.Conversion, transaction.Type);
        Assert.Equal(0, _demo.PoolFor(_demo.Trial)!.UnitsUsed);
        Assert.Equal(5, _demo.PoolFor(_demo.Standard12)!.UnitsUsed);
    }

    [Fact]
    public void Modify_is_refused_when_the_product_reached_End_of_Life_R4()
    {
        var license = _demo.Buy(_demo.Standard12);
        _demo.Wfbss.MarkEndOfLife(Demo.Now);

        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            license.Modify(license.Settings with { Units = 11 }, null, _demo.PoolFor, Demo.Someone, Demo.Now));

        Assert.Equal("R4", refusal.Code);
        Assert.Contains("End of Life", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_End_of_Sale_plan_keeps_its_customers_who_can_still_change_their_settings_R4()
    {
        var license = _demo.Buy(_demo.Standard12);
        _demo.Standard12.MarkEndOfSale(_demo.Msp);

        license.Modify(license.Settings with { Units = 12 }, null, _demo.PoolFor, Demo.Someone, Demo.Now);

        Assert.Equal(12, license.Units);
        Assert.Equal("R4", Assert.Throws<DomainRuleViolation>(() => _demo.Buy(_demo.Standard12)).Code);
    }

    [Fact]
    public void A_suite_composition_change_locks_modification_until_the_owner_approves_R5()
    {
        var license = _demo.Buy(_demo.Standard12);
        var change = SuiteCompositionChange.Record(_demo.Wfbss, ["Sandbox"], [], null, Today, [_demo.Standard12, _demo.Advanced12], Demo.Someone, Demo.Now);

        Assert.Equal("R5", Assert.Throws<DomainRuleViolation>(() =>
            license.Modify(license.Settings with { Units = 11 }, null, _demo.PoolFor, Demo.Someone, Demo.Now)).Code);

        change.Approve(_demo.Msp, [_demo.Standard12, _demo.Advanced12], Demo.Someone, Demo.Now);
        license.Modify(license.Settings with { Units = 11 }, null, _demo.PoolFor, Demo.Someone, Demo.Now);

        Assert.Equal(11, license.Units);
        Assert.False(_demo.Standard12.IsLocked);
    }

    [Fact]
    public void Approving_a_suite_change_twice_is_refused_and_other_owners_stay_locked_R5()
    {
        var providerPlan = Demo.Plan(_demo.Provider, _demo.Wfbss, "Provider WFBSS", 0);
        var change = SuiteCompositionChange.Record(_demo.Wfbss, [], ["Device Control"], null, Today, [_demo.Standard12, providerPlan], Demo.Someone, Demo.Now);

        change.Approve(_demo.Msp, [_demo.Standard12], Demo.Someone, Demo.Now);

        Assert.True(providerPlan.IsLocked);
        Assert.Equal("R5", Assert.Throws<DomainRuleViolation>(() => change.Approve(_demo.Msp, [_demo.Standard12], Demo.Someone, Demo.Now)).Code);
    }

    [Theory]
    [InlineData(31, LicenseStatus.Normal)]
    [InlineData(30, LicenseStatus.ExpiringSoon)]
    [InlineData(1, LicenseStatus.ExpiringSoon)]
    [InlineData(0, LicenseStatus.ExpiringSoon)]
    [InlineData(-1, LicenseStatus.Expired)]
    public void Status_follows_the_clock_and_the_notification_threshold_R8(int daysLeft, LicenseStatus expected)
    {
        Assert.Equal(expected, LicenseStatusRules.On(Today, Today.AddDays(daysLeft), notifyDaysBefore: 30));
    }

    [Fact]
    public void The_same_license_turns_expiring_soon_then_expired_as_days_pass_R8()
    {
        var license = _demo.Buy(_demo.Standard12);

        Assert.Equal(LicenseStatus.Normal, license.StatusOn(Today));
        Assert.Equal(LicenseStatus.ExpiringSoon, license.StatusOn(license.ExpiresOn.AddDays(-CustomerLicense.DefaultNotifyDaysBefore)));
        Assert.Equal(LicenseStatus.Expired, license.StatusOn(license.ExpiresOn.AddDays(1)));
    }

    [Fact]
    public void Modify_is_refused_for_a_suspended_partners_customer_R11()
    {
        var license = _demo.Buy(_demo.Standard12);
        _demo.Msp.Suspend(Demo.Now);

        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            license.Modify(license.Settings with { Units = 11 }, null, _demo.PoolFor, Demo.Someone, Demo.Now));

        Assert.Equal("R11", refusal.Code);
    }

    [Fact]
    public void Raising_units_beyond_the_pool_is_refused_with_the_numbers_R12()
    {
        var license = _demo.Buy(_demo.Standard12, units: 90);

        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            license.Modify(license.Settings with { Units = 120 }, null, _demo.PoolFor, Demo.Someone, Demo.Now));

        Assert.Equal("R12", refusal.Code);
        Assert.Contains("120 units per license need 30 more from the license pool, which has 10 free.", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(90, _demo.PoolFor(_demo.Standard12)!.UnitsUsed);
    }

    [Fact]
    public void With_refill_on_the_shortfall_is_added_to_the_pool_and_recorded_R12()
    {
        var license = _demo.Buy(_demo.Standard12, units: 90);
        _demo.Msp.SetLicensePoolRefill(true);

        var transaction = license.Modify(license.Settings with { Units = 120 }, null, _demo.PoolFor, Demo.Someone, Demo.Now);

        var pool = _demo.PoolFor(_demo.Standard12)!;
        Assert.Equal(120, pool.UnitsUsed);
        Assert.Equal(120, pool.UnitsTotal);
        Assert.Equal(20, pool.UnitsRefilled);
        Assert.Contains("refill added 20 units", transaction.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_modification_returns_its_transaction_with_before_and_after_R9()
    {
        var license = _demo.Buy(_demo.Standard12, units: 10);

        var transaction = license.Modify(license.Settings with { Units = 15, AutoRenew = false, AutoRenewMonths = null }, null, _demo.PoolFor, Demo.Someone, Demo.Now);

        Assert.Equal(TransactionType.LicenseChange, transaction.Type);
        Assert.Contains("Units: 10", transaction.Before, StringComparison.Ordinal);
        Assert.Contains("Units: 15", transaction.After, StringComparison.Ordinal);
        Assert.Equal(Demo.Someone.Name, transaction.ActorName);
        Assert.Equal(Demo.Now, transaction.At);
    }
}
