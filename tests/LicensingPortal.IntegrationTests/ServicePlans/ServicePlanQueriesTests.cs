using LicensingPortal.Application.Common;
using LicensingPortal.Application.Notifications;
using LicensingPortal.Application.ServicePlans;
using LicensingPortal.Application.SuiteChanges;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Domain.SuiteChanges;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LicensingPortal.IntegrationTests.ServicePlans;

/// <summary>The Service Plans queries and the approval on each real provider (SQLite, PostgreSQL).</summary>
public sealed class ServicePlanQueriesTests
{
    private static readonly DateTimeOffset Now = TestToday.Now;

    public static TheoryData<string> Providers => ["Sqlite", "PostgreSql"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Lists_filter_and_approval_work_on_the_provider_and_approval_unlocks_only_the_owner_s_plans_R5(string provider)
    {
        await using var database = provider == "Sqlite" ? TestDatabase.Sqlite() : await TestDatabase.PostgreSqlAsync();
        await database.MigrateAsync();

        var northwind = Company.CreateProvider("Northwind Distribution", "US", "US", Now);
        var contoso = Company.CreatePartner(northwind, CompanyType.Msp, new CompanyProfile("Contoso", null, "ops@contoso.example", null, null, "US", "US"), Now);
        var product = Product.Create("Cloud App Security", ["Standard"], components: ["Mail Scanning", "File Scanning"]);
        var legacy = Product.Create("ServerProtect Legacy", ["Standard"]);
        var level = product.ServiceLevels[0].Id;
        ServicePlan Plan(Company owner, Product p, string name) => ServicePlan.Create(owner, p, new ServicePlanDefinition(
            name, p.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 10, true, false), Now);
        var mspPlan = Plan(contoso, product, "Cloud App Security – 12 months");
        var mspLegacy = Plan(contoso, legacy, "Legacy – 12 months");
        var providerPlan = Plan(northwind, product, "Northwind Cloud App Security");
        var pool = LicensePool.Assign(contoso, product, level, LicenseType.Full, 100, DateOnly.FromDateTime(Now.UtcDateTime).AddYears(-1), DateOnly.FromDateTime(Now.UtcDateTime).AddYears(1));
        var customer = Customer.Create(contoso, "Fjord Analytics", "it@fjord.example", "NO", Now);
        var (license, purchase) = CustomerLicense.Purchase(customer, mspPlan, 30, pool, new Actor(null, "Seed"), Now);
        legacy.MarkEndOfLife(Now);
        var change = SuiteCompositionChange.Record(product, ["Data Loss Prevention"], ["File Scanning"], null, DateOnly.FromDateTime(Now.UtcDateTime), [mspPlan, providerPlan], new Actor(null, "Vendor"), Now);
        await using (var seed = database.CreateContext())
        {
            seed.AddRange(northwind, contoso, product, legacy, mspPlan, mspLegacy, providerPlan, pool, customer, license, purchase, change);
            await seed.SaveChangesAsync();
        }

        var user = new CompanyAdministrator(contoso);
        await using (var db = database.CreateContext())
        {
            var all = await new ListServicePlans(db, user).HandleAsync(new ServicePlanFilter(null, null, null, null, null));
            var locked = await new ListServicePlans(db, user).HandleAsync(new ServicePlanFilter("cloud", product.Id, LicenseType.Full, Lifecycle.Active, true));
            var endOfLife = await new ListServicePlans(db, user).HandleAsync(new ServicePlanFilter(null, null, null, Lifecycle.EndOfLife, null));
            var updates = await new ListComponentUpdates(db, user).HandleAsync();
            var count = (await new NavigationCounts(db, user).HandleAsync()).PendingApprovals;

            Assert.Equal(2, all.Plans.Count);
            Assert.Equal(1, all.Plans.Single(p => p.Id == mspPlan.Id).Customers);
            Assert.Equal(mspPlan.Id, Assert.Single(locked.Plans).Id);
            Assert.Equal(mspLegacy.Id, Assert.Single(endOfLife.Plans).Id);
            Assert.Equal(1, count);
            var pending = Assert.Single(updates.Pending);
            Assert.Equal(1, pending.AffectedCustomers);
            Assert.Equal(mspPlan.Id, Assert.Single(pending.LockedPlans).Id);
        }

        await using (var db = database.CreateContext())
        {
            var result = await new ApproveSuiteChange(db, user, new TestClock(Now)).HandleAsync(change.Id);
            Assert.True(result.Succeeded, result.Message);
        }

        await using (var db = database.CreateContext())
        {
            var again = await new ApproveSuiteChange(db, user, new TestClock(Now)).HandleAsync(change.Id);
            Assert.Equal(ResultKind.Refused, again.Kind);
            Assert.Equal("R5", again.RuleCode);
            Assert.Null(await db.ServicePlans.Where(p => p.Id == mspPlan.Id).Select(p => p.LockedBySuiteChangeId).SingleAsync());
            Assert.Equal(change.Id, await db.ServicePlans.Where(p => p.Id == providerPlan.Id).Select(p => p.LockedBySuiteChangeId).SingleAsync());
            Assert.Equal(1, await db.LicenseTransactions.CountAsync(t => t.Type == TransactionType.SuiteChange && t.LicenseId == license.Id));
            Assert.Equal(0, (await new NavigationCounts(db, user).HandleAsync()).PendingApprovals);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_plans_page_lists_its_first_customers_by_name_and_counts_them_all(string provider)
    {
        await using var database = provider == "Sqlite" ? TestDatabase.Sqlite() : await TestDatabase.PostgreSqlAsync();
        await database.MigrateAsync();
        var northwind = Company.CreateProvider("Northwind Distribution", "US", "US", Now);
        var product = Product.Create("Email Security", ["Standard"]);
        var plan = ServicePlan.Create(northwind, product, new ServicePlanDefinition(
            "Email Basic", product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 10, true, false), Now);
        var seed = new List<object> { northwind, product, plan };
        var extra = GetServicePlan.ListedCustomers + 5;
        for (var i = 0; i < extra; i++)
        {
            // Names out of insertion order, so the page's order comes from the query and not from the table.
            var customer = Customer.Create(northwind, $"Customer {(i * 37) % extra:D3}", null, "US", Now);
            var (license, purchase) = CustomerLicense.Purchase(customer, plan, 5, null, new Actor(null, "Seed"), Now);
            seed.AddRange(customer, license, purchase);
        }

        await using (var db = database.CreateContext())
        {
            db.AddRange(seed);
            await db.SaveChangesAsync();
        }

        await using var read = database.CreateContext();
        var detail = (await new GetServicePlan(read, new CompanyAdministrator(northwind)).HandleAsync(plan.Id)).Value!;

        Assert.Equal(extra, detail.Plan.Customers);
        Assert.Equal(
            Enumerable.Range(0, GetServicePlan.ListedCustomers).Select(i => $"Customer {i:D3}").ToList(),
            detail.Customers.Select(c => c.CustomerName).ToList());
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_duplicate_name_differing_in_case_is_refused_on_the_name_field_R18(string provider)
    {
        await using var database = provider == "Sqlite" ? TestDatabase.Sqlite() : await TestDatabase.PostgreSqlAsync();
        await database.MigrateAsync();
        var northwind = Company.CreateProvider("Northwind Distribution", "US", "US", Now);
        var product = Product.Create("Email Security", ["Standard"]);
        var existing = ServicePlan.Create(northwind, product, new ServicePlanDefinition(
            "Email Basic", product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 10, true, false), Now);
        await using (var seed = database.CreateContext())
        {
            seed.AddRange(northwind, product, existing);
            await seed.SaveChangesAsync();
        }

        await using var db = database.CreateContext();
        var result = await new SaveServicePlan(db, new CompanyAdministrator(northwind), new TestClock(Now), new ServicePlanInputValidator()).HandleAsync(null, Input(
            "EMAIL basic", product.Id, product.ServiceLevels[0].Id, LicenseType.Full, 24, PeriodUnit.Months, 5, false, false, 0));

        Assert.Equal(ResultKind.Invalid, result.Kind);
        Assert.Contains("already have a service plan named", Assert.Single(result.Errors["Name"]), StringComparison.Ordinal);
        Assert.Equal(1, await db.ServicePlans.CountAsync());

        // A race: someone saves "Email Pro" after the use case's check and before its save. The unique
        // index refuses the second insert, and the use case answers with the same field message.
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(options, database.Settings);
        options.AddInterceptors(new SaveFirstElsewhere(async () =>
        {
            await using var other = database.CreateContext();
            other.Companies.Attach(northwind);
            other.Products.Attach(product);
            other.ServicePlans.Add(ServicePlan.Create(northwind, product, new ServicePlanDefinition(
                "email PRO", product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 10, true, false), Now));
            await other.SaveChangesAsync();
        }));
        await using var racing = new PortalDbContext(options.Options);
        var raced = await new SaveServicePlan(racing, new CompanyAdministrator(northwind), new TestClock(Now), new ServicePlanInputValidator()).HandleAsync(null, Input(
            "Email Pro", product.Id, product.ServiceLevels[0].Id, LicenseType.Full, 24, PeriodUnit.Months, 5, false, false, 0));

        Assert.Equal(ResultKind.Invalid, raced.Kind);
        Assert.Contains("already have a service plan named", Assert.Single(raced.Errors["Name"]), StringComparison.Ordinal);
        await using var check = database.CreateContext();
        Assert.Equal(["Email Basic", "email PRO"], (await check.ServicePlans.Select(p => p.Name).ToListAsync()).Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary>Runs <paramref name="first"/> once, just before the context saves.</summary>
    private sealed class SaveFirstElsewhere(Func<Task> first) : SaveChangesInterceptor
    {
        private bool _done;

        public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (!_done)
            {
                _done = true;
                await first();
            }

            return result;
        }
    }

    private static ServicePlanInput Input(string name, Guid productId, Guid levelId, LicenseType type, int length, PeriodUnit unit, int units, bool autoRenew, bool addOn, int version) => new()
    {
        Name = name,
        ProductId = productId,
        ServiceLevelId = levelId,
        LicenseType = type,
        PeriodLength = length,
        PeriodUnit = unit,
        UnitsPerLicense = units,
        AutoRenewDefault = autoRenew,
        AddOnAvailable = addOn,
        Version = version,
    };
}
