using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Domain.SuiteChanges;
using LicensingPortal.TestSupport;

namespace LicensingPortal.UnitTests.ServicePlans;

public sealed class ServicePlanRulesTests
{
    private static readonly DateTimeOffset Now = TestToday.Now;
    private static readonly Actor Someone = new(Guid.NewGuid(), "Paula Provider");

    private readonly Company _provider = Company.CreateProvider("Northwind Distribution", "US", "US", Now);
    private readonly Company _msp;
    private readonly Company _reseller;
    private readonly Product _cloudApp = Product.Create("Cloud App Security", ["Standard"], components: ["Mail Scanning", "File Scanning"]);
    private readonly Product _email = Product.Create("Email Security", ["Standard", "Advanced"], addOnName: "Sandbox Analysis");

    public ServicePlanRulesTests()
    {
        _msp = Company.CreatePartner(_provider, CompanyType.Msp, new CompanyProfile("Contoso Managed Services", null, "ops@contoso.example", null, null, "US", "US"), Now);
        _reseller = Company.CreatePartner(_provider, CompanyType.Reseller, new CompanyProfile("Fabrikam Resellers", null, "sales@fabrikam.example", null, null, "DE", "EU"), Now);
    }

    private ServicePlanDefinition Definition(
        string name = "Cloud App Security – 12 months", LicenseType type = LicenseType.Full, LicensePeriod? period = null, int units = 10, bool addOn = false, Product? product = null) =>
        new(name, (product ?? _cloudApp).ServiceLevels[0].Id, type, period ?? new LicensePeriod(12, PeriodUnit.Months), units, true, addOn);

    private ServicePlan Plan(Company owner, Product? product = null, string name = "Cloud App Security – 12 months") =>
        ServicePlan.Create(owner, product ?? _cloudApp, Definition(name, product: product), Now);

