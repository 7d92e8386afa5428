using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LicensingPortal.Migrations.PostgreSql;

/// <summary>
/// Lets `dotnet ef` build the model for PostgreSql with this project as both target and start-up project:
///   dotnet ef migrations add NAME --project src/LicensingPortal.Migrations.PostgreSql
///   ConnectionStrings__PostgreSql="..." dotnet ef database update --project src/LicensingPortal.Migrations.PostgreSql
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__PostgreSql")
            ?? "Host=localhost;Database=licensing_portal;Username=postgres;Password=postgres";
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(options, new DatabaseSettings(DatabaseProvider.PostgreSql, connectionString, MigrateOnStartup: false, SeedDemoData: false));
        return new PortalDbContext(options.Options);
    }
}
