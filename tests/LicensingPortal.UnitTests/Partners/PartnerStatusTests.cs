using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.TestSupport;

namespace LicensingPortal.UnitTests.Partners;

/// <summary>R10–R16 in the domain: the status policy, its transitions, and what each tab's actions refuse.</summary>
public sealed class PartnerStatusTests
{
    private static readonly DateTimeOffset Now = TestToday.Now;
    private static readonly Company Provider = Company.CreateProvider("Northwind", "US", "US", Now);
    private static readonly Product Encryption = Product.Create("Endpoint Encryption", ["Standard"]);

    private static Company Partner(CompanyType type = CompanyType.Msp, PartnerStatus status = PartnerStatus.Active)
    {
        var partner = Company.CreatePartner(Provider, type, new CompanyProfile($"Partner {Guid.NewGuid():N}"[..20], "Pat", "pat@partner.example", null, null, "us", "EU"), Now);
        if (status == PartnerStatus.Suspended)
        {
            partner.Suspend(Now);
        }
        else if (status == PartnerStatus.Canceled)
        {
            partner.Cancel(Now);
        }

        return partner;
    }

    public static TheoryData<PartnerStatus, PartnerArea, bool> Policy()
    {
        var data = new TheoryData<PartnerStatus, PartnerArea, bool>();
        foreach (var status in Enum.GetValues<PartnerStatus>())
        {
            foreach (var area in Enum.GetValues<PartnerArea>())
            {
                var expected = status switch
                {
                    PartnerStatus.Active => true,
                    PartnerStatus.Suspended => area == PartnerArea.Profile,
                    PartnerStatus.Canceled => false,
                    _ => throw new ArgumentOutOfRangeException(nameof(status)),
                };
                data.Add(status, area, expected);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Policy))]
    public void Every_status_allows_exactly_its_areas_R11(PartnerStatus status, PartnerArea area, bool allowed)
    {
        var partner = Partner(status: status);

        Assert.Equal(allowed, partner.Allows(area));
        if (allowed)
        {
            partner.EnsureAllows(area);
        }
        else
        {
            var refusal = Assert.Throws<DomainRuleViolation>(() => partner.EnsureAllows(area));
            Assert.Equal("R11", refusal.Code);
            Assert.Equal(partner.StatusRefusal, refusal.Message);
        }
    }

    [Theory]
    [InlineData(CompanyType.Msp, PartnerArea.ManagementLicenses, true)]
    [InlineData(CompanyType.Msp, PartnerArea.ServicePlans, false)]
    [InlineData(CompanyType.Reseller, PartnerArea.ManagementLicenses, false)]
    [InlineData(CompanyType.Reseller, PartnerArea.ServicePlans, true)]
    [InlineData(CompanyType.Msp, PartnerArea.Licenses, true)]
    [InlineData(CompanyType.Reseller, PartnerArea.Accounts, true)]
    [InlineData(CompanyType.Reseller, PartnerArea.Profile, true)]
    public void Tabs_depend_on_the_partner_type_R10_R13_R14(CompanyType type, PartnerArea tab, bool shown) =>
        Assert.Equal(shown, Partner(type).HasTab(tab));

    [Fact]
    public void A_provider_has_no_partner_tabs_R10() =>
        Assert.All(Enum.GetValues<PartnerArea>(), area => Assert.False(Provider.HasTab(area)));

    [Fact]
    public void Active_to_suspended_to_active_is_recorded_with_the_time_R11()
    {
        var partner = Partner();

        partner.Suspend(Now.AddDays(1));
        Assert.Equal(PartnerStatus.Suspended, partner.Status);
        Assert.Equal(Now.AddDays(1), partner.StatusChangedAt);

        partner.Reactivate(Now.AddDays(2));
        Assert.Equal(PartnerStatus.Active, partner.Status);
        Assert.Equal(Now.AddDays(2), partner.StatusChangedAt);
    }

