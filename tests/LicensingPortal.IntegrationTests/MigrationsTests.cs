using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace LicensingPortal.IntegrationTests;

/// <summary>Each provider's migrations match the model: a model change without `dotnet ef migrations add` fails here.</summary>
public sealed class MigrationsTests
{
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
