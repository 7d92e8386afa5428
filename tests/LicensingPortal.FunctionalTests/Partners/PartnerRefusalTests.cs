using System.Net;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Partners;

/// <summary>Crafted POSTs and bad input: refused with the rule's message, and nothing changes in the database (R11, R14, R17, R18, R1).</summary>
public sealed class PartnerRefusalTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string Suspended = "Litware MSP is suspended: only its profile can be changed until it is reactivated.";

    /// <summary>A rule code in page text: people read the sentence, the code is for the API's problem details and the tests.</summary>
    private const string RuleCode = @"\(R\d+\)";

    private async Task<(PortalClient Client, string Token)> ProviderAdminAsync()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        return (client, PortalClient.AntiforgeryToken(await client.GetPageAsync("/partners/new")));
    }

    private async Task<(int Pools, int Units, int Audit, int Assignments, int Version)> SnapshotAsync(Guid partnerId)
    {
        await using var db = factory.CreateDbContext();
        return (
            await db.LicensePools.CountAsync(p => p.PartnerId == partnerId),
            await db.LicensePools.Where(p => p.PartnerId == partnerId).SumAsync(p => p.UnitsTotal),
            await db.AuditEntries.CountAsync(a => a.CompanyId == partnerId),
            await db.ResellerPlanAssignments.CountAsync(a => a.ResellerId == partnerId),
            await db.Companies.Where(c => c.Id == partnerId).Select(c => c.Version).SingleAsync());
    }

    private async Task<Guid> ServiceLevelIdAsync(string product)
    {
        await using var db = factory.CreateDbContext();
        var productId = await db.Products.Where(p => p.Name == product).Select(p => p.Id).SingleAsync();
        return await db.ServiceLevels.Where(l => l.ProductId == productId).OrderBy(l => l.Rank).Select(l => l.Id).FirstAsync();
    }

    private async Task<Guid> PlanIdAsync(string name)
    {
        await using var db = factory.CreateDbContext();
        return await db.ServicePlans.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    [Fact]
    public async Task Assigning_licenses_to_a_suspended_partner_is_refused_R11()
    {
        var (client, token) = await ProviderAdminAsync();
        var litware = await factory.PartnerAsync(PartnerTestData.SuspendedMsp);
        var before = await SnapshotAsync(litware.Id);

        var newPool = await client.PostAsync($"/partners/{litware.Id}/licenses/assign", new()
        {
            ["ServiceLevelId"] = (await ServiceLevelIdAsync("Email Security")).ToString(),
            ["LicenseType"] = nameof(LicenseType.Full),
            ["Units"] = "25",
        }, token);
        var refill = await client.PostAsync($"/partners/{litware.Id}/licenses/refill", new() { ["enabled"] = "true", ["version"] = litware.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, token);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, newPool.StatusCode);
        Assert.Contains(Suspended, await newPool.TextAsync(), StringComparison.Ordinal);
        Assert.DoesNotMatch(RuleCode, await newPool.TextAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refill.StatusCode);
        Assert.Contains(Suspended, await refill.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await SnapshotAsync(litware.Id));
    }

    [Fact]
    public async Task A_suspended_partners_accounts_cannot_be_changed_R11()
    {
        var (client, token) = await ProviderAdminAsync();
        var litware = await factory.PartnerAsync(PartnerTestData.SuspendedMsp);
        await using var db = factory.CreateDbContext();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Email == DemoAccounts.SuspendedPartnerAdmin);

        var disable = await client.PostAsync($"/partners/{litware.Id}/accounts/{user.Id}/disable", [], token);
        var add = await client.PostAsync($"/partners/{litware.Id}/accounts", new() { ["Name"] = "New Person", ["Email"] = "new.person@litware-msp.example", ["Roles"] = "Administrator" }, token);

        Assert.Contains(Suspended, await disable.TextAsync(), StringComparison.Ordinal);
        Assert.Contains(Suspended, await add.TextAsync(), StringComparison.Ordinal);
        await using var after = factory.CreateDbContext();
        Assert.False((await after.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id)).IsDisabled);
        Assert.False(await after.Users.AnyAsync(u => u.Email == "new.person@litware-msp.example"));
    }

    [Fact]
    public async Task Nothing_can_be_changed_on_a_canceled_partner_not_even_its_profile_R11()
    {
        var (client, token) = await ProviderAdminAsync();
        var tailspin = await factory.PartnerAsync(PartnerTestData.CanceledReseller);
        var before = await SnapshotAsync(tailspin.Id);
        var version = tailspin.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var profile = await client.PostAsync($"/partners/{tailspin.Id}/profile", new()
        {
            ["Name"] = "Tailspin Renamed",
            ["ContactEmail"] = "x@tailspin.example",
            ["Country"] = "AU",
            ["DataCenter"] = "AU",
            ["Version"] = version,
        }, token);
        var plan = await client.PostAsync($"/partners/{tailspin.Id}/service-plans/assign", new() { ["servicePlanId"] = (await PlanIdAsync("Northwind WFBSS Advanced – 12 months")).ToString() }, token);
        var reactivate = await client.PostAsync($"/partners/{tailspin.Id}/reactivate", new() { ["version"] = version }, token);

        foreach (var response in new[] { profile, plan, reactivate })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Matches(@"Tailspin Reseller (was canceled on [0-9-]+: nothing can be changed|is canceled; cancellation is irreversible)\.", await response.TextAsync());
            Assert.DoesNotMatch(RuleCode, await response.TextAsync());
        }

        Assert.Equal(before, await SnapshotAsync(tailspin.Id));
        Assert.Equal(PartnerStatus.Canceled, (await factory.PartnerAsync(PartnerTestData.CanceledReseller)).Status);
    }

    [Fact]
    public async Task Assigning_a_plan_to_an_MSP_is_refused_R14()
    {
        var (client, token) = await ProviderAdminAsync();
        var contoso = await factory.PartnerAsync(PartnerTestData.ActiveMsp);
        var before = await SnapshotAsync(contoso.Id);

        var response = await client.PostAsync($"/partners/{contoso.Id}/service-plans/assign", new() { ["servicePlanId"] = (await PlanIdAsync("Northwind WFBSS Advanced – 12 months")).ToString() }, token);

        Assert.Contains("Service plans are assigned to resellers only; an MSP builds its own.", await response.TextAsync(), StringComparison.Ordinal);
        Assert.DoesNotMatch(RuleCode, await response.TextAsync());
        Assert.Equal(before, await SnapshotAsync(contoso.Id));
    }

    [Theory]
    [InlineData("Northwind Endpoint Encryption – 12 months", "End of Sale", "R4")]
    [InlineData("Northwind Cloud App Security – 12 months", "locked", "R5")]
    public async Task End_of_sale_or_locked_plans_cannot_be_assigned_to_a_reseller_R14(string planName, string why, string code)
    {
        var (client, token) = await ProviderAdminAsync();
        var fabrikam = await factory.PartnerAsync(PartnerTestData.ActiveReseller);
        var before = await SnapshotAsync(fabrikam.Id);

        var page = await client.GetPageAsync($"/partners/{fabrikam.Id}?tab=service-plans");
        var response = await client.PostAsync($"/partners/{fabrikam.Id}/service-plans/assign", new() { ["servicePlanId"] = (await PlanIdAsync(planName)).ToString() }, token);
        var body = await response.TextAsync();

        Assert.NotNull(page.QuerySelector($"#ServicePlanId option[disabled]"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains(why, body, StringComparison.Ordinal);
        Assert.DoesNotContain($"({code})", body, StringComparison.Ordinal); // the sentence (why) is for people; the code is the API's
        Assert.Equal(before, await SnapshotAsync(fabrikam.Id));
    }

    [Theory]
    [InlineData("0", "Units must be at least 1.")]
    [InlineData("-5", "Units must be at least 1.")]
    [InlineData("", "Units is required.")]
    public async Task Assigning_zero_or_negative_units_gets_a_field_message_R12_R18(string units, string message)
    {
        var (client, token) = await ProviderAdminAsync();
        var contoso = await factory.PartnerAsync(PartnerTestData.ActiveMsp);
        await using var db = factory.CreateDbContext();
        var pool = await db.LicensePools.AsNoTracking().FirstAsync(p => p.PartnerId == contoso.Id);
        var before = await SnapshotAsync(contoso.Id);

        var response = await client.PostAsync($"/partners/{contoso.Id}/licenses/assign", new() { ["PoolId"] = pool.Id.ToString(), ["Units"] = units, ["LicenseType"] = "Full" }, token);
        var page = await PortalClient.ParseAsync(await response.TextAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal(message, page.QuerySelector("[data-valmsg-for=Units]")?.TextContent.Trim());
        Assert.Equal(units, page.QuerySelector("#Units")?.GetAttribute("value") ?? string.Empty);
        Assert.Equal(before, await SnapshotAsync(contoso.Id));
    }

    [Fact]
    public async Task Disabling_a_pool_with_no_free_units_is_refused_R12()
    {
        var (client, token) = await ProviderAdminAsync();
        var contoso = await factory.PartnerAsync(PartnerTestData.ActiveMsp);
        Guid poolId;
        await using (var db = factory.CreateDbContext())
        {
            var partner = await db.Companies.SingleAsync(c => c.Id == contoso.Id);
            var pool = await db.LicensePools.Where(p => p.PartnerId == contoso.Id && p.LicenseType == LicenseType.Nfr).SingleAsync();
            pool.Consume(partner, pool.UnitsFree);
            await db.SaveChangesAsync();
            poolId = pool.Id;
        }

        var response = await client.PostAsync($"/partners/{contoso.Id}/licenses/disable", new() { ["poolIds"] = poolId.ToString() }, token);

        Assert.Contains("These licenses have no free units left to disable.", await response.TextAsync(), StringComparison.Ordinal);
        await using var after = factory.CreateDbContext();
        Assert.False((await after.LicensePools.AsNoTracking().SingleAsync(p => p.Id == poolId)).Disabled);
    }

    [Fact]
    public async Task Creating_a_partner_with_a_duplicate_name_or_bad_fields_saves_nothing_R18()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        await using var db = factory.CreateDbContext();
        var companies = await db.Companies.CountAsync();

        var duplicate = await client.PostFormAsync("/partners/new", "/partners/new", new()
        {
            ["Type"] = "Msp",
            ["Name"] = "contoso MANAGED services",
            ["ContactEmail"] = "a@b.example",
            ["Country"] = "US",
            ["DataCenter"] = "US",
            ["AdminName"] = "Admin",
            ["AdminEmail"] = "admin@new-dup.example",
            ["AdminPassword"] = "a-long-enough-passphrase",
        });
        var invalid = await client.PostFormAsync("/partners/new", "/partners/new", new()
        {
            ["Type"] = "Reseller",
            ["Name"] = "",
            ["ContactEmail"] = "not-an-email",
            ["Country"] = "USA",
            ["DataCenter"] = "US",
            ["AdminName"] = "",
            ["AdminEmail"] = "admin@new-bad.example",
            ["AdminPassword"] = "short",
        });
        var dupPage = await PortalClient.ParseAsync(await duplicate.TextAsync());
        var badPage = await PortalClient.ParseAsync(await invalid.TextAsync());

        Assert.Equal("A partner named \"contoso MANAGED services\" already exists.", dupPage.QuerySelector("[data-valmsg-for=Name]")?.TextContent.Trim());
        Assert.Equal("Name is required.", badPage.QuerySelector("[data-valmsg-for=Name]")?.TextContent.Trim());
        Assert.Equal("Contact email is not a valid email address.", badPage.QuerySelector("[data-valmsg-for=ContactEmail]")?.TextContent.Trim());
        Assert.Equal("Country is a two-letter code, e.g. US or DE.", badPage.QuerySelector("[data-valmsg-for=Country]")?.TextContent.Trim());
        Assert.Equal("Administrator name is required.", badPage.QuerySelector("[data-valmsg-for=AdminName]")?.TextContent.Trim());
        Assert.Contains("at least 12 characters", badPage.QuerySelector("[data-valmsg-for=AdminPassword]")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("not-an-email", badPage.QuerySelector("#ContactEmail")?.GetAttribute("value"));
        await using var after = factory.CreateDbContext();
        Assert.Equal(companies, await after.Companies.CountAsync());
        Assert.False(await after.Users.AnyAsync(u => u.Email!.StartsWith("admin@new-")));
    }

    [Fact]
    public async Task Another_providers_partner_answers_404_R1()
    {
        var (client, token) = await ProviderAdminAsync();
        Guid foreignId;
        await using (var db = factory.CreateDbContext())
        {
            var now = factory.Clock.GetUtcNow();
            var other = Company.CreateProvider("Other Distribution", "DE", "EU", now);
            var foreign = Company.CreatePartner(other, CompanyType.Msp, new CompanyProfile("Foreign MSP", null, "x@foreign.example", null, null, "DE", "EU"), now);
            db.Companies.AddRange(other, foreign);
            await db.SaveChangesAsync();
            foreignId = foreign.Id;
        }

        var page = await client.GetAsync($"/partners/{foreignId}");
        var suspend = await client.PostAsync($"/partners/{foreignId}/suspend", new() { ["version"] = "0" }, token);
        var list = await client.GetPageAsync("/partners?search=foreign");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, suspend.StatusCode);
        Assert.Empty(list.QuerySelectorAll("tr[data-partner]"));
        Assert.Equal(PartnerStatus.Active, (await factory.PartnerAsync("Foreign MSP")).Status);
    }

    [Theory]
    [InlineData(DemoAccounts.MspAdmin)]
    [InlineData(DemoAccounts.ResellerAdmin)]
    public async Task A_partner_user_cannot_reach_the_partners_pages_R1(string email)
    {
        var client = await PortalClient.SignedInAsync(factory, email);
        var contoso = await factory.PartnerAsync(PartnerTestData.ActiveMsp);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/partners")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/partners/{contoso.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_read_only_provider_user_sees_the_partner_but_no_forms()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderSupport);
        var contoso = await factory.PartnerAsync(PartnerTestData.ActiveMsp);

        var page = await client.GetPageAsync($"/partners/{contoso.Id}");

        Assert.NotNull(page.QuerySelector("#pools"));
        Assert.Null(page.QuerySelector("#assign-licenses"));
    }
}
