using LicensingPortal.Domain.Billing;
using LicensingPortal.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>
/// The demo's statements (R24, Infrastructure/Seeding/DemoBilling): last month Contoso's is being prepared (one line
/// adjusted), Fabrikam's submitted and Litware's rejected; the month before, Contoso's is approved and Fabrikam's
/// completed; Contoso's earlier months are completed.
/// </summary>
internal static class DemoStatements
{
    public const string Contoso = "Contoso Managed Services";
    public const string Fabrikam = "Fabrikam Resellers";
    public const string Litware = "Litware MSP";

    /// <summary>The month before the test day's: the one being reviewed.</summary>
    public static DateOnly LastMonth(this PortalFactory factory) =>
        new DateOnly(factory.Clock.Today.Year, factory.Clock.Today.Month, 1).AddMonths(-1);

    /// <summary>The statement of <paramref name="company"/> for <paramref name="month"/> as stored now.</summary>
    public static async Task<Statement> StatementAsync(this PortalFactory factory, string company, DateOnly month)
    {
        await using var db = factory.CreateDbContext();
        return await db.Statements.AsNoTracking().Include(s => s.Lines)
            .SingleAsync(s => s.Month == month && db.Companies.Any(c => c.Id == s.CompanyId && c.Name == company));
    }
}
