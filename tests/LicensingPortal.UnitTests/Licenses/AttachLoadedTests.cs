using LicensingPortal.Domain.Customers;

namespace LicensingPortal.UnitTests.Licenses;

/// <summary>
/// What a reader that loads a license's parts separately (the nightly job) may attach: the parts its keys name, once;
/// never another customer, plan, owner or license's scheduled change in place of its own.
/// </summary>
public sealed class AttachLoadedTests
{
    [Fact]
    public void Attaching_the_parts_a_license_already_has_changes_nothing()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12);

        license.AttachLoaded(demo.Customer, demo.Standard12);
        demo.Customer.AttachLoaded(demo.Msp);

        Assert.Same(demo.Customer, license.Customer);
        Assert.Same(demo.Standard12, license.Plan);
        Assert.Same(demo.Msp, license.Customer.Owner);
    }

    [Fact]
    public void A_customer_plan_or_owner_the_keys_do_not_name_is_refused()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12);
        var other = Customer.Create(demo.Msp, "Other", null, "US", Demo.Now);

        Assert.Throws<InvalidOperationException>(() => license.AttachLoaded(other, demo.Standard12));
        Assert.Throws<InvalidOperationException>(() => license.AttachLoaded(demo.Customer, demo.Advanced12));
        Assert.Throws<InvalidOperationException>(() => demo.Customer.AttachLoaded(demo.Reseller));
        Assert.Same(demo.Customer, license.Customer);
        Assert.Same(demo.Standard12, license.Plan);
    }

    [Fact]
    public void Scheduled_changes_are_attached_once_and_only_the_license_s_own()
    {
        var demo = new Demo();
        var license = demo.Buy(demo.Standard12);
        var another = demo.Buy(demo.Standard12);
        another.Schedule(another.Settings with { Units = 12 }, null, DateOnly.FromDateTime(Demo.Now.UtcDateTime).AddDays(7), Demo.Someone, Demo.Now);

        Assert.Throws<InvalidOperationException>(() => license.AttachLoaded(demo.Customer, demo.Standard12, another.ScheduledChanges));
        Assert.Throws<InvalidOperationException>(() => another.AttachLoaded(demo.Customer, demo.Standard12, another.ScheduledChanges.ToList()));
        Assert.Single(another.ScheduledChanges);
    }
}