    [Theory]
    [InlineData(PartnerStatus.Suspended, "already suspended")]
    [InlineData(PartnerStatus.Canceled, "irreversible")]
    public void Suspend_is_refused_unless_active_R11(PartnerStatus status, string why)
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() => Partner(status: status).Suspend(Now));
        Assert.Equal("R11", refusal.Code);
        Assert.Contains(why, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PartnerStatus.Active, "already active")]
    [InlineData(PartnerStatus.Canceled, "irreversible")]
    public void Reactivate_is_refused_unless_suspended_R11(PartnerStatus status, string why)
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() => Partner(status: status).Reactivate(Now));
        Assert.Equal("R11", refusal.Code);
        Assert.Contains(why, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PartnerStatus.Active)]
    [InlineData(PartnerStatus.Suspended)]
    public void Cancel_is_irreversible_and_turns_refill_off_R11(PartnerStatus from)
    {
        var partner = Partner(status: from);
        if (from == PartnerStatus.Active)
        {
            partner.SetLicensePoolRefill(true);
        }

        partner.Cancel(Now.AddDays(3));

        Assert.Equal(PartnerStatus.Canceled, partner.Status);
        Assert.Equal(Now.AddDays(3), partner.CanceledAt);
        Assert.False(partner.LicensePoolRefill);
        Assert.Equal("R11", Assert.Throws<DomainRuleViolation>(() => partner.Cancel(Now.AddDays(4))).Code);
        Assert.Equal("R11", Assert.Throws<DomainRuleViolation>(() => partner.UpdateProfile(Profile("New name"))).Code);
    }

    [Fact]
    public void A_suspended_partners_profile_can_still_change_R11_R16()
    {
        var partner = Partner(status: PartnerStatus.Suspended);

        partner.UpdateProfile(Profile("Renamed while suspended"));

        Assert.Equal("Renamed while suspended", partner.Name);
    }

    [Theory]
    [InlineData(PartnerStatus.Suspended)]
    [InlineData(PartnerStatus.Canceled)]
    public void License_actions_are_refused_unless_active_R11_R12(PartnerStatus status)
    {
        var active = Partner();
        var pool = LicensePool.Assign(active, Encryption, Encryption.ServiceLevels[0].Id, LicenseType.Full, 10, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1));
        if (status == PartnerStatus.Suspended)
        {
            active.Suspend(Now);
        }
        else
        {
            active.Cancel(Now);
        }

        Assert.Equal("R11", Assert.Throws<DomainRuleViolation>(() => pool.AddUnits(active, 5)).Code);
        Assert.Equal("R11", Assert.Throws<DomainRuleViolation>(() => pool.Disable(active)).Code);
        Assert.Equal("R11", Assert.Throws<DomainRuleViolation>(() => active.SetLicensePoolRefill(true)).Code);
        Assert.Equal("R11", Assert.Throws<DomainRuleViolation>(() => LicensePool.Assign(active, Encryption, Encryption.ServiceLevels[0].Id, LicenseType.Full, 1, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1))).Code);
        Assert.Equal("R11", Assert.Throws<DomainRuleViolation>(active.EnableRemoteManager).Code);
        Assert.Equal(10, pool.UnitsTotal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void Assigning_zero_or_negative_units_is_refused_R12(int units)
    {
        var partner = Partner();
        var pool = LicensePool.Assign(partner, Encryption, Encryption.ServiceLevels[0].Id, LicenseType.Full, 10, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1));

        var refusal = Assert.Throws<DomainRuleViolation>(() => pool.AddUnits(partner, units));

        Assert.Equal("Units", refusal.Field);
        Assert.Equal(10, pool.UnitsTotal);
    }

    [Fact]
    public void Disable_licenses_is_for_MSPs_and_needs_free_units_R12()
    {
        var reseller = Partner(CompanyType.Reseller);
        var resellerPool = LicensePool.Assign(reseller, Encryption, Encryption.ServiceLevels[0].Id, LicenseType.Full, 10, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1));
        var msp = Partner();
        var full = LicensePool.Assign(msp, Encryption, Encryption.ServiceLevels[0].Id, LicenseType.Full, 10, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1));
        full.Consume(msp, 10);

        Assert.Contains("MSP", Assert.Throws<DomainRuleViolation>(() => resellerPool.Disable(reseller)).Message, StringComparison.Ordinal);
        Assert.Contains("no free units", Assert.Throws<DomainRuleViolation>(() => full.Disable(msp)).Message, StringComparison.Ordinal);
        Assert.False(full.Disabled);
    }

    [Fact]
    public void Disabled_licenses_can_be_enabled_again_and_take_new_customers_R12()
    {
        var msp = Partner();
        var pool = LicensePool.Assign(msp, Encryption, Encryption.ServiceLevels[0].Id, LicenseType.Full, 10, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1));

        Assert.Contains("not disabled", Assert.Throws<DomainRuleViolation>(() => pool.Enable(msp)).Message, StringComparison.Ordinal);
        pool.Disable(msp);
        Assert.Equal("R12", Assert.Throws<DomainRuleViolation>(() => pool.Consume(msp, 1)).Code);
        pool.Enable(msp);

        Assert.False(pool.Disabled);
        pool.Consume(msp, 1);
        Assert.Equal(1, pool.UnitsUsed);
    }

    [Fact]
    public void Remote_manager_is_for_MSPs_and_pins_the_data_center_R13()
    {
        var reseller = Partner(CompanyType.Reseller);
        var msp = Partner();

        Assert.Equal("R13", Assert.Throws<DomainRuleViolation>(reseller.EnableRemoteManager).Code);
        msp.EnableRemoteManager();
        Assert.True(msp.RemoteManagerEnabled);
        Assert.Equal("R13", Assert.Throws<DomainRuleViolation>(msp.EnableRemoteManager).Code);
        Assert.Equal("R13", Assert.Throws<DomainRuleViolation>(() => msp.UpdateProfile(Profile(msp.Name, dataCenter: "JP"))).Code);
    }

    [Fact]
    public void Remote_manager_can_be_turned_off_which_frees_the_data_center_R13()
    {
        var reseller = Partner(CompanyType.Reseller);
        var msp = Partner();

        Assert.Equal("R13", Assert.Throws<DomainRuleViolation>(msp.DisableRemoteManager).Code); // not enabled
        Assert.Equal("R13", Assert.Throws<DomainRuleViolation>(reseller.DisableRemoteManager).Code);
        msp.EnableRemoteManager();
        msp.DisableRemoteManager();

        Assert.False(msp.RemoteManagerEnabled);
        msp.UpdateProfile(Profile(msp.Name, dataCenter: "JP"));
        Assert.Equal("JP", msp.DataCenter);
    }

    [Fact]
    public void A_suspended_MSP_keeps_its_remote_manager_setting_R11()
    {
        var msp = Partner();
        msp.EnableRemoteManager();
        msp.Suspend(Now);

        Assert.Equal("R11", Assert.Throws<DomainRuleViolation>(msp.DisableRemoteManager).Code);
        Assert.True(msp.RemoteManagerEnabled);
    }

    [Fact]
    public void Plans_go_to_active_resellers_only_and_must_be_the_providers_own_sellable_plans_R14()
    {
        var product = Product.Create("Email Security", ["Standard"]);
        var plan = ServicePlan.Create(Provider, product, Definition(product, "Provider plan"), Now);
        var msp = Partner();
        var reseller = Partner(CompanyType.Reseller);
        var mspPlan = ServicePlan.Create(msp, product, Definition(product, "MSP plan"), Now);

        Assert.Equal("R14", Assert.Throws<DomainRuleViolation>(() => ResellerPlanAssignment.Assign(Provider, msp, plan, [], Now)).Code);
        Assert.Equal("R14", Assert.Throws<DomainRuleViolation>(() => ResellerPlanAssignment.Assign(Provider, reseller, mspPlan, [], Now)).Code);
        Assert.Equal("R14", Assert.Throws<DomainRuleViolation>(() => ResellerPlanAssignment.EnsureRemovable(msp)).Code);
        var assignment = ResellerPlanAssignment.Assign(Provider, reseller, plan, [], Now);
        Assert.Equal(reseller.Id, assignment.ResellerId);

        reseller.Suspend(Now);
        Assert.Equal("R11", Assert.Throws<DomainRuleViolation>(() => ResellerPlanAssignment.Assign(Provider, reseller, plan, [], Now)).Code);
        Assert.Equal("R11", Assert.Throws<DomainRuleViolation>(() => ResellerPlanAssignment.EnsureRemovable(reseller)).Code);
    }

    [Fact]
    public void An_end_of_sale_plan_cannot_be_assigned_to_a_reseller_R4_R14()
    {
        var product = Product.Create("Endpoint Encryption", ["Standard"]);
        var plan = ServicePlan.Create(Provider, product, Definition(product, "Encryption"), Now);
        plan.MarkEndOfSale(Provider);

        var refusal = Assert.Throws<DomainRuleViolation>(() => ResellerPlanAssignment.Assign(Provider, Partner(CompanyType.Reseller), plan, [], Now));

        Assert.Equal("R4", refusal.Code);
        Assert.Contains("End of Sale", refusal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cancel_sets_a_customers_license_to_expire_on_the_cancel_date_with_its_transaction_R11()
    {
        var partner = Partner();
        var product = Product.Create("WFBSS", ["Standard"]);
        var plan = ServicePlan.Create(partner, product, Definition(product, "WFBSS 12"), Now);
        var pool = LicensePool.Assign(partner, product, product.ServiceLevels[0].Id, LicenseType.Full, 100, TestToday.Date.AddYears(-1), TestToday.Date.AddYears(2));
        var customer = Customer.Create(partner, "Acme", null, "US", Now);
        var (license, _) = CustomerLicense.Purchase(customer, plan, 10, pool, new Actor(null, "Test"), Now);

        partner.Cancel(Now.AddDays(10));
        var transaction = license.ExpireBecausePartnerCanceled(Now.AddDays(10), new Actor(null, "Admin"));

        Assert.Equal(TestToday.Date.AddDays(10), license.ExpiresOn);
        Assert.False(license.AutoRenew);
        Assert.NotNull(transaction);
        Assert.Equal(TransactionType.Expiration, transaction.Type);
        Assert.Equal("Admin", transaction.ActorName);
        Assert.False(license.IsRenewable());
    }

    [Theory]
    [InlineData(PartnerStatus.Active, PartnerStatus.Suspended, null)]
    [InlineData(PartnerStatus.Active, PartnerStatus.Canceled, null)]
    [InlineData(PartnerStatus.Active, PartnerStatus.Active, "already active")]
    [InlineData(PartnerStatus.Suspended, PartnerStatus.Active, null)]
    [InlineData(PartnerStatus.Suspended, PartnerStatus.Canceled, null)]
    [InlineData(PartnerStatus.Suspended, PartnerStatus.Suspended, "already suspended")]
    [InlineData(PartnerStatus.Canceled, PartnerStatus.Active, "irreversible")]
    [InlineData(PartnerStatus.Canceled, PartnerStatus.Suspended, "irreversible")]
    [InlineData(PartnerStatus.Canceled, PartnerStatus.Canceled, "already canceled")]
    public void StatusChangeRefusal_names_every_move_the_Profile_tab_may_not_offer_R11(PartnerStatus from, PartnerStatus to, string? why)
    {
        var partner = Partner(status: from);

        var refusal = partner.StatusChangeRefusal(to);

        if (why is null)
        {
            Assert.Null(refusal);
        }
        else
        {
            Assert.Equal("R11", refusal?.Code);
            Assert.Contains(why, refusal!.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_provider_has_no_status_moves_R11() =>
        Assert.All(Enum.GetValues<PartnerStatus>(), to => Assert.Equal("R11", Provider.StatusChangeRefusal(to)?.Code));

    [Theory]
    [InlineData(PartnerStatus.Active, true)]
    [InlineData(PartnerStatus.Suspended, true)]
    [InlineData(PartnerStatus.Canceled, false)]
    public void A_canceled_partner_s_accounts_lose_access_a_suspended_one_s_still_sign_in_R11(PartnerStatus status, bool signsIn)
    {
        Assert.Equal(signsIn, Company.AllowsSignIn(status));
        Assert.Equal(signsIn, Partner(status: status).CanSignIn);
    }

    [Fact]
    public void Assigning_the_same_plan_twice_is_refused_R14()
    {
        var product = Product.Create("Email Security", ["Standard"]);
        var plan = ServicePlan.Create(Provider, product, Definition(product, "Provider plan"), Now);
        var other = ServicePlan.Create(Provider, product, Definition(product, "Other plan"), Now);
        var reseller = Partner(CompanyType.Reseller);
        var elsewhere = ResellerPlanAssignment.Assign(Provider, Partner(CompanyType.Reseller), plan, [], Now);
        var assigned = new[] { ResellerPlanAssignment.Assign(Provider, reseller, plan, [elsewhere], Now) };

        var refusal = Assert.Throws<DomainRuleViolation>(() => ResellerPlanAssignment.Assign(Provider, reseller, plan, assigned, Now));

        Assert.Equal("R14", refusal.Code);
        Assert.Equal($"Provider plan is already assigned to {reseller.Name}.", refusal.Message);
        Assert.Equal("ServicePlanId", refusal.Field);
        Assert.Equal(other.Id, ResellerPlanAssignment.Assign(Provider, reseller, other, assigned, Now).ServicePlanId);
    }

    [Theory]
    [InlineData(Lifecycle.EndOfSale, "End of Sale")]
    [InlineData(Lifecycle.EndOfLife, "End of Life")]
    public void Licenses_of_a_product_no_longer_sold_are_refused_for_a_new_pool_and_by_product_for_an_existing_one_R4(Lifecycle lifecycle, string name)
    {
        var partner = Partner();
        var product = Product.Create("Endpoint Encryption", ["Standard"]);
        var pool = LicensePool.Assign(partner, product, product.ServiceLevels[0].Id, LicenseType.Full, 10, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1));
        product.MoveLifecycleTo(lifecycle, Now);

        var toNewPool = Assert.Throws<DomainRuleViolation>(() => LicensePool.Assign(partner, product, product.ServiceLevels[0].Id, LicenseType.Trial, 5, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1)));
        var toExistingPool = Assert.Throws<DomainRuleViolation>(() => pool.AddUnits(partner, product, 5));

        Assert.All([toNewPool, toExistingPool], refusal =>
        {
            Assert.Equal("R4", refusal.Code);
            Assert.Equal($"Endpoint Encryption is {name}: no new licenses can be assigned.", refusal.Message);
            Assert.Equal("ServiceLevelId", refusal.Field);
        });
        Assert.Equal(10, pool.UnitsTotal);
    }

    [Fact]
    public void A_pool_takes_licenses_of_its_own_product_and_levels_only_R12_R18()
    {
        var partner = Partner();
        var pool = LicensePool.Assign(partner, Encryption, Encryption.ServiceLevels[0].Id, LicenseType.Full, 10, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1));
        var other = Product.Create("Email Security", ["Standard"]);

        Assert.Equal("R12", Assert.Throws<DomainRuleViolation>(() => pool.AddUnits(partner, other, 5)).Code);
        Assert.Equal("R18", Assert.Throws<DomainRuleViolation>(() => LicensePool.Assign(partner, Encryption, other.ServiceLevels[0].Id, LicenseType.Full, 1, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1))).Code);
        pool.AddUnits(partner, Encryption, 5);
        Assert.Equal(15, pool.UnitsTotal);
    }

    private static CompanyProfile Profile(string name, string dataCenter = "EU") =>
        new(name, "Pat", "pat@partner.example", null, null, "US", dataCenter);

    private static ServicePlanDefinition Definition(Product product, string name) =>
        new(name, product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 10, true, false);
}
