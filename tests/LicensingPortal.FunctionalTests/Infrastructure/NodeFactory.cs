using LicensingPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LicensingPortal.FunctionalTests.Infrastructure;

/// <summary>One web server ("node") of several sharing one database, as behind a load balancer.</summary>
public sealed class NodeFactory(DatabaseSettings database, bool prepareDatabase, IReadOnlyDictionary<string, string>? settings = null, TimeProvider? clock = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", database.Provider.ToString());
        builder.UseSetting($"ConnectionStrings:{database.Provider}", database.ConnectionString);
        builder.UseSetting("Database:MigrateOnStartup", prepareDatabase ? "true" : "false");
        builder.UseSetting("Database:SeedDemoData", prepareDatabase ? "true" : "false");
        builder.UseSetting("Scheduler:Enabled", "false");
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (clock is not null)
        {
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
            });
        }
    }

    public PortalClient Client() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));
}
