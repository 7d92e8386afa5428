using LicensingPortal.Domain.Partners;
using LicensingPortal.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Partners;

internal static class PartnerTestData
{
    public const string ActiveMsp = "Contoso Managed Services";
    public const string ActiveReseller = "Fabrikam Resellers";
    public const string SuspendedMsp = "Litware MSP";
    public const string CanceledReseller = "Tailspin Reseller";

    public static async Task<Company> PartnerAsync(this PortalFactory factory, string name)
    {
        factory.StartServer();
        await using var db = factory.CreateDbContext();
        return await db.Companies.AsNoTracking().SingleAsync(c => c.Name == name);
    }

    /// <summary>A new partner of the demo provider in the given status, created straight in the database.</summary>
    public static async Task<Company> NewPartnerAsync(this PortalFactory factory, CompanyType type, PartnerStatus status)
    {
        factory.StartServer();
        await using var db = factory.CreateDbContext();
        var provider = await db.Companies.SingleAsync(c => c.Type == CompanyType.Provider && c.Name == "Northwind Distribution");
        var now = factory.Clock.GetUtcNow();
        var partner = Company.CreatePartner(provider, type, new CompanyProfile(
            $"Matrix {type} {status} {Guid.NewGuid():N}"[..40], "Test Contact", "contact@matrix.example", null, null, "US", "EU"), now);
        switch (status)
        {
            case PartnerStatus.Suspended:
                partner.Suspend(now);
                break;
            case PartnerStatus.Canceled:
                partner.Cancel(now);
                break;
        }

        db.Companies.Add(partner);
        await db.SaveChangesAsync();
        return partner;
    }

    public static async Task<string> TextAsync(this HttpResponseMessage response) => await response.Content.ReadAsStringAsync();
}
