using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;

namespace LicensingPortal.FunctionalTests;

public sealed class AuditLogTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Sign_ins_are_recorded_and_a_partner_admin_sees_only_their_company_R1()
    {
        var msp = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        await PortalClient.SignedInAsync(factory, DemoAccounts.ResellerAdmin);

        var page = await msp.GetPageAsync("/audit");
        var companies = page.QuerySelectorAll("tbody tr td:nth-child(3)").Select(td => td.TextContent.Trim()).Distinct().ToList();

        Assert.Contains("SignIn", page.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Contoso Managed Services"], companies);
    }

    [Fact]
    public async Task A_provider_admin_sees_its_partners_entries()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        var page = await provider.GetPageAsync("/audit?q=PartnerSuspended");

        Assert.Contains("Litware MSP", page.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_without_the_audit_permission_get_404()
    {
        var staff = await PortalClient.SignedInAsync(factory, DemoAccounts.MspStaff);

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/audit")).StatusCode);
    }
}
