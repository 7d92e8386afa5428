using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.ServicePlans;

/// <summary>Looks up the demo data's companies, products and plans by name.</summary>
internal static class DemoPlans
{
    public const string Msp = "Contoso Managed Services";
    public const string Provider = "Northwind Distribution";
    public const string MspCloudAppPlan = "Cloud App Security – 12 months";
    public const string ProviderCloudAppPlan = "Northwind Cloud App Security – 12 months";

    /// <summary>The app migrates and seeds its database on start: start it before reading the database.</summary>
    public static PortalDbContext StartedDbContext(this PortalFactory factory)
    {
        _ = factory.Server;
        return factory.CreateDbContext();
    }

    public static async Task<Guid> CompanyIdAsync(this PortalFactory factory, string name)
    {
        await using var db = factory.StartedDbContext();
        return await db.Companies.Where(c => c.Name == name).Select(c => c.Id).SingleAsync();
    }

    public static async Task<Guid> PlanIdAsync(this PortalFactory factory, string name)
    {
        await using var db = factory.StartedDbContext();
        return await db.ServicePlans.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    public static async Task<(Guid ProductId, Guid LevelId)> ProductAsync(this PortalFactory factory, string name)
    {
        await using var db = factory.StartedDbContext();
        var product = await db.Products.SingleAsync(p => p.Name == name);
        return (product.Id, product.ServiceLevels[0].Id);
    }
}
