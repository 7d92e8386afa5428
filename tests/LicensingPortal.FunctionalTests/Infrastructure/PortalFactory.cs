using LicensingPortal.Application.Security;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// R25: a customer's own user (created once per customer and role, with the demo password), as its owner would
    /// invite it: its company is the customer's owner, its customer the customer. Returns its email.
    /// </summary>
    public async Task<string> CustomerUserAsync(Guid customerId, string role = Roles.CustomerAdministrator)
    {
        var email = $"{role.Replace(' ', '-').ToLowerInvariant()}.{customerId:N}@customer.example";
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (!await db.Users.AnyAsync(u => u.Email == email))
        {
            var ownerId = await db.Customers.Where(c => c.Id == customerId).Select(c => c.OwnerId).SingleAsync();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var user = new PortalUser
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                Email = email,
                EmailConfirmed = true,
                DisplayName = $"{role} {customerId:N}",
                CompanyId = ownerId,
                CustomerId = customerId,
                CreatedAt = Clock.GetUtcNow(),
            };
            Assert.True((await users.CreateAsync(user, DemoAccounts.Password)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        }

        return email;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
