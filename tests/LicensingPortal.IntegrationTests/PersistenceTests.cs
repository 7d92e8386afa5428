using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Domain.SuiteChanges;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.IntegrationTests;

/// <summary>The same tests on every engine that runs here: a real SQLite file and a real PostgreSQL database.</summary>
[Trait("Category", "Calendar")]
public abstract class PersistenceTests : MigratedDatabaseTests
{
    private static readonly DateTimeOffset Now = TestToday.Now;

    [Fact]
    public async Task A_customer_license_with_its_plan_product_pool_and_pending_change_round_trips()
    {
        var ids = await SeedAsync();

        await using var db = Database.CreateContext();
        var license = await db.CustomerLicenses
            .Include(l => l.Customer).ThenInclude(c => c.Owner)
            .Include(l => l.Plan).ThenInclude(p => p.Product)
            .Include(l => l.ScheduledChanges)
            .SingleAsync(l => l.Id == ids.LicenseId);

        Assert.Equal(12, license.Units);
        Assert.Equal(new LicensePeriod(12, PeriodUnit.Months), license.Plan.Period);
        Assert.Equal(2, license.Plan.Product.ServiceLevels.Count);
        Assert.Equal(DateOnly.FromDateTime(Now.UtcDateTime).AddMonths(1), license.PendingChange?.ApplyOn);
        Assert.Equal(20, license.PendingChange?.Changes.Units);
        Assert.Null(license.PendingChange?.Changes.NotifyDaysBefore);
        Assert.Equal(12, (await db.LicensePools.SingleAsync(p => p.Id == ids.PoolId)).UnitsUsed);
        Assert.Equal(2, await db.LicenseTransactions.CountAsync(t => t.LicenseId == ids.LicenseId));
    }

    [Fact]
    public async Task Transactions_order_by_time_in_the_database()
    {
        var ids = await SeedAsync();

        await using var db = Database.CreateContext();
        var types = await db.LicenseTransactions.Where(t => t.LicenseId == ids.LicenseId).OrderByDescending(t => t.At).Select(t => t.Type).ToListAsync();

        Assert.Equal([TransactionType.ChangeScheduled, TransactionType.NewPurchase], types);
    }

    [Fact]
    public async Task The_second_of_two_concurrent_saves_is_refused_and_the_first_is_kept_R19()
    {
        var ids = await SeedAsync();
        await using var first = Database.CreateContext();
        await using var second = Database.CreateContext();
        var a = await first.Companies.SingleAsync(c => c.Id == ids.PartnerId);
        var b = await second.Companies.SingleAsync(c => c.Id == ids.PartnerId);

        a.SetLicensePoolRefill(true);
        await first.SaveChangesAsync();
        b.UpdateProfile(new CompanyProfile("Renamed MSP", null, "x@example.com", null, null, "US", "US"));

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = Database.CreateContext();
        var stored = await check.Companies.SingleAsync(c => c.Id == ids.PartnerId);
        Assert.True(stored.LicensePoolRefill);
        Assert.Equal("Contoso MSP", stored.Name);
        Assert.Equal(1, stored.Version);
    }

