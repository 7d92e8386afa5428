using System.Globalization;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests;

/// <summary>
/// The nightly job's batches write what the domain changed, whatever it changed. On two copies of one database, the
/// batched path and one unit of work per license (EF's change tracker, which saves every property that changed) must
/// leave every row of every table the same. Rows are read with <c>SELECT *</c>: a column the batch leaves out shows,
/// whether or not anyone told this test about it.
/// </summary>
[Trait("Category", "Calendar")]
public abstract class NightlyBatchRowsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = TestToday.Now;
    private static readonly Actor Tester = new(null, "Tester");

    /// <summary>
    /// License properties that neither <see cref="CustomerLicense.ApplyDueChange"/> nor <see cref="CustomerLicense.RenewIfDue"/>
    /// changes. Every other mapped property must change somewhere in the seeded set, or the comparison proves nothing about it.
    /// </summary>
    private static readonly string[] NotChangedAtNight =
        [nameof(CustomerLicense.CustomerId), nameof(CustomerLicense.LicenseType), nameof(CustomerLicense.StartsOn), nameof(CustomerLicense.CreatedAt)];

    private readonly TestClock _clock = new(Now);
    private TestDatabase _batched = null!;
    private TestDatabase _tracked = null!;

    public async ValueTask InitializeAsync()
    {
        _batched = await CreateDatabaseAsync();
        await _batched.MigrateAsync();
        await SeedAsync(_batched);
        _tracked = await _batched.CopyAsync();
        _clock.AdvanceDays(10);
    }

    public async ValueTask DisposeAsync()
    {
        await _batched.DisposeAsync();
        if (_tracked is not null)
        {
            await _tracked.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task The_batched_run_leaves_every_row_as_one_unit_of_work_per_license_would_R7_R23()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPortalDatabase(_batched.Settings)
            .AddSingleton<LicenseScheduler>()
            .BuildServiceProvider();
        var scheduler = services.GetRequiredService<LicenseScheduler>();

        // Batches of four: several batches of due changes share the MSP's pools, and renewals run in several too.
        scheduler.BatchSize = 4;
        var run = await scheduler.RunOnceAsync(cancellationToken);
        var changedByUnitsOfWork = await OneUnitOfWorkPerLicenseAsync(_tracked, cancellationToken);

        Assert.Equal(0, run.BatchesOneByOne);
        Assert.Equal((11, 1), (run.ChangesApplied, run.ChangesRefused));
        Assert.True(run.Renewed > 2 * scheduler.BatchSize, "several batches of renewals");
        await using (var db = _batched.CreateContext())
        {
            var changeable = ChangeableProperties(db.Model).Select(p => p.Name).Except(NotChangedAtNight).Order().ToList();
            Assert.Equal(changeable, changedByUnitsOfWork.Order().ToList());
        }

        await AssertSameRowsAsync(cancellationToken);
    }

    /// <summary>
    /// A renewal that also changed any other mapped property of the license (one a later version may add) is written by
    /// the batch as a unit of work writes it: for each property of the model, a license due for renewal is renewed and has
    /// that property changed as well, then written through <see cref="ChangedRows"/> as the job writes its batches.
    /// </summary>
    [Fact]
    public async Task Whatever_license_column_a_renewal_changes_the_batch_writes_as_a_unit_of_work_would_R7()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var now = _clock.GetUtcNow();
        var newValues = new Dictionary<Guid, (IProperty Property, object? Value)>();
        await using (var db = _batched.CreateContext())
        {
            var all = await db.CustomerLicenses.AsNoTracking().OrderBy(l => l.Id).ToListAsync(cancellationToken);
            var properties = ChangeableProperties(db.Model).ToList();
            var due = await db.CustomerLicenses.AsNoTracking().WithChangeGraph()
                .Where(l => l.AutoRenew && l.ExpiresOn <= _clock.Today && l.LicenseType == LicenseType.Full)
                .OrderBy(l => l.Id).ToListAsync(cancellationToken);
            Assert.True(due.Count >= properties.Count, $"{due.Count} licenses due for renewal, one needed per column ({properties.Count})");
            var changed = new ChangedRows(TableColumns.Changeable<CustomerLicense>(db));
            foreach (var (license, property) in due.Zip(properties))
            {
                var before = changed.Before(license);
                Assert.NotNull(license.RenewIfDue(now));
                var value = OtherValue(property, license, all);
                Set(property, license, value);
                newValues[license.Id] = (property, value);
                Assert.True(changed.After(license, before));
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using (var batch = new StatementBatch(db))
            {
                await changed.UpdateAsync(batch, cancellationToken);
                await batch.FlushAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        await using (var db = _tracked.CreateContext())
        {
            var ids = newValues.Keys.ToList();
            foreach (var license in await db.CustomerLicenses.WithChangeGraph().Where(l => ids.Contains(l.Id)).ToListAsync(cancellationToken))
            {
                Assert.NotNull(license.RenewIfDue(now));
                var (property, value) = newValues[license.Id];
                Set(property, license, value);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        await AssertSameRowsAsync(cancellationToken);
    }

    /// <summary>Every mapped property of the license but the key and the version (which a save moves on itself), from the model.</summary>
    private static IEnumerable<IProperty> ChangeableProperties(IModel model) =>
        model.FindEntityType(typeof(CustomerLicense))!.GetProperties().Where(p => !p.IsPrimaryKey() && !p.IsConcurrencyToken);

    /// <summary>
    /// The unit of work of ADR 0008, one per license: due changes in the job's order (by license id), then the renewals due
    /// after them, each loaded tracked and saved by EF. Returns the license properties EF saw modified.
    /// </summary>
    private async Task<HashSet<string>> OneUnitOfWorkPerLicenseAsync(TestDatabase database, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var today = _clock.Today;
        var modified = new HashSet<string>(StringComparer.Ordinal);
        async Task SaveAsync(PortalDbContext db)
        {
            db.ChangeTracker.DetectChanges();
            modified.UnionWith(db.ChangeTracker.Entries<CustomerLicense>().SelectMany(e => e.Properties).Where(p => p.IsModified).Select(p => p.Metadata.Name));
            await db.SaveChangesAsync(cancellationToken);
        }

        List<Guid> due;
        await using (var db = database.CreateContext())
        {
            due = await db.ScheduledLicenseChanges.Where(c => c.State == ScheduledChangeState.Pending && c.ApplyOn <= today).Select(c => c.LicenseId).ToListAsync(cancellationToken);
        }

        foreach (var licenseId in due.Order())
        {
            await using var db = database.CreateContext();
            var license = await db.CustomerLicenses.WithChangeGraph().SingleAsync(l => l.Id == licenseId, cancellationToken);
            var planId = license.PendingChange!.NewServicePlanId;
            var newPlan = planId is null ? null : await db.ServicePlans.Include(p => p.Product).SingleAsync(p => p.Id == planId, cancellationToken);
            db.LicenseTransactions.Add(license.ApplyDueChange(newPlan, await db.PoolsOfAsync(license.Customer.Owner, cancellationToken), now)!);
            await SaveAsync(db);
        }

        await using (var db = database.CreateContext())
        {
            due = await db.CustomerLicenses.Where(l => l.AutoRenew && l.ExpiresOn <= today && l.LicenseType != LicenseType.Trial).Select(l => l.Id).ToListAsync(cancellationToken);
        }

        foreach (var licenseId in due)
        {
            await using var db = database.CreateContext();
            var license = await db.CustomerLicenses.WithChangeGraph().SingleAsync(l => l.Id == licenseId, cancellationToken);
            if (license.RenewIfDue(now) is { } transaction)
            {
                db.LicenseTransactions.Add(transaction);
                await SaveAsync(db);
            }
        }

        return modified;
    }

    /// <summary>Every table of the model, row by row and column by column, the same in both databases.</summary>
    private async Task AssertSameRowsAsync(CancellationToken cancellationToken)
    {
        await using var batched = _batched.CreateContext();
        await using var tracked = _tracked.CreateContext();
        var tables = batched.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.FindOwnership() is null).DistinctBy(e => (e.GetSchema(), e.GetTableName()));
        foreach (var entityType in tables)
        {
            var expected = await RowsAsync(tracked, entityType, cancellationToken);
            var actual = await RowsAsync(batched, entityType, cancellationToken);
            var missing = expected.Except(actual).ToList();
            var unexpected = actual.Except(expected).ToList();
            Assert.True(missing.Count + unexpected.Count == 0,
                $"{entityType.GetTableName()}: as a unit of work per license leaves them:\n{string.Join('\n', missing)}\nas the batches left them:\n{string.Join('\n', unexpected)}");
        }
    }

    /// <summary>
    /// A table's rows as text, sorted, without the columns that differ by design: the ids of the transactions (new rows on
    /// both sides) and the pools' versions, which count writes (one per unit of work, one per batch that changed the pool).
    /// </summary>
    private static async Task<List<string>> RowsAsync(PortalDbContext db, IEntityType entityType, CancellationToken cancellationToken)
    {
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        string? ColumnOf(IProperty? property) => property?.GetColumnName(table);
        var skipped = entityType.ClrType == typeof(LicenseTransaction) ? ColumnOf(entityType.FindPrimaryKey()!.Properties.Single())
            : entityType.ClrType == typeof(LicensePool) ? ColumnOf(entityType.GetProperties().Single(p => p.IsConcurrencyToken))
            : null;
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT * FROM {db.GetService<ISqlGenerationHelper>().DelimitIdentifier(table.Name, table.Schema)}";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<string>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(string.Join("; ", Enumerable.Range(0, reader.FieldCount).Where(i => reader.GetName(i) != skipped).Select(i => $"{reader.GetName(i)}={Text(reader.GetValue(i))}")));
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static string Text(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => Convert.ToHexString(bytes),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>
    /// A value for <paramref name="property"/> other than the license's, now and as loaded (<paramref name="all"/>): one
    /// another license has (so a key names a row that exists), or else one made from the type.
    /// </summary>
    private static object? OtherValue(IProperty property, CustomerLicense license, List<CustomerLicense> all)
    {
        var getter = property.GetGetter();
        var current = getter.GetClrValueUsingContainingEntity(license);
        var loaded = getter.GetClrValueUsingContainingEntity(all.Single(l => l.Id == license.Id));
        if (all.Select(getter.GetClrValueUsingContainingEntity).FirstOrDefault(v => !Equals(v, current) && !Equals(v, loaded)) is { } other)
        {
            return other;
        }

        return current switch
        {
            null => property.ClrType == typeof(int?) ? 12 : throw new InvalidOperationException($"Teach the test a value for {property.Name} ({property.ClrType})."),
            int i => i + 1,
            bool b => !b,
            DateOnly d => d.AddDays(1),
            DateTimeOffset t => t.AddSeconds(1),
            string s => s + "x",
            Enum e => Enum.GetValues(e.GetType()).Cast<object>().First(v => !v.Equals(e)),
            _ when property.IsForeignKey() => throw new InvalidOperationException($"No other license has another {property.Name}: seed more."),
            _ => throw new InvalidOperationException($"Teach the test a value for {property.Name} ({property.ClrType})."),
        };
    }

    /// <summary>Sets a property as a domain method would, through the member the model maps (a test has no method to call).</summary>
    private static void Set(IProperty property, CustomerLicense license, object? value)
    {
        if (property.PropertyInfo is { } info)
        {
            info.SetValue(license, value);
        }
        else
        {
            property.FieldInfo!.SetValue(license, value);
        }
    }

    /// <summary>
    /// Licenses bought on 12-month plans a year ago less five days, so they expire five days after <see cref="Now"/> and,
    /// with auto-renewal, renew on the run ten days later. An MSP (Remote Manager, pool refill on) has a change due in a
    /// week for each setting a change can set, a change of service level, a units increase its pool refill covers, one
    /// due later and licenses with none; a second MSP without refill has a change its pool cannot cover (refused, R12);
    /// the provider's own customer draws on no pool.
    /// </summary>
    private static async Task SeedAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var today = DateOnly.FromDateTime(Now.UtcDateTime);
        var bought = Now.AddMonths(-12).AddDays(5);
        var provider = Company.CreateProvider("Night Provider", "US", "US", bought);
        var msp = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Night MSP", null, "ops@night.example", null, null, "US", "US"), bought);
        msp.EnableRemoteManager();
        msp.SetLicensePoolRefill(true);
        var strict = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Strict MSP", null, "ops@strict.example", null, null, "US", "US"), bought);
        var product = Product.Create("Night Suite", ["Standard", "Advanced"], addOnName: "Night Add-on");
        var (standard, advanced) = (product.ServiceLevels[0].Id, product.ServiceLevels[1].Id);
        db.AddRange(provider, msp, strict, product);

        LicensePool Pool(Company partner, Guid level, int units)
        {
            var pool = LicensePool.Assign(partner, product, level, LicenseType.Full, units, today.AddYears(-2), today.AddYears(2));
            db.Add(pool);
            return pool;
        }

        ServicePlan Plan(Company owner, string name, Guid level, bool autoRenew)
        {
            var plan = ServicePlan.Create(owner, product, new ServicePlanDefinition(name, level, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 10, autoRenew, true), bought);
            db.Add(plan);
            return plan;
        }

        var customers = 0;
        CustomerLicense Buy(Company owner, ServicePlan plan, LicensePool? pool)
        {
            var customer = Customer.Create(owner, $"Night customer {++customers:D2}", null, "US", bought);
            var (license, purchase) = CustomerLicense.Purchase(customer, plan, 10, pool, Tester, bought);
            db.AddRange(customer, license, purchase);
            return license;
        }

        void Schedule(CustomerLicense license, Func<LicenseSettings, LicenseSettings> settings, ServicePlan? newPlan = null, int inDays = 7) =>
            db.Add(license.Schedule(settings(license.Settings), newPlan, today.AddDays(inDays), Tester, Now));

        var standardPool = Pool(msp, standard, 200);
        var advancedPool = Pool(msp, advanced, 100);
        var renewing = Plan(msp, "Night Standard", standard, autoRenew: true);
        var manual = Plan(msp, "Night Standard manual", standard, autoRenew: false);
        var higher = Plan(msp, "Night Advanced", advanced, autoRenew: true);
        Schedule(Buy(msp, renewing, standardPool), s => s with { Units = 30 });
        Schedule(Buy(msp, renewing, standardPool), s => s with { Units = 5 });
        Schedule(Buy(msp, renewing, standardPool), s => s with { ExpiresOn = today.AddDays(200) });
        Schedule(Buy(msp, renewing, standardPool), s => s with { AutoRenew = false, AutoRenewMonths = null });
        Schedule(Buy(msp, manual, standardPool), s => s with { AutoRenew = true, AutoRenewMonths = 6 });
        Schedule(Buy(msp, renewing, standardPool), s => s with { NotifyDaysBefore = 60 });
        Schedule(Buy(msp, renewing, standardPool), s => s with { ManagedByRemoteManager = false });
        Schedule(Buy(msp, renewing, standardPool), s => s with { AddOnEnabled = true });
        Schedule(Buy(msp, renewing, standardPool), s => s, newPlan: higher);
        Schedule(Buy(msp, renewing, standardPool), s => s with { Units = 200 });
        Schedule(Buy(msp, renewing, standardPool), s => s with { Units = 12 }, inDays: 30);
        Buy(msp, manual, standardPool);
        for (var i = 0; i < 12; i++)
        {
            Buy(msp, i % 2 == 0 ? renewing : higher, i % 2 == 0 ? standardPool : advancedPool);
        }

        var strictPool = Pool(strict, standard, 15);
        var strictPlan = Plan(strict, "Strict Standard", standard, autoRenew: true);
        Schedule(Buy(strict, strictPlan, strictPool), s => s with { Units = 40 });
        Buy(strict, Plan(strict, "Strict Advanced", advanced, autoRenew: true), Pool(strict, advanced, 50));

        var direct = Plan(provider, "Night Direct", standard, autoRenew: true);
        Schedule(Buy(provider, direct, null), s => s with { Units = 50, NotifyDaysBefore = 14 });
        Buy(provider, direct, null);
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteNightlyBatchRowsTests : NightlyBatchRowsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlNightlyBatchRowsTests : NightlyBatchRowsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
