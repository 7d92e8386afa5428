using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests;

/// <summary>Finds the demo data's customers and licenses by name.</summary>
internal static class Demo
{
    public static async Task<(Guid CustomerId, Guid LicenseId)> LicenseOfAsync(PortalFactory factory, string customer, string? planStartsWith = null)
    {
        await using var db = factory.CreateDbContext();
        var license = await db.CustomerLicenses.AsNoTracking()
            .Where(l => l.Customer.Name == customer && (planStartsWith == null || l.Plan.Name.StartsWith(planStartsWith)))
            .Select(l => new { l.CustomerId, l.Id })
            .FirstAsync();
        return (license.CustomerId, license.Id);
    }

    public static async Task<Guid> CustomerAsync(PortalFactory factory, string customer)
    {
        await using var db = factory.CreateDbContext();
        return await db.Customers.Where(c => c.Name == customer).Select(c => c.Id).SingleAsync();
    }

    public static async Task<Guid> PlanAsync(PortalFactory factory, string name)
    {
        await using var db = factory.CreateDbContext();
        return await db.ServicePlans.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    public static Task<T> QueryAsync<T>(PortalFactory factory, Func<PortalDbContext, Task<T>> query) => factory.QueryAsync(query);
}
