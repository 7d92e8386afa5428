using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Licenses;

namespace LicensingPortal.UnitTests.Licenses;

/// <summary>R23: a scheduled change carries only the settings it changes; what is saved meanwhile survives.</summary>
public sealed class ScheduledChangeTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(Demo.Now.UtcDateTime);

    [Fact]
    public void A_scheduled_change_stores_only_the_settings_it_changes_R23()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12, units: 6);

        license.Schedule(license.Settings with { Units = 7 }, null, Today.AddDays(7), Demo.Someone, Demo.Now);

        Assert.Equal(new LicenseSettingsChange(Units: 7), license.PendingChange!.Changes);
        Assert.Equal(["Units"], license.PendingChange.Fields);
    }

    [Fact]
    public void Settings_saved_immediately_after_scheduling_survive_when_the_change_applies_R23()
    {
        // The scenario: units 6 → 7 for a date; then expiry and notification saved now.
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12, units: 6);
        license.Schedule(license.Settings with { Units = 7 }, null, Today.AddDays(7), Demo.Someone, Demo.Now);
        var extended = license.ExpiresOn.AddMonths(3);
        license.Modify(license.Settings with { ExpiresOn = extended, NotifyDaysBefore = 60 }, null, demo.PoolFor, Demo.Someone, Demo.Now);

        var applied = license.ApplyDueChange(null, demo.PoolFor, Demo.Now.AddDays(7));

        Assert.Equal(TransactionType.LicenseChange, applied!.Type);
        Assert.Equal(7, license.Units);
        Assert.Equal(extended, license.ExpiresOn);
        Assert.Equal(60, license.NotifyDaysBefore);
        Assert.Equal(ScheduledChangeState.Applied, license.ScheduledChanges.Single().State);
    }

    [Fact]
    public void Saving_now_a_setting_that_has_a_scheduled_value_asks_to_keep_or_drop_it_R23()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12, units: 6);
        license.Schedule(license.Settings with { Units = 7, NotifyDaysBefore = 45 }, null, Today.AddDays(7), Demo.Someone, Demo.Now);

        var asked = Assert.Throws<DomainRuleViolation>(() => license.Modify(license.Settings with { Units = 9 }, null, demo.PoolFor, Demo.Someone, Demo.Now));

        Assert.Equal("R23", asked.Code);
        Assert.Equal("Units", asked.Field);
        Assert.Contains("Units per license", asked.Message, StringComparison.Ordinal);
        Assert.Equal(6, license.Units);
    }

    [Fact]
    public void Keeping_the_scheduled_value_applies_it_on_its_date_over_the_value_saved_now_R23()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12, units: 6);
        license.Schedule(license.Settings with { Units = 7 }, null, Today.AddDays(7), Demo.Someone, Demo.Now);

        license.Modify(license.Settings with { Units = 9 }, null, demo.PoolFor, Demo.Someone, Demo.Now, PendingValueChoice.Keep);
        Assert.Equal(9, license.Units);
        license.ApplyDueChange(null, demo.PoolFor, Demo.Now.AddDays(7));

        Assert.Equal(7, license.Units);
    }

    [Fact]
    public void Dropping_the_scheduled_value_keeps_the_rest_of_the_change_and_a_change_left_empty_is_canceled_R23()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12, units: 6);
        license.Schedule(license.Settings with { Units = 7, NotifyDaysBefore = 45 }, null, Today.AddDays(7), Demo.Someone, Demo.Now);

        var transaction = license.Modify(license.Settings with { Units = 9 }, null, demo.PoolFor, Demo.Someone, Demo.Now, PendingValueChoice.Drop);

        Assert.Equal(new LicenseSettingsChange(NotifyDaysBefore: 45), license.PendingChange!.Changes);
        Assert.Contains("Dropped", transaction.Note, StringComparison.Ordinal);

        license.Modify(license.Settings with { NotifyDaysBefore = 20 }, null, demo.PoolFor, Demo.Someone, Demo.Now, PendingValueChoice.Drop);

        Assert.Null(license.PendingChange);
        Assert.Equal(ScheduledChangeState.Canceled, license.ScheduledChanges.Single().State);
        Assert.Equal((9, 20), (license.Units, license.NotifyDaysBefore));
    }

    [Fact]
    public void Auto_renewal_and_its_frequency_are_one_scheduled_setting_R23()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12);
        Assert.True(license.AutoRenew);
        license.Schedule(license.Settings with { AutoRenewMonths = 24 }, null, Today.AddDays(3), Demo.Someone, Demo.Now);
        license.Modify(license.Settings with { Units = 11 }, null, demo.PoolFor, Demo.Someone, Demo.Now);

        license.ApplyDueChange(null, demo.PoolFor, Demo.Now.AddDays(3));

        Assert.Equal((true, 24, 11), (license.AutoRenew, license.AutoRenewMonths, license.Units));
    }

    [Fact]
    public void A_due_change_the_pool_can_no_longer_cover_is_refused_and_leaves_license_and_pool_as_they_were_R23_R12()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12, units: 10);
        var pool = demo.PoolFor(demo.Standard12)!;
        license.Schedule(license.Settings with { Units = 60 }, null, Today.AddDays(7), Demo.Someone, Demo.Now);
        demo.Buy(demo.Standard12, units: 80);
        var used = pool.UnitsUsed;

        var refused = license.ApplyDueChange(null, demo.PoolFor, Demo.Now.AddDays(7));

        Assert.Equal(TransactionType.ScheduledChangeFailed, refused!.Type);
        Assert.StartsWith(CustomerLicense.RefusedNotePrefix(Today.AddDays(7)), refused.Note, StringComparison.Ordinal);
        Assert.DoesNotContain("(R12)", refused.Note, StringComparison.Ordinal);
        Assert.StartsWith("R12", license.ScheduledChanges.Single().Outcome, StringComparison.Ordinal);
        Assert.Equal(10, license.Units);
        Assert.Equal(used, pool.UnitsUsed);
    }

    [Fact]
    public void A_due_plan_change_refused_for_the_new_pool_releases_nothing_from_the_old_one_R23_R12()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12, units: 10);
        license.Schedule(license.Settings, demo.Advanced12, Today.AddDays(7), Demo.Someone, Demo.Now);
        demo.Buy(demo.Advanced12, units: 95);
        var standardUsed = demo.PoolFor(demo.Standard12)!.UnitsUsed;

        var refused = license.ApplyDueChange(demo.Advanced12, demo.PoolFor, Demo.Now.AddDays(7));

        Assert.Equal(TransactionType.ScheduledChangeFailed, refused!.Type);
        Assert.Equal(demo.Standard12.Id, license.ServicePlanId);
        Assert.Equal(standardUsed, demo.PoolFor(demo.Standard12)!.UnitsUsed);
    }

    [Fact]
    public void A_due_change_to_a_plan_that_reached_End_of_Life_is_refused_R23_R4()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12, units: 10);
        license.Schedule(license.Settings with { Units = 12 }, null, Today.AddDays(7), Demo.Someone, Demo.Now);
        demo.Standard12.MarkEndOfLife(demo.Msp);

        var refused = license.ApplyDueChange(null, demo.PoolFor, Demo.Now.AddDays(7));

        Assert.Equal(TransactionType.ScheduledChangeFailed, refused!.Type);
        Assert.Equal(10, license.Units);
        Assert.Equal(ScheduledChangeState.Refused, license.ScheduledChanges.Single().State);
    }

    [Fact]
    public void Turning_Remote_Manager_on_is_refused_where_the_owner_has_no_console_R13()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12);
        Assert.False(license.ManagedByRemoteManager);

        var refused = Assert.Throws<DomainRuleViolation>(() =>
            license.Modify(license.Settings with { ManagedByRemoteManager = true }, null, demo.PoolFor, Demo.Someone, Demo.Now));
        Assert.Equal("R13", refused.Code);

        demo.Msp.EnableRemoteManager();
        license.Modify(license.Settings with { ManagedByRemoteManager = true }, null, demo.PoolFor, Demo.Someone, Demo.Now);
        Assert.True(license.ManagedByRemoteManager);
    }
}

/// <summary>R9 for people: a transaction shows what changed, not every setting before and after.</summary>
public sealed class TransactionChangesTests
{
    [Fact]
    public void Only_the_settings_that_changed_are_shown_R9()
    {
        var (before, after) = LicensingPortal.Domain.Auditing.LicenseTransaction.ChangedParts(
            "Plan: WFBSS; Units: 6; Expires: 2027-10-06; Notify: 30 days before",
            "Plan: WFBSS; Units: 6; Expires: 2028-01-04; Notify: 60 days before");

        Assert.Equal("Expires: 2027-10-06; Notify: 30 days before", before);
        Assert.Equal("Expires: 2028-01-04; Notify: 60 days before", after);
    }

    [Theory]
    [InlineData(null, "Plan: WFBSS; Units: 6")]
    [InlineData("Pending change due 2026-12-11", "Canceled")]
    public void Text_of_another_shape_is_shown_as_it_is_R9(string? before, string after) =>
        Assert.Equal((before, after), LicensingPortal.Domain.Auditing.LicenseTransaction.ChangedParts(before, after));
}
