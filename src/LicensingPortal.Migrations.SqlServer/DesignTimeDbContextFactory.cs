using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LicensingPortal.Migrations.SqlServer;

/// <summary>
/// Lets `dotnet ef` build the model for SqlServer with this project as both target and start-up project:
///   dotnet ef migrations add NAME --project src/LicensingPortal.Migrations.SqlServer
///   ConnectionStrings__SqlServer="..." dotnet ef database update --project src/LicensingPortal.Migrations.SqlServer
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<PortalDbContext>
{
    public PortalDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__SqlServer")
            ?? "Server=localhost;Database=LicensingPortal;Trusted_Connection=True;TrustServerCertificate=True";
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseSetup.Configure(options, new DatabaseSettings(DatabaseProvider.SqlServer, connectionString, MigrateOnStartup: false, SeedDemoData: false));
        return new PortalDbContext(options.Options);
    }
}
