using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LicensingPortal.IntegrationTests;

/// <summary>Each provider's migrations match the model: a model change without `dotnet ef migrations add` fails here.</summary>
public sealed class MigrationsTests
{
    /// <summary>R26 (SupportAccessAndAuditOrigin): the audit entries' origin columns and the support sessions, in models before it.</summary>
    internal static void IgnoreSupportAccess(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<AuditEntry>().Ignore(a => a.ClientIp).Ignore(a => a.Channel).Ignore(a => a.ActingAsCompanyId);
        modelBuilder.Ignore<Domain.Support.SupportSession>();
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=:memory:")]
    [InlineData(DatabaseProvider.SqlServer, "Server=localhost;Database=LicensingPortal;Trusted_Connection=True;TrustServerCertificate=True")]
    [InlineData(DatabaseProvider.PostgreSql, "Host=localhost;Database=licensing_portal;Username=postgres;Password=postgres")]
    public void The_model_has_no_changes_missing_from_the_migrations(DatabaseProvider provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(options, new DatabaseSettings(provider, connectionString, false, false));
        using var db = new PortalDbContext(options.Options);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(), $"{provider}: the model changed; run dotnet ef migrations add for src/LicensingPortal.Migrations.{provider}.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void The_list_pages_indexes_exist_in_every_provider(DatabaseProvider provider)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(options, new DatabaseSettings(provider, provider == DatabaseProvider.Sqlite ? "Data Source=:memory:" : "Host=x", false, false));
        using var db = new PortalDbContext(options.Options);
        var model = db.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model;

        var customerIndexes = model.FindEntityType(typeof(LicensingPortal.Domain.Customers.Customer))!.GetIndexes()
            .Select(i => string.Join(",", i.Properties.Select(p => p.Name)));
        Assert.Contains("OwnerId,NormalizedName,Id", customerIndexes);
    }

    /// <summary>The nightly job updates ~6% of the licenses: autovacuum must follow it, not wait for 20% (migration LicensesAutovacuum).</summary>
    [Fact]
    public async Task PostgreSQL_vacuums_the_licenses_after_each_nightly_run()
    {
        await using var database = await TestDatabase.PostgreSqlAsync();
        await database.MigrateAsync();
        await using var db = database.CreateContext();

        var options = await db.Database.SqlQueryRaw<string>(
            "SELECT unnest(reloptions) AS \"Value\" FROM pg_class WHERE relname = 'CustomerLicenses'").ToListAsync();

        Assert.Contains("autovacuum_vacuum_scale_factor=0.01", options);
        Assert.Contains("autovacuum_analyze_scale_factor=0.02", options);
    }
}

/// <summary>
/// R23: pending changes written before a change carried only its own settings (full snapshots) are migrated
/// to the settings they change: a value equal to the license's own becomes "leave as it is".
/// </summary>
[Trait("Category", "Calendar")]
public sealed class ScheduledChangeDeltaMigrationTests
{
    [Fact]
    public Task A_full_snapshot_pending_change_keeps_only_what_it_changes_on_SQLite_R23() => MigrateSnapshotAsync(TestDatabase.Sqlite());

    [Fact]
    public async Task A_full_snapshot_pending_change_keeps_only_what_it_changes_on_PostgreSQL_R23() => await MigrateSnapshotAsync(await TestDatabase.PostgreSqlAsync());

