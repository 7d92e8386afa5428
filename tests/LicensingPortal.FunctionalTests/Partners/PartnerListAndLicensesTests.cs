using System.Net;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Partners;

/// <summary>The partners list (search, filters, sort) and the Licenses / Management Licenses tabs doing their job (R12, R13).</summary>
public sealed class PartnerListAndLicensesTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string[] Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#partners tr[data-partner]").Select(r => r.GetAttribute("data-partner")!).ToArray();

    [Fact]
    public async Task The_list_searches_filters_and_sorts_by_customers()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        var all = await client.GetPageAsync("/partners");
        var search = await client.GetPageAsync("/partners?search=WARE");
        var suspended = await client.GetPageAsync("/partners?status=Suspended");
        var resellers = await client.GetPageAsync("/partners?type=Reseller");
        var byCustomers = await client.GetPageAsync("/partners?sort=CustomersDesc");

        Assert.Equal([PartnerTestData.ActiveMsp, PartnerTestData.ActiveReseller, PartnerTestData.SuspendedMsp, PartnerTestData.CanceledReseller], Names(all).Where(n => !n.StartsWith("Matrix", StringComparison.Ordinal)));
        Assert.Equal([PartnerTestData.SuspendedMsp], Names(search));
        Assert.Equal([PartnerTestData.SuspendedMsp], Names(suspended).Where(n => !n.StartsWith("Matrix", StringComparison.Ordinal))); // other tests of the class add partners
        Assert.Equal([PartnerTestData.ActiveReseller, PartnerTestData.CanceledReseller], Names(resellers).Where(n => !n.StartsWith("Matrix", StringComparison.Ordinal)));
        Assert.All(Names(resellers), n => Assert.DoesNotContain("Msp", n, StringComparison.Ordinal));
        var counts = byCustomers.QuerySelectorAll("#partners [data-customers]").Select(c => int.Parse(c.TextContent, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(counts.OrderDescending(), counts);
        Assert.Equal(PartnerTestData.ActiveMsp, Names(byCustomers)[0]);
    }

    [Fact]
    public async Task Assign_licenses_adds_units_to_a_pool_or_creates_one_and_is_audited_R12()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var contoso = await factory.PartnerAsync(PartnerTestData.ActiveMsp);
        await using var db = factory.CreateDbContext();
        var pool = await db.LicensePools.AsNoTracking().Where(p => p.PartnerId == contoso.Id && p.LicenseType == LicenseType.Full).OrderBy(p => p.UnitsTotal).FirstAsync();
        var cloudApp = await db.Products.AsNoTracking().SingleAsync(p => p.Name == "Cloud App Security");
        var level = await db.ServiceLevels.AsNoTracking().SingleAsync(l => l.ProductId == cloudApp.Id);
        var page = await client.GetPageAsync($"/partners/{contoso.Id}?tab=licenses");
        var token = PortalClient.AntiforgeryToken(page);

        var added = await client.PostAsync($"/partners/{contoso.Id}/licenses/assign", new() { ["PoolId"] = pool.Id.ToString(), ["Units"] = "15", ["LicenseType"] = "Full" }, token);
        var created = await client.PostAsync($"/partners/{contoso.Id}/licenses/assign", new() { ["ServiceLevelId"] = level.Id.ToString(), ["LicenseType"] = "Nfr", ["Units"] = "5" }, token);

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using var after = factory.CreateDbContext();
        Assert.Equal(pool.UnitsTotal + 15, (await after.LicensePools.AsNoTracking().SingleAsync(p => p.Id == pool.Id)).UnitsTotal);
        var newPool = await after.LicensePools.AsNoTracking().SingleAsync(p => p.PartnerId == contoso.Id && p.ServiceLevelId == level.Id && p.LicenseType == LicenseType.Nfr);
        Assert.Equal(5, newPool.UnitsTotal);
        Assert.Equal(2, await after.AuditEntries.CountAsync(a => a.CompanyId == contoso.Id && a.Action == "LicensesAssigned"));
    }

    [Fact]
    public async Task Disable_licenses_stops_new_assignments_but_customers_keep_theirs_R12()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var contoso = await factory.PartnerAsync(PartnerTestData.ActiveMsp);
        await using var db = factory.CreateDbContext();
        var pool = await db.LicensePools.AsNoTracking().Where(p => p.PartnerId == contoso.Id && p.UnitsUsed > 0 && p.UnitsTotal > p.UnitsUsed && !p.Disabled).FirstAsync();
        var page = await client.GetPageAsync($"/partners/{contoso.Id}?tab=licenses");

        var none = await client.PostAsync($"/partners/{contoso.Id}/licenses/disable", [], PortalClient.AntiforgeryToken(page));
        var form = PortalClient.FormValues(page, "#disable-licenses");
        form["poolIds"] = pool.Id.ToString();
        var disabled = await client.PostAsync($"/partners/{contoso.Id}/licenses/disable", form, PortalClient.AntiforgeryToken(page));

        Assert.Contains("Select the licenses to disable.", await none.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        await using var after = factory.CreateDbContext();
        var saved = await after.LicensePools.AsNoTracking().SingleAsync(p => p.Id == pool.Id);
        Assert.True(saved.Disabled);
        Assert.Equal(pool.UnitsUsed, saved.UnitsUsed);
        var partner = await after.Companies.SingleAsync(c => c.Id == contoso.Id);
        var tracked = await after.LicensePools.SingleAsync(p => p.Id == pool.Id);
        Assert.Contains("disabled", Assert.Throws<LicensingPortal.Domain.Common.DomainRuleViolation>(() => tracked.Consume(partner, 1)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enable_licenses_lets_a_disabled_pool_take_new_customers_again_R12()
    {
        var msp = await factory.NewPartnerAsync(CompanyType.Msp, PartnerStatus.Active);
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var assignPage = await client.GetPageAsync($"/partners/{msp.Id}?tab=licenses");
        var level = assignPage.QuerySelectorAll("#ServiceLevelId option").Select(o => o.GetAttribute("value")).First(v => !string.IsNullOrEmpty(v))!;
        await client.SubmitAsync(assignPage, "#assign-licenses", new() { ["ServiceLevelId"] = level, ["Units"] = "20" });
        var poolId = await factory.QueryAsync(db => db.LicensePools.Where(p => p.PartnerId == msp.Id).Select(p => p.Id).SingleAsync());
        await client.SubmitAsync(await client.GetPageAsync($"/partners/{msp.Id}?tab=licenses"), "#disable-licenses", new() { ["poolIds"] = poolId.ToString() });
        var disabledPage = await client.GetPageAsync($"/partners/{msp.Id}?tab=licenses");
        Assert.NotNull(disabledPage.QuerySelector("#disable-licenses button[formaction$='/licenses/enable']"));

        var enabled = await client.PostAsync($"/partners/{msp.Id}/licenses/enable", new() { ["poolIds"] = poolId.ToString() }, PortalClient.AntiforgeryToken(disabledPage));
        var again = await client.PostAsync($"/partners/{msp.Id}/licenses/enable", new() { ["poolIds"] = poolId.ToString() }, PortalClient.AntiforgeryToken(disabledPage));

        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.False(await factory.QueryAsync(db => db.LicensePools.Where(p => p.Id == poolId).Select(p => p.Disabled).SingleAsync()));
        Assert.Contains("not disabled", await again.TextAsync(), StringComparison.Ordinal);
        var page = await client.GetPageAsync($"/partners/{msp.Id}?tab=licenses");
        Assert.Null(page.QuerySelector("#disable-licenses button[formaction$='/licenses/enable']"));
    }

    [Fact]
    public async Task Remote_manager_is_enabled_for_the_partners_data_center_R13()
    {
        var msp = await factory.NewPartnerAsync(CompanyType.Msp, PartnerStatus.Active);
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        var page = await client.GetPageAsync($"/partners/{msp.Id}?tab=management");
        var enabled = await client.PostAsync($"/partners/{msp.Id}/management/enable", PortalClient.FormValues(page, "#enable-remote-manager"), PortalClient.AntiforgeryToken(page));
        var after = await client.GetPageAsync($"/partners/{msp.Id}?tab=management");

        Assert.Contains("data center EU", page.QuerySelector("#remote-manager-state")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        Assert.Contains("Enabled", after.QuerySelector("#remote-manager-state")?.TextContent, StringComparison.Ordinal);
        Assert.Null(after.QuerySelector("#enable-remote-manager"));
        Assert.True((await factory.PartnerAsync(msp.Name)).RemoteManagerEnabled);
    }

    [Fact]
    public async Task Remote_manager_is_disabled_from_the_tab_recorded_and_a_second_post_is_refused_R13()
    {
        var msp = await factory.NewPartnerAsync(CompanyType.Msp, PartnerStatus.Active);
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var page = await client.GetPageAsync($"/partners/{msp.Id}?tab=management");
        await client.PostAsync($"/partners/{msp.Id}/management/enable", PortalClient.FormValues(page, "#enable-remote-manager"), PortalClient.AntiforgeryToken(page));
        var enabled = await client.GetPageAsync($"/partners/{msp.Id}?tab=management");

        var disabled = await client.PostAsync($"/partners/{msp.Id}/management/disable", PortalClient.FormValues(enabled, "#disable-remote-manager"), PortalClient.AntiforgeryToken(enabled));
        var after = await client.GetPageAsync($"/partners/{msp.Id}?tab=management");
        var again = await client.PostAsync($"/partners/{msp.Id}/management/disable", new() { ["version"] = PortalClient.FormValues(after, "#enable-remote-manager")["version"] }, PortalClient.AntiforgeryToken(after));

        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Contains("Not enabled", after.QuerySelector("#remote-manager-state")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(after.QuerySelector("#enable-remote-manager"));
        Assert.Null(after.QuerySelector("#disable-remote-manager"));
        Assert.False((await factory.PartnerAsync(msp.Name)).RemoteManagerEnabled);
        Assert.Contains("not enabled", await again.TextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await factory.QueryAsync(db => db.AuditEntries.CountAsync(a => a.Action == "RemoteManagerDisabled" && a.CompanyId == msp.Id)));
    }

    [Fact]
    public async Task A_crafted_disable_for_a_suspended_MSP_is_refused_like_the_page_hides_it_R11()
    {
        var msp = await factory.NewPartnerAsync(CompanyType.Msp, PartnerStatus.Active);
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var page = await client.GetPageAsync($"/partners/{msp.Id}?tab=management");
        await client.PostAsync($"/partners/{msp.Id}/management/enable", PortalClient.FormValues(page, "#enable-remote-manager"), PortalClient.AntiforgeryToken(page));
        await using (var db = factory.CreateDbContext())
        {
            var tracked = await db.Companies.SingleAsync(c => c.Id == msp.Id);
            tracked.Suspend(factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var suspended = await client.GetPageAsync($"/partners/{msp.Id}?tab=management");
        var version = await factory.QueryAsync(db => db.Companies.Where(c => c.Id == msp.Id).Select(c => c.Version).SingleAsync());

        var crafted = await client.PostAsync($"/partners/{msp.Id}/management/disable", new() { ["version"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, PortalClient.AntiforgeryToken(suspended));

        Assert.Null(suspended.QuerySelector("#disable-remote-manager"));
        Assert.NotEqual(HttpStatusCode.Redirect, crafted.StatusCode);
        Assert.True((await factory.PartnerAsync(msp.Name)).RemoteManagerEnabled);
    }

    [Theory]
    [InlineData(DemoAccounts.MspAdmin, null)]
    [InlineData(DemoAccounts.ResellerAdmin, null)]
    [InlineData(DemoAccounts.SuspendedPartnerAdmin, "Suspended")]
    public async Task Partner_admins_see_their_pool_usage_and_status_on_their_home_page(string email, string? status)
    {
        var client = await PortalClient.SignedInAsync(factory, email);

        var home = await client.GetPageAsync("/");

        Assert.NotEmpty(home.QuerySelectorAll("section[aria-labelledby=pool-heading] table tbody tr"));
        var alert = home.QuerySelector("main .alert-warning")?.TextContent;
        if (status is null)
        {
            Assert.Null(alert);
        }
        else
        {
            Assert.Contains(status, alert, StringComparison.Ordinal);
        }
    }
}

/// <summary>Its own app and database: the extra partners must not push the demo partners off other tests' first page.</summary>
public sealed class PartnerListPagingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string[] Names(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#partners tr[data-partner]").Select(r => r.GetAttribute("data-partner")!).ToArray();

    [Fact]
    public async Task The_list_is_paged_twenty_at_a_time()
    {
        for (var i = 0; i < 21; i++)
        {
            await factory.NewPartnerAsync(CompanyType.Reseller, PartnerStatus.Active);
        }

        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        await using var db = factory.CreateDbContext();
        var total = await db.Companies.CountAsync(c => c.ProviderId != null && c.Name != "Foreign MSP");

        var first = await client.GetPageAsync("/partners?type=Reseller");
        var second = await client.GetPageAsync("/partners?type=Reseller&page=2");

        Assert.Equal(20, Names(first).Length);
        Assert.NotEmpty(Names(second));
        Assert.Empty(Names(first).Intersect(Names(second)));
        Assert.NotNull(first.QuerySelector(".pagination a[href*='page=2']"));
        Assert.True(total > 20);
    }
}