    [Theory]
    [InlineData(1)]
    [InlineData(66)]
    public void A_full_plan_lasts_1_to_66_months(int months)
    {
        var plan = ServicePlan.Create(_provider, _cloudApp, Definition(period: new LicensePeriod(months, PeriodUnit.Months)), Now);

        Assert.Equal(new LicensePeriod(months, PeriodUnit.Months), plan.Period);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(67)]
    public void A_period_outside_1_to_66_months_is_refused_R18(int months)
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            ServicePlan.Create(_provider, _cloudApp, Definition(period: new LicensePeriod(months, PeriodUnit.Months)), Now));

        Assert.Equal("R18", refusal.Code);
        Assert.Equal("Period", refusal.Field);
    }

    [Fact]
    public void A_trial_plan_lasts_exactly_30_days_R18()
    {
        var trial = ServicePlan.Create(_provider, _cloudApp, Definition(type: LicenseType.Trial, period: LicensePeriod.Trial), Now);
        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            ServicePlan.Create(_provider, _cloudApp, Definition(name: "Trial 12", type: LicenseType.Trial, period: new LicensePeriod(12, PeriodUnit.Months)), Now));

        Assert.Equal(new LicensePeriod(30, PeriodUnit.Days), trial.Period);
        Assert.False(trial.AutoRenewDefault);
        Assert.Equal("R18", refusal.Code);
        Assert.Contains("30 days", refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_000)]
    public void Units_per_license_outside_1_to_999999_are_refused_R18(int units)
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() => ServicePlan.Create(_provider, _cloudApp, Definition(units: units), Now));

        Assert.Equal("R18", refusal.Code);
        Assert.Equal("UnitsPerLicense", refusal.Field);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_name_is_refused_R18(string name)
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() => ServicePlan.Create(_provider, _cloudApp, Definition(name), Now));

        Assert.Equal("Name", refusal.Field);
    }

    [Fact]
    public void A_name_of_151_characters_is_refused_and_150_accepted_R18()
    {
        var accepted = ServicePlan.Create(_provider, _cloudApp, Definition(new string('a', 150)), Now);
        var refusal = Assert.Throws<DomainRuleViolation>(() => ServicePlan.Create(_provider, _cloudApp, Definition(new string('a', 151)), Now));

        Assert.Equal(150, accepted.Name.Length);
        Assert.Equal("Name", refusal.Field);
    }

    [Fact]
    public void Names_differing_only_in_case_normalize_alike_so_uniqueness_is_checked_per_owner_by_the_application_R18()
    {
        var first = Plan(_provider, name: "Cloud Basic");
        var second = Plan(_provider, name: "CLOUD basic");

        // The domain cannot see the owner's other plans: the use case and the unique (OwnerId, NormalizedName) index refuse the second.
        Assert.Equal(first.NormalizedName, second.NormalizedName);
        Assert.Equal(first.OwnerId, second.OwnerId);
    }

    [Fact]
    public void Add_on_availability_is_only_for_a_product_with_an_add_on_R6()
    {
        var withAddOn = ServicePlan.Create(_provider, _email, Definition(addOn: true, product: _email), Now);
        var refusal = Assert.Throws<DomainRuleViolation>(() => ServicePlan.Create(_provider, _cloudApp, Definition(addOn: true), Now));

        Assert.True(withAddOn.AddOnAvailable);
        Assert.Equal("AddOnAvailable", refusal.Field);
    }

    [Fact]
    public void A_reseller_cannot_create_a_plan_R14()
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() => Plan(_reseller));

        Assert.Equal("R14", refusal.Code);
    }

    [Fact]
    public void A_product_lifecycle_only_moves_forward_R4()
    {
        _cloudApp.MarkEndOfLife(Now);

        var refusal = Assert.Throws<DomainRuleViolation>(() => _cloudApp.MarkEndOfSale(Now));

        Assert.Equal("R4", refusal.Code);
        Assert.Equal(Lifecycle.EndOfLife, _cloudApp.Lifecycle);
    }

    [Fact]
    public void A_plan_marked_End_of_Sale_twice_is_refused_and_stays_End_of_Sale_R4()
    {
        var plan = Plan(_provider);
        plan.MarkEndOfSale(_provider);

        var refusal = Assert.Throws<DomainRuleViolation>(() => plan.MarkEndOfSale(_provider));

        Assert.Equal("R4", refusal.Code);
        Assert.Equal(Lifecycle.EndOfSale, plan.Lifecycle);
    }

    [Fact]
    public void Another_owner_cannot_retire_a_plan_R1()
    {
        var plan = Plan(_provider);

        Assert.Equal("R1", Assert.Throws<DomainRuleViolation>(() => plan.MarkEndOfSale(_msp)).Code);
    }

    [Fact]
    public void An_End_of_Sale_product_s_plans_can_no_longer_be_assigned_to_a_reseller_R4()
    {
        var plan = Plan(_provider);
        _cloudApp.MarkEndOfSale(Now);

        var refusal = Assert.Throws<DomainRuleViolation>(() => ResellerPlanAssignment.Assign(_provider, _reseller, plan, [], Now));

        Assert.Equal("R4", refusal.Code);
        Assert.Equal(Lifecycle.EndOfSale, plan.EffectiveLifecycle);
    }

    [Fact]
    public void An_End_of_Sale_plan_can_no_longer_be_edited_R4()
    {
        var plan = Plan(_provider);
        plan.MarkEndOfSale(_provider);

        Assert.Equal("R4", Assert.Throws<DomainRuleViolation>(() => plan.Edit(_provider, Definition("Renamed"))).Code);
    }

    [Fact]
    public void A_suite_change_locks_every_plan_of_the_product_at_every_owner_R5()
    {
        var providerPlan = Plan(_provider);
        var mspPlan = Plan(_msp);
        var otherProduct = Plan(_msp, _email, "Email Security – 12 months");

        var change = SuiteCompositionChange.Record(_cloudApp, ["Data Loss Prevention"], ["File Scanning"], null, DateOnly.FromDateTime(Now.UtcDateTime), [providerPlan, mspPlan], Someone, Now);

        Assert.True(providerPlan.IsLocked);
        Assert.True(mspPlan.IsLocked);
        Assert.False(otherProduct.IsLocked);
        Assert.Equal("Mail Scanning, File Scanning", change.ComponentsBefore);
        Assert.Equal("Mail Scanning, Data Loss Prevention", change.ComponentsAfter);
    }

    [Fact]
    public void A_locked_plan_cannot_be_edited_or_assigned_to_a_reseller_R5()
    {
        var plan = Plan(_provider);
        SuiteCompositionChange.Record(_cloudApp, ["Data Loss Prevention"], [], null, DateOnly.FromDateTime(Now.UtcDateTime), [plan], Someone, Now);

        Assert.Equal("R5", Assert.Throws<DomainRuleViolation>(() => plan.Edit(_provider, Definition("Renamed"))).Code);
        Assert.Equal("R5", Assert.Throws<DomainRuleViolation>(() => ResellerPlanAssignment.Assign(_provider, _reseller, plan, [], Now)).Code);
        Assert.Equal("R5", Assert.Throws<DomainRuleViolation>(plan.EnsureAssignable).Code);
    }

    [Fact]
    public void A_suite_change_without_components_is_refused_R5()
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            SuiteCompositionChange.Record(_cloudApp, [], [], "nothing", DateOnly.FromDateTime(Now.UtcDateTime), [], Someone, Now));

        Assert.Equal("R5", refusal.Code);
    }

    [Fact]
    public void Approval_unlocks_only_the_approving_owner_s_plans_R5()
    {
        var providerPlan = Plan(_provider);
        var mspPlan = Plan(_msp);
        var change = SuiteCompositionChange.Record(_cloudApp, ["Data Loss Prevention"], [], null, DateOnly.FromDateTime(Now.UtcDateTime), [providerPlan, mspPlan], Someone, Now);

        var approval = change.Approve(_msp, [mspPlan], Someone, Now);

        Assert.False(mspPlan.IsLocked);
        Assert.True(providerPlan.IsLocked);
        Assert.Equal(1, approval.PlansUnlocked);
        Assert.True(change.IsApprovedBy(_msp.Id));
        Assert.False(change.IsApprovedBy(_provider.Id));
        mspPlan.EnsureAssignable();
    }

    [Fact]
    public void Approving_the_same_change_twice_is_refused_R5()
    {
        var mspPlan = Plan(_msp);
        var change = SuiteCompositionChange.Record(_cloudApp, ["Data Loss Prevention"], [], null, DateOnly.FromDateTime(Now.UtcDateTime), [mspPlan], Someone, Now);
        change.Approve(_msp, [mspPlan], Someone, Now);

        var refusal = Assert.Throws<DomainRuleViolation>(() => change.Approve(_msp, [mspPlan], Someone, Now));

        Assert.Equal("R5", refusal.Code);
        Assert.Single(change.Approvals);
    }

    [Fact]
    public void An_owner_cannot_approve_with_another_owner_s_plans_R1()
    {
        var providerPlan = Plan(_provider);
        var change = SuiteCompositionChange.Record(_cloudApp, ["Data Loss Prevention"], [], null, DateOnly.FromDateTime(Now.UtcDateTime), [providerPlan], Someone, Now);

        Assert.Equal("R1", Assert.Throws<DomainRuleViolation>(() => change.Approve(_msp, [providerPlan], Someone, Now)).Code);
        Assert.True(providerPlan.IsLocked);
    }
    [Fact]
    public void A_locked_plan_cannot_be_assigned_to_a_customer_and_its_licenses_cannot_be_modified_until_approved_R5()
    {
        var plan = Plan(_provider);
        var otherPlan = Plan(_provider, name: "Cloud App Security – 24 months");
        var customer = Customer.Create(_provider, "Jupiter Manufacturing", "it@jupiter.example", "US", Now);
        var (license, _) = CustomerLicense.Purchase(customer, plan, 10, null, Someone, Now);
        var change = SuiteCompositionChange.Record(_cloudApp, ["Data Loss Prevention"], [], null, DateOnly.FromDateTime(Now.UtcDateTime), [plan, otherPlan], Someone, Now);

        var refusal = Assert.Throws<DomainRuleViolation>(() => CustomerLicense.Purchase(customer, otherPlan, 10, null, Someone, Now));
        var lockedRefusal = license.ModificationRefusal();
        change.Approve(_provider, [plan, otherPlan], Someone, Now);

        Assert.Equal("R5", refusal.Code);
        Assert.Equal("R5", lockedRefusal?.Code);
        Assert.Null(license.ModificationRefusal());
        Assert.Equal("Mail Scanning, File Scanning", license.RecordSuiteChange(change.ComponentsBefore, change.ComponentsAfter, Someone, Now).Before);
    }

    [Theory]
    [InlineData(Lifecycle.EndOfSale, "End of Sale")]
    [InlineData(Lifecycle.EndOfLife, "End of Life")]
    public void EditRefusal_names_end_of_sale_R4(Lifecycle lifecycle, string name)
    {
        var plan = Plan(_provider);
        plan.MoveLifecycleTo(_provider, lifecycle);

        var refusal = plan.EditRefusal();

        Assert.Equal("R4", refusal?.Code);
        Assert.Equal($"Cloud App Security – 12 months is {name}: it can no longer be edited.", refusal?.Message);
        Assert.Equal(refusal?.Message, Assert.Throws<DomainRuleViolation>(() => plan.Edit(_provider, Definition("Renamed"))).Message);
    }

    [Fact]
    public void EditRefusal_names_the_product_s_end_of_sale_too_R4()
    {
        var plan = Plan(_provider);
        _cloudApp.MarkEndOfSale(Now);

        Assert.Equal("R4", plan.EditRefusal()?.Code);
        Assert.Equal(Lifecycle.Active, plan.Lifecycle);
    }

    [Fact]
    public void EditRefusal_names_the_suite_change_lock_R5()
    {
        var plan = Plan(_provider);
        SuiteCompositionChange.Record(_cloudApp, ["Data Loss Prevention"], [], null, DateOnly.FromDateTime(Now.UtcDateTime), [plan], Someone, Now);

        var refusal = plan.EditRefusal();

        Assert.Equal("R5", refusal?.Code);
        Assert.Contains("Service plan component updates", refusal?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_active_unlocked_plan_has_no_EditRefusal_R4_R5()
    {
        var plan = Plan(_provider);

        Assert.Null(plan.EditRefusal());
        plan.Edit(_provider, Definition("Renamed"));
        Assert.Equal("Renamed", plan.Name);
    }

    [Theory]
    [InlineData(Lifecycle.Active, null, null)]
    [InlineData(Lifecycle.EndOfSale, "Cloud App Security – 12 months is already End of Sale.", null)]
    [InlineData(Lifecycle.EndOfLife, "Cloud App Security – 12 months is already End of Life.", "Cloud App Security – 12 months is already End of Life.")]
    public void A_plan_of_a_retired_product_is_as_retired_as_its_product_and_only_moves_further_R4(Lifecycle product, string? endOfSale, string? endOfLife)
    {
        var plan = Plan(_provider);
        if (product != Lifecycle.Active)
        {
            _cloudApp.MoveLifecycleTo(product, Now);
        }

        Assert.Equal(endOfSale, plan.LifecycleRefusal(Lifecycle.EndOfSale)?.Message);
        Assert.Equal(endOfLife, plan.LifecycleRefusal(Lifecycle.EndOfLife)?.Message);
        Assert.Equal("R4", plan.LifecycleRefusal(Lifecycle.Active)?.Code);
        if (endOfSale is not null)
        {
            Assert.Equal(endOfSale, Assert.Throws<DomainRuleViolation>(() => plan.MarkEndOfSale(_provider)).Message);
            Assert.Equal(Lifecycle.Active, plan.Lifecycle);
        }
    }

    [Fact]
    public void A_product_lifecycle_moves_only_forward_and_End_of_Life_ends_suite_changes_and_new_plans_R4()
    {
        Assert.Null(_cloudApp.LifecycleRefusal(Lifecycle.EndOfSale));
        Assert.Null(_cloudApp.SuiteChangeRefusal());
        Assert.Null(_cloudApp.NewPlanRefusal());
        Assert.Equal("R4", _cloudApp.LifecycleRefusal(Lifecycle.Active)?.Code);

        _cloudApp.MoveLifecycleTo(Lifecycle.EndOfSale, Now);
        Assert.Equal("R4", _cloudApp.LifecycleRefusal(Lifecycle.EndOfSale)?.Code);
        Assert.Null(_cloudApp.LifecycleRefusal(Lifecycle.EndOfLife));
        Assert.Null(_cloudApp.SuiteChangeRefusal());
        Assert.Equal("ProductId", _cloudApp.NewPlanRefusal()?.Field);

        _cloudApp.MoveLifecycleTo(Lifecycle.EndOfLife, Now);
        Assert.Equal("R4", _cloudApp.LifecycleRefusal(Lifecycle.EndOfLife)?.Code);
        Assert.Equal("Cloud App Security has reached End of Life; its suite no longer changes.", _cloudApp.SuiteChangeRefusal()?.Message);
        Assert.Equal(_cloudApp.SuiteChangeRefusal()?.Message, Assert.Throws<DomainRuleViolation>(() =>
            SuiteCompositionChange.Record(_cloudApp, ["Data Loss Prevention"], [], null, DateOnly.FromDateTime(Now.UtcDateTime), [], Someone, Now)).Message);
        Assert.Equal(_cloudApp.NewPlanRefusal()?.Message, Assert.Throws<DomainRuleViolation>(() => Plan(_provider)).Message);
    }
}