    [Fact]
    public async Task A_form_loaded_before_someone_elses_save_is_refused_by_its_version_R19()
    {
        var ids = await SeedAsync();
        await using (var other = Database.CreateContext())
        {
            var partner = await other.Companies.SingleAsync(c => c.Id == ids.PartnerId);
            partner.SetLicensePoolRefill(true);
            await other.SaveChangesAsync();
        }

        await using var db = Database.CreateContext();
        var loaded = await db.Companies.SingleAsync(c => c.Id == ids.PartnerId);
        db.ExpectVersion(loaded, version: 0);
        loaded.SetLicensePoolRefill(false);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => db.SaveChangesAsync());
    }

    /// <summary>
    /// Every editable entity (every <see cref="Domain.Common.IVersioned"/> the model maps, so a new one is covered
    /// without anyone listing it): two users load it, both save; the second is refused and the first is kept.
    /// </summary>
    [Fact]
    public async Task Every_editable_entity_refuses_the_second_of_two_saves_from_the_same_version_R19()
    {
        await SeedAsync();
        await using var model = Database.CreateContext();
        var editable = model.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && typeof(Domain.Common.IVersioned).IsAssignableFrom(t.ClrType)).ToList();
        Assert.True(editable.Count >= 7, $"Only {editable.Count} editable entities: the model lost its versions.");

        foreach (var type in editable)
        {
            Assert.True(type.FindProperty(nameof(Domain.Common.IVersioned.Version))!.IsConcurrencyToken, $"{type.ClrType.Name}.Version is not a concurrency token.");
            await using var first = Database.CreateContext();
            await using var second = Database.CreateContext();
            var a = await FirstAsync(first, type.ClrType);
            var key = first.Entry(a).Metadata.FindPrimaryKey()!.Properties.Select(p => first.Entry(a).Property(p.Name).CurrentValue).ToArray();
            var b = await second.FindAsync(type.ClrType, key) ?? throw new InvalidOperationException($"{type.ClrType.Name} not found again.");
            var versionBefore = ((Domain.Common.IVersioned)a).Version;

            first.Entry(a).State = EntityState.Modified;
            await first.SaveChangesAsync();
            second.Entry(b).State = EntityState.Modified;

            await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
            await using var check = Database.CreateContext();
            var stored = (Domain.Common.IVersioned)(await check.FindAsync(type.ClrType, key))!;
            Assert.Equal(versionBefore + 1, stored.Version);
        }
    }

    private static async Task<object> FirstAsync(Infrastructure.Persistence.PortalDbContext db, Type type)
    {
        var set = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(type).Invoke(db, null)!;
        return await ((IQueryable<object>)set).FirstOrDefaultAsync() ?? throw new InvalidOperationException($"The seed has no {type.Name}: add one to SeedAsync.");
    }

    [Fact]
    public async Task Plan_names_are_unique_per_owner_ignoring_case()
    {
        var ids = await SeedAsync();
        await using var db = Database.CreateContext();
        var owner = await db.Companies.SingleAsync(c => c.Id == ids.PartnerId);
        var product = await db.Products.SingleAsync(p => p.Id == ids.ProductId);
        db.ServicePlans.Add(ServicePlan.Create(owner, product, new ServicePlanDefinition(
            "WFBSS STANDARD 12", product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 5, true, false), Now));

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task One_approval_per_owner_even_if_two_saves_race_R5()
    {
        var ids = await SeedAsync();
        await using var first = Database.CreateContext();
        await using var second = Database.CreateContext();
        async Task Approve(Infrastructure.Persistence.PortalDbContext db)
        {
            var change = await db.SuiteCompositionChanges.Include(c => c.Approvals).SingleAsync(c => c.Id == ids.SuiteChangeId);
            var owner = await db.Companies.SingleAsync(c => c.Id == ids.PartnerId);
            var plans = await db.ServicePlans.Include(p => p.Product).Where(p => p.OwnerId == owner.Id).ToListAsync();
            change.Approve(owner, plans, new Actor(null, "Admin"), Now);
        }

        await Approve(first);
        await Approve(second);
        await first.SaveChangesAsync();

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => second.SaveChangesAsync());
        await using var check = Database.CreateContext();
        Assert.Equal(1, await check.SuiteChangeApprovals.CountAsync(a => a.SuiteChangeId == ids.SuiteChangeId));
    }

    [Fact]
    public async Task Money_and_dates_of_billing_rows_come_back_exactly_as_saved_R24()
    {
        var ids = await SeedAsync();

        await using var db = Database.CreateContext();
        var statement = await db.Statements.Include(s => s.Lines).SingleAsync(s => s.CompanyId == ids.PartnerId);
        var line = Assert.Single(statement.Lines);
        var price = await db.PlanPrices.SingleAsync();
        var discount = await db.PartnerPrices.SingleAsync();

        Assert.Equal(10.5m, line.MonthlyUnitPrice);      // 126.00 a year, a twelfth a month, unrounded
        Assert.Equal(33.87m, line.Amount);               // 10 × 10.50 × 10/31 = 33.870… → 33.87
        Assert.Equal(33.87m, statement.Total);
        Assert.Equal((new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 10), 10, 31), (line.From, line.To, line.Days, line.DaysInMonth));
        Assert.Equal(126.00m, price.UnitPrice);
        Assert.Equal(12.5m, discount.DiscountPercent);
        Assert.Equal(7, (await db.LicenseUsages.SingleAsync(u => u.LicenseId == ids.LicenseId)).Used);
    }

    private async Task<(Guid PartnerId, Guid ProductId, Guid LicenseId, Guid PoolId, Guid SuiteChangeId)> SeedAsync()
    {
        await using var db = Database.CreateContext();
        var actor = new Actor(Guid.NewGuid(), "Tester");
        var provider = Company.CreateProvider("Northwind", "US", "US", Now);
        var msp = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Contoso MSP", null, "ops@contoso.example", null, null, "US", "US"), Now);
        var product = Product.Create("WFBSS", ["Standard", "Advanced"], supportsPlanSwitching: true);
        var other = Product.Create("Cloud App Security", ["Standard"]);
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var pool = LicensePool.Assign(msp, product, product.ServiceLevels[0].Id, LicenseType.Full, 100, today.AddYears(-1), today.AddYears(1));
        var plan = ServicePlan.Create(msp, product, new ServicePlanDefinition("WFBSS Standard 12", product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 10, true, false), Now);
        var otherPlan = ServicePlan.Create(msp, other, new ServicePlanDefinition("CAS 12", other.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 10, true, false), Now);
        var customer = Customer.Create(msp, "Acme Dental", null, "US", Now);
        var (license, purchase) = CustomerLicense.Purchase(customer, plan, 12, pool, actor, Now);
        var scheduled = license.Schedule(license.Settings with { Units = 20 }, null, today.AddMonths(1), actor, Now.AddMinutes(1));
        var change = SuiteCompositionChange.Record(other, ["DLP"], [], null, today, [otherPlan], actor, Now);
        db.AddRange(provider, msp, product, other, pool, plan, otherPlan, customer, license, change);
        db.LicenseTransactions.AddRange(purchase, scheduled);

        // The editable things around the licenses: an account's notification and its email, a template, an API key, a webhook.
        var user = new Infrastructure.Identity.PortalUser { Id = Guid.CreateVersion7(), UserName = "ops@contoso.example", Email = "ops@contoso.example", DisplayName = "Ops", CompanyId = msp.Id };
        var notification = Domain.Notifications.Notification.Create(user.Id, msp.Id, Domain.Notifications.NotificationKind.LicenseExpired, $"LicenseExpired:{license.Id}", "Expired", "/", Now);
        db.Users.Add(user);
        db.AddRange(
            notification,
            Domain.Notifications.OutboxEmail.For(notification, "ops@contoso.example", new Domain.Notifications.RenderedMessage("Expired", "Expired"), Now),
            Domain.Notifications.NotificationTemplate.Create(provider.Id, Domain.Notifications.NotificationKind.LicenseExpired, "Expired: {customer}", "{customer}'s license expired.", Now),
            Domain.ApiKeys.ApiKey.Create(msp.Id, "Integration", "Administrator", "Ops", Now).Key);

        // A webhook endpoint and one of its deliveries.
        var endpoint = Domain.Webhooks.WebhookEndpoint.Create(msp.Id, new Uri("https://hooks.contoso.example/in"), Domain.Webhooks.WebhookEvents.LicenseChanged, null, "protected", "Ops", Now);
        db.AddRange(endpoint, Domain.Webhooks.WebhookDelivery.Create(endpoint, Domain.Webhooks.WebhookEvents.LicenseChanged, $"license.changed:{purchase.Id:N}", Now, id => "{}", Now));

        // R24: a price, a partner's discount, a day of usage and a statement with a line of December (10 units × 126.00/12 × 10/31).
        var priceDay = new DateOnly(2026, 1, 1); // fixed: the December line below must not depend on the day the tests run
        var price = Domain.Billing.PlanPrice.Set(provider.Id, plan.Id, Domain.Billing.BillingPeriod.Yearly, 126.00m, priceDay, Domain.Billing.Currency.Usd, priceDay, Now);
        var statement = Domain.Billing.Statement.Open(provider.Id, msp.Id, priceDay, Domain.Billing.Currency.Usd);
        var december = new DateOnly(2026, 12, 1);
        var charge = Domain.Billing.Proration.Month(license.Id, december, [new Domain.Billing.LicenseState(december, plan.Id, 10, true), new Domain.Billing.LicenseState(december.AddDays(10), plan.Id, 10, false)],
            new Dictionary<DateOnly, int>(), _ => Domain.Billing.ChargingPolicy.Provisioned, new Domain.Billing.PriceBook([price]), Domain.Billing.Currency.Usd);
        statement.Refresh(charge.Select(c => (Func<Guid, Domain.Billing.StatementLine>)(id => Domain.Billing.StatementLine.Of(id, c, customer.Id, customer.Name, plan.Name))));
        db.AddRange(
            price,
            Domain.Billing.PartnerPrice.Discount(msp.Id, null, 12.5m, priceDay, priceDay, Now),
            Domain.Billing.LicenseUsage.First(license.Id, priceDay, 7, priceDay, Now),
            statement,
            Domain.Branding.CompanyBrand.Create(msp.Id, "MSP", "#0b5394", null, Now),
            Domain.SignInPolicies.SignInPolicy.Create(msp.Id, new Domain.SignInPolicies.SignInSettings(Domain.SignInPolicies.TwoFactorRequirement.Administrators, 30, 12, false), null, null, Now),
            Domain.SingleSignOn.CompanyIdentityProvider.Create(
                msp.Id, new Domain.SingleSignOn.IdentityProviderSettings("https://login.persistence.example", "portal", "persistence.example", true, false, null, null), "protected", LicensingPortal.Application.Security.Roles.All, Now),
            Domain.Support.SupportSession.Start(Guid.CreateVersion7(), "Support", provider.Id, msp.Id, CompanyType.Msp, "Contoso MSP", msp.Id, "Ticket 1", 30, Now),
            Domain.LicenseRequests.LicenseRequest.Create(license, Domain.LicenseRequests.LicenseRequestKind.Units, 15, null, null, "More seats", null, actor, Now));
        await db.SaveChangesAsync();
        return (msp.Id, product.Id, license.Id, pool.Id, change.Id);
    }
}

public sealed class SqlitePersistenceTests : PersistenceTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlPersistenceTests : PersistenceTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}

/// <summary>Runs only where a SQL Server is given (ConnectionStrings__SqlServer); CI has none and filters this category out.</summary>
[Trait("Category", "LiveSqlServer")]
public sealed class SqlServerPersistenceTests : PersistenceTests
{
    protected override async Task<TestDatabase> CreateDatabaseAsync() =>
        await TestDatabase.SqlServerAsync();
}
