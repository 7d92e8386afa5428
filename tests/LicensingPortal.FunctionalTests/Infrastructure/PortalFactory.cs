using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LicensingPortal.FunctionalTests.Infrastructure;

/// <summary>
/// The real app (Program.cs) on its own SQLite file with the demo data, driven in-process over HTTP.
/// The clock is a <see cref="TestClock"/> the test can move; the background scheduler is off so tests
/// run the job themselves.
/// </summary>
public class PortalFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = TestDatabase.Sqlite();

    public TestClock Clock { get; } = new();

    public DatabaseSettings Database => _database.Settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Sqlite", _database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", "true");
        builder.UseSetting("Database:SeedDemoData", "true");
        builder.UseSetting("Scheduler:Enabled", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    /// <summary>A context on the app's database; starts the app first, so the database is migrated and seeded.</summary>
    public PortalDbContext CreateDbContext()
    {
        StartServer(); // the test server, or Kestrel after UseKestrel

        return _database.CreateContext();
    }

    /// <summary>Runs <paramref name="query"/> on a fresh context of the app's database.</summary>
    public async Task<T> QueryAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var db = CreateDbContext();
        return await query(db);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