    private static async Task MigrateSnapshotAsync(TestDatabase database)
    {
        await using var _ = database;
        var now = TestToday.Now;
        var today = TestToday.Date;
        Guid licenseId;
        int units;
        await using (var migrating = database.CreateContext())
        {
            var migrations = migrating.Database.GetMigrations().ToList();
            var delta = migrations.FindIndex(m => m.EndsWith("_ScheduledChangeDeltaAndOneTimeCodes", StringComparison.Ordinal));
            await migrating.GetService<IMigrator>().MigrateAsync(migrations[delta - 1]);
        }

        // The rows as that schema held them: today's model without what later migrations added.
        var before = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(before, database.Settings);
        before.ReplaceService<IModelCustomizer, ModelBeforeBilling>();
        await using (var db = new PortalDbContext(before.Options))
        {

            var provider = Company.CreateProvider("Provider", "US", "US", now);
            var msp = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("MSP", null, "ops@msp.example", null, null, "US", "US"), now);
            var product = Product.Create("Product", ["Standard"]);
            var pool = LicensePool.Assign(msp, product, product.ServiceLevels[0].Id, LicenseType.Full, 100, today.AddYears(-1), today.AddYears(2));
            var plan = ServicePlan.Create(msp, product, new ServicePlanDefinition("Plan", product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 10, true, false), now);
            var customer = Customer.Create(msp, "Customer", null, "US", now);
            var (license, _) = CustomerLicense.Purchase(customer, plan, 6, pool, new Actor(null, "Tester"), now);
            license.Schedule(license.Settings with { Units = 7 }, null, today.AddDays(7), new Actor(null, "Tester"), now);

            // As the old schema stored it: every setting, the unchanged ones equal to the license's.
            var snapshot = license.Settings with { Units = 7 };
            typeof(ScheduledLicenseChange).GetProperty(nameof(ScheduledLicenseChange.Changes))!.SetValue(license.PendingChange, new LicenseSettingsChange(
                snapshot.Units, snapshot.ExpiresOn, snapshot.AutoRenew, snapshot.AutoRenewMonths, snapshot.NotifyDaysBefore, snapshot.ManagedByRemoteManager, snapshot.AddOnEnabled));
            db.AddRange(provider, msp, product, pool, plan, customer, license);
            await db.SaveChangesAsync();
            licenseId = license.Id;
            units = license.Units;
        }

        await database.MigrateAsync();

        await using (var db = database.CreateContext())
        {
            var pending = await db.ScheduledLicenseChanges.AsNoTracking().SingleAsync(c => c.LicenseId == licenseId);
            Assert.Equal(new LicenseSettingsChange(Units: 7), pending.Changes);
            Assert.Equal(6, units);
        }
    }

    /// <summary>The model before BillingCore (R24): a column or table added by a later migration is left out here too.</summary>
    private sealed class ModelBeforeBilling(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Entity<Company>().Ignore(c => c.BillingCurrency).Ignore(c => c.StatementDeadlineDay).Ignore(c => c.ShowPricesToCustomers);
            modelBuilder.Entity<PortalUser>().Ignore(u => u.CustomerId);
            modelBuilder.Entity<ServicePlan>().Ignore(p => p.ChargingPolicy);
            modelBuilder.Entity<LicenseTransaction>().Ignore(t => t.ServicePlanId).Ignore(t => t.Units).Ignore(t => t.ExpiresOn);
            modelBuilder.Ignore<Domain.Billing.StatementLine>();
            modelBuilder.Ignore<Domain.Billing.Statement>();
            modelBuilder.Ignore<Domain.Billing.PlanPrice>();
            modelBuilder.Ignore<Domain.Billing.PartnerPrice>();
            modelBuilder.Ignore<Domain.Billing.LicenseUsage>();
            modelBuilder.Ignore<Domain.Billing.OverProvisionedDay>();
            modelBuilder.Ignore<CompanyStatusChange>();
            modelBuilder.Ignore<Domain.LicenseRequests.LicenseRequest>();
            modelBuilder.Ignore<Domain.Branding.CompanyBrand>();
            modelBuilder.Ignore<Domain.SingleSignOn.IdentityProviderDomain>();
            modelBuilder.Ignore<Domain.SingleSignOn.CompanyIdentityProvider>();
            modelBuilder.Ignore<Domain.SignInPolicies.SignInPolicy>();
            modelBuilder.Entity<Domain.ApiKeys.ApiKey>().Ignore(k => k.CustomerId);
            MigrationsTests.IgnoreSupportAccess(modelBuilder);
        }
    }
}

