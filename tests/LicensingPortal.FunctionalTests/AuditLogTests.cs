using System.Net;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

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

        Assert.Contains("Signed in", page.QuerySelectorAll("tbody td[data-action=SignIn]").Select(td => td.TextContent));
        Assert.Equal(["Contoso Managed Services"], companies);
    }

    [Fact]
    public async Task Failed_sign_ins_are_recorded_with_the_account_if_there_is_one_and_the_email_typed_if_not()
    {
        var anonymous = PortalClient.Anonymous(factory);
        await anonymous.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = DemoAccounts.MspStaff, ["Password"] = "not-the-password-at-all" });
        await anonymous.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = "nobody@audit.example", ["Password"] = "not-the-password-at-all" });
        await PortalClient.SignedInAsync(factory, DemoAccounts.MspStaff);

        await using var db = factory.CreateDbContext();
        var staff = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.MspStaff, TestContext.Current.CancellationToken);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == "Account" && (e.ActorUserId == staff.Id || e.ActorName == "nobody@audit.example"))
            .ToListAsync(TestContext.Current.CancellationToken);

        Assert.Contains(entries, e => e.Action == "SignInFailed" && e.EntityId == staff.Id.ToString() && e.CompanyId == staff.CompanyId && e.ActorName == staff.DisplayName && e.RequestId is not null);
        Assert.Contains(entries, e => e.Action == "SignIn" && e.EntityId == staff.Id.ToString() && e.CompanyId == staff.CompanyId && e.RequestId is not null);
        Assert.Contains(entries, e => e.Action == "SignInFailed" && e.ActorUserId == null && e.EntityId == null && e.CompanyId == null && e.ActorName == "nobody@audit.example");
    }

    [Fact]
    public async Task A_provider_admin_sees_its_partners_entries()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        var page = await provider.GetPageAsync("/audit?q=PartnerSuspended");

        Assert.Contains("Litware MSP", page.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_log_shows_readable_event_names_and_finds_them_by_either_name()
    {
        var provider = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        var byWords = await provider.GetPageAsync("/audit?q=" + Uri.EscapeDataString("partner suspended"));
        var byCode = await provider.GetPageAsync("/audit?q=PartnerSuspended");

        var actions = byWords.QuerySelectorAll("tbody td[data-action]").Select(td => td.TextContent.Trim()).Distinct().ToList();
        Assert.Equal(["Partner suspended"], actions);
        Assert.Equal(actions, byCode.QuerySelectorAll("tbody td[data-action]").Select(td => td.TextContent.Trim()).Distinct());
        Assert.Equal("Company", byWords.QuerySelector("tbody td[data-action] + td")?.TextContent.Trim());
        Assert.DoesNotContain("PartnerSuspended", byWords.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Roles_without_the_audit_permission_get_404()
    {
        var staff = await PortalClient.SignedInAsync(factory, DemoAccounts.MspStaff);

        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/audit")).StatusCode);
    }
}
