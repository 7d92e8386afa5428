using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LicensingPortal.Migrations.Sqlite;

/// <summary>
/// Lets `dotnet ef` build the model for Sqlite with this project as both target and start-up project:
///   dotnet ef migrations add NAME --project src/LicensingPortal.Migrations.Sqlite
///   ConnectionStrings__Sqlite="..." dotnet ef database update --project src/LicensingPortal.Migrations.Sqlite
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Sqlite")
            ?? "Data Source=design-time.db";
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(options, new DatabaseSettings(DatabaseProvider.Sqlite, connectionString, MigrateOnStartup: false, SeedDemoData: false));
        return new PortalDbContext(options.Options);
    }
}