/// <summary>
/// R24: partners suspended, reactivated or canceled before their status history was kept get it from their audit
/// entries, and a partner whose status moved with no audit entry gets its status now, from when it last changed.
/// </summary>
public sealed class PartnerStatusHistoryMigrationTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public Task The_audited_moves_and_the_unaudited_status_become_the_history_on_SQLite_R24() => MigrateAsync(TestDatabase.Sqlite());

    [Fact]
    public async Task The_audited_moves_and_the_unaudited_status_become_the_history_on_PostgreSQL_R24() => await MigrateAsync(await TestDatabase.PostgreSqlAsync());

    private static async Task MigrateAsync(TestDatabase database)
    {
        await using var _ = database;
        await using (var migrating = database.CreateContext())
        {
            var migrations = migrating.Database.GetMigrations().ToList();
            var history = migrations.FindIndex(m => m.EndsWith("_PartnerStatusHistory", StringComparison.Ordinal));
            await migrating.GetService<IMigrator>().MigrateAsync(migrations[history - 1]);
        }

        var before = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(before, database.Settings);
        before.ReplaceService<IModelCustomizer, ModelBeforeStatusHistory>();
        Company audited, unaudited, canceled, active;
        await using (var db = new PortalDbContext(before.Options))
        {
            var provider = Company.CreateProvider("Provider", "US", "US", Start);
            Company Partner(string name) => Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile(name, null, "ops@partner.example", null, null, "US", "US"), Start);
            (audited, unaudited, canceled, active) = (Partner("Audited"), Partner("Unaudited"), Partner("Canceled"), Partner("Active"));
            var actor = new Actor(null, "Tester");
            AuditEntry Audit(Company partner, string action, int day) =>
                AuditEntry.Record(action, nameof(Company), partner.Id.ToString(), partner.Id, actor, Start.AddDays(day), null, null);
            audited.Suspend(Start.AddDays(1));
            audited.Reactivate(Start.AddDays(2));
            audited.Suspend(Start.AddDays(3));
            unaudited.Suspend(Start.AddDays(4));
            canceled.Cancel(Start.AddDays(5));
            db.AddRange(provider, audited, unaudited, canceled, active);
            db.AuditEntries.AddRange(
                Audit(audited, "PartnerSuspended", 1), Audit(audited, "PartnerReactivated", 2), Audit(audited, "PartnerSuspended", 3),
                Audit(canceled, "PartnerCanceled", 5), Audit(active, "PartnerCreated", 0));
            await db.SaveChangesAsync();
        }

        await database.MigrateAsync();

        await using var check = database.CreateContext();
        var rows = (await check.CompanyStatusChanges.AsNoTracking().ToListAsync()).OrderBy(r => r.At).Select(r => (r.CompanyId, r.Status, r.At));
        Assert.Equal(
            [
                (audited.Id, PartnerStatus.Suspended, Start.AddDays(1)), (audited.Id, PartnerStatus.Active, Start.AddDays(2)), (audited.Id, PartnerStatus.Suspended, Start.AddDays(3)),
                (unaudited.Id, PartnerStatus.Suspended, Start.AddDays(4)), (canceled.Id, PartnerStatus.Canceled, Start.AddDays(5)),
            ],
            rows);
    }

    /// <summary>The model before PartnerStatusHistory: no status history, no suspended lines.</summary>
    private sealed class ModelBeforeStatusHistory(ModelCustomizerDependencies dependencies) : RelationalModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.Ignore<CompanyStatusChange>();
            modelBuilder.Entity<Domain.Billing.StatementLine>().Ignore(l => l.PartnerSuspended);
            modelBuilder.Entity<Company>().Ignore(c => c.ShowPricesToCustomers);
            modelBuilder.Entity<PortalUser>().Ignore(u => u.CustomerId);
            modelBuilder.Ignore<Domain.LicenseRequests.LicenseRequest>();
            modelBuilder.Entity<Domain.ApiKeys.ApiKey>().Ignore(k => k.CustomerId);
            MigrationsTests.IgnoreSupportAccess(modelBuilder);
        }
    }
}
