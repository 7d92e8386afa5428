using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Web.Startup;

public static class DatabaseStartup
{
    /// <summary>Migrates (when <c>Database:MigrateOnStartup</c>) and seeds (when <c>Database:SeedDemoData</c>).</summary>
    public static async Task<bool> PrepareDatabaseAsync(this WebApplication app)
    {
        var settings = app.Services.GetRequiredService<DatabaseSettings>();
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        if (settings.MigrateOnStartup)
        {
            await db.Database.MigrateAsync();
        }

        if (!settings.SeedDemoData)
        {
            return false;
        }

        return await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
    }
}
