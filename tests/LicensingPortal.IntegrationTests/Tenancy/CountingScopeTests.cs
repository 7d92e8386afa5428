using LicensingPortal.Application.Customers;
using LicensingPortal.Application.Dashboard;
using LicensingPortal.Application.Products;
using LicensingPortal.Application.ServicePlans;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.TestSupport;

namespace LicensingPortal.IntegrationTests.Tenancy;

/// <summary>
/// R1 for the figures (dashboard, customers per plan): a provider that is alone in the database counts every row without
/// the tenant joins (TenantScope.CountingScopeAsync); once another provider exists, the same figures must leave that
/// provider's customers, licenses, scheduled changes and transactions out. Each provider's figures are compared with
/// what was seeded for it.
/// </summary>
[Trait("Category", "Calendar")]
public sealed class CountingScopeTests
{
    private static readonly DateTimeOffset Now = TestToday.Now;
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    private sealed record Tree(Company Provider, ServicePlan ProviderPlan);

    public static TheoryData<string> Providers => ["Sqlite", "PostgreSql"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_provider_s_figures_count_its_own_tree_alone_or_beside_another_provider_R1(string provider)
    {
        await using var database = provider == "Sqlite" ? TestDatabase.Sqlite() : await TestDatabase.PostgreSqlAsync();
        await database.MigrateAsync();

        // Northwind: a direct customer and an MSP's customer, 3 licenses on its plan (2 expired, 1 expiring in 20 days), 1 pending change.
        var northwind = await SeedTreeAsync(database, "Northwind", expired: 2, expiringIn20Days: 1, pendingChanges: 1);
        var alone = await FiguresAsync(database, northwind);
        Assert.Equal(new Figures(Customers: 3, Expired: 2, In30: 1, Pending: 1, PlanCustomers: 3, Recent: 4), alone);

        // A second provider with more of everything: Northwind's figures do not move; Adatum's are its own.
        var adatum = await SeedTreeAsync(database, "Adatum", expired: 4, expiringIn20Days: 3, pendingChanges: 2);
        Assert.Equal(alone, await FiguresAsync(database, northwind));
        Assert.Equal(new Figures(Customers: 7, Expired: 4, In30: 3, Pending: 2, PlanCustomers: 7, Recent: 8), await FiguresAsync(database, adatum));
    }

    private sealed record Figures(int Customers, int Expired, int In30, int Pending, int PlanCustomers, int Recent);

    private static async Task<Figures> FiguresAsync(TestDatabase database, Tree tree)
    {
        await using var db = database.CreateContext();
        var user = new CompanyAdministrator(tree.Provider);
        var dashboard = await new GetDashboard(db, user, new TestClock(Now)).HandleAsync();
        var plans = await new ListServicePlans(db, user).HandleAsync(new ServicePlanFilter(null, null, null, null, null));
        var plan = await new GetServicePlan(db, user).HandleAsync(tree.ProviderPlan.Id);
        var customersOnPlan = await new ListCustomers(db, user, new TestClock(Now), new ProductNames(new TestClock(Now))).HandleAsync(new CustomerListQuery(PlanId: tree.ProviderPlan.Id));
        Assert.Equal(plans.Plans.Single(p => p.Id == tree.ProviderPlan.Id).Customers, plan.Value!.Plan.Customers);
        Assert.Equal(plan.Value.Plan.Customers, plan.Value.Customers.Select(c => c.CustomerId).Distinct().Count());
        Assert.Equal(plan.Value.Plan.Customers, customersOnPlan.Rows.Count);
        Assert.Equal(tree.ProviderPlan.Name, customersOnPlan.PlanName);
        return new Figures(
            dashboard.Customers,
            dashboard.Expired,
            dashboard.ExpiringIn30,
            dashboard.PendingScheduledChanges,
            plans.Plans.Single(p => p.Id == tree.ProviderPlan.Id).Customers,
            dashboard.RecentTransactions.Count);
    }

    /// <summary>A provider with a direct customer and an MSP with the rest; one license per customer on the provider's plan, plus one transaction the MSP recorded.</summary>
    private static async Task<Tree> SeedTreeAsync(TestDatabase database, string name, int expired, int expiringIn20Days, int pendingChanges)
    {
        var provider = Company.CreateProvider($"{name} Distribution", "US", "US", Now);
        var msp = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile($"{name} MSP", null, $"ops@{name.ToLowerInvariant()}.example", null, null, "US", "US"), Now);
        var product = Product.Create($"{name} Endpoint Security", ["Standard"]);
        var plan = ServicePlan.Create(provider, product, new ServicePlanDefinition(
            $"{name} Endpoint – 12 months", product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 10, false, false), Now);
        var pool = LicensePool.Assign(msp, product, product.ServiceLevels[0].Id, LicenseType.Full, 100, Today.AddYears(-2), Today.AddYears(1));
        var seed = new List<object> { provider, msp, product, plan, pool };
        var actor = new Actor(null, "Seed");
        for (var i = 0; i < expired + expiringIn20Days; i++)
        {
            var owner = i == 0 ? provider : msp;
            var customer = Customer.Create(owner, $"{name} customer {i}", null, "US", Now.AddDays(-400));
            var (license, purchase) = CustomerLicense.Purchase(customer, plan, 5, owner.IsPartner ? pool : null, actor, Now.AddDays(i < expired ? -400 : -345));
            if (i < pendingChanges)
            {
                seed.Add(license.Schedule(license.Settings with { Units = 6 }, null, Today.AddDays(10), actor, Now));
            }

            seed.AddRange(customer, license, purchase);
        }

        await using var db = database.CreateContext();
        db.AddRange(seed);
        await db.SaveChangesAsync();
        return new Tree(provider, plan);
    }
}
