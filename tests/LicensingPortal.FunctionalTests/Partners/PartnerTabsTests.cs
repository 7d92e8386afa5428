using AngleSharp.Html.Dom;
using LicensingPortal.Domain.Partners;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;

namespace LicensingPortal.FunctionalTests.Partners;

/// <summary>Seed 004's tab-visibility matrix and R11's read-only rules, as the provider admin sees them.</summary>
public sealed class PartnerTabsTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    /// <summary>Per tab: the form that is only rendered while the tab can be changed.</summary>
    private static readonly Dictionary<string, string> EditForms = new()
    {
        ["licenses"] = "#assign-licenses",
        ["management"] = "#enable-remote-manager",
        ["service-plans"] = "#assign-plan",
        ["accounts"] = "#add-account",
        ["profile"] = "#profile button[type=submit]",
    };

    public static TheoryData<CompanyType, PartnerStatus, string[], string[]> Matrix => new()
    {
        // type, status, visible tabs, editable tabs
        { CompanyType.Msp, PartnerStatus.Active, ["licenses", "management", "accounts", "profile", "billing"], ["licenses", "management", "accounts", "profile"] },
        { CompanyType.Msp, PartnerStatus.Suspended, ["licenses", "management", "accounts", "profile", "billing"], ["profile"] },
        { CompanyType.Msp, PartnerStatus.Canceled, ["licenses", "management", "accounts", "profile", "billing"], [] },
        { CompanyType.Reseller, PartnerStatus.Active, ["licenses", "service-plans", "accounts", "profile", "billing"], ["licenses", "service-plans", "accounts", "profile"] },
        { CompanyType.Reseller, PartnerStatus.Suspended, ["licenses", "service-plans", "accounts", "profile", "billing"], ["profile"] },
        { CompanyType.Reseller, PartnerStatus.Canceled, ["licenses", "service-plans", "accounts", "profile", "billing"], [] },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Tabs_follow_the_partner_type_and_status_R10_R11_R13_R14(CompanyType type, PartnerStatus status, string[] visible, string[] editable)
    {
        var partner = await factory.NewPartnerAsync(type, status);
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);

        var first = await client.GetPageAsync($"/partners/{partner.Id}");
        var tabs = first.QuerySelectorAll("#partner-tabs a[data-tab]").Select(a => a.GetAttribute("data-tab")).ToArray();
        Assert.Equal(visible, tabs);
        Assert.Equal(status.ToString(), first.QuerySelector("[data-banner=status] [data-status]")?.GetAttribute("data-status"));
        Assert.Equal(type == CompanyType.Msp ? "MSP" : "Reseller", first.QuerySelector("[data-banner=type]")?.TextContent.Trim());
        Assert.Equal("0", first.QuerySelector("[data-banner=customers]")?.TextContent.Trim());

        foreach (var tab in EditForms.Keys)
        {
            var page = await client.GetPageAsync($"/partners/{partner.Id}?tab={tab}");
            var shown = Active(page);
            if (!visible.Contains(tab))
            {
                Assert.NotEqual(tab, shown);
                continue;
            }

            Assert.Equal(tab, shown);
            var canEdit = editable.Contains(tab);
            Assert.True(canEdit == (page.QuerySelector(EditForms[tab]) is not null), $"{type} {status}: form of tab {tab} should {(canEdit ? string.Empty : "not ")}be there.");
            Assert.True(canEdit == (page.QuerySelector("#read-only-banner") is null), $"{type} {status}: read-only banner on tab {tab} should {(canEdit ? "not " : string.Empty)}be there.");
        }
    }

    [Fact]
    public async Task The_banner_counts_the_customers_the_partner_manages_R10()
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var msp = await factory.PartnerAsync(PartnerTestData.ActiveMsp);
        await using var db = factory.CreateDbContext();
        var expected = db.Customers.Count(c => c.OwnerId == msp.Id);

        var page = await client.GetPageAsync($"/partners/{msp.Id}");
        var list = await client.GetPageAsync("/partners?search=contoso");

        Assert.True(expected > 0);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), page.QuerySelector("[data-banner=customers]")?.TextContent.Trim());
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), list.QuerySelector($"tr[data-partner='{PartnerTestData.ActiveMsp}'] [data-customers]")?.TextContent.Trim());
    }

    [Theory]
    [InlineData(PartnerTestData.ActiveMsp)]
    [InlineData(PartnerTestData.ActiveReseller)]
    public async Task Every_form_on_the_partner_page_carries_its_own_antiforgery_token(string partnerName)
    {
        var client = await PortalClient.SignedInAsync(factory, DemoAccounts.ProviderAdmin);
        var partner = await factory.PartnerAsync(partnerName);

        foreach (var tab in EditForms.Keys)
        {
            var page = await client.GetPageAsync($"/partners/{partner.Id}?tab={tab}");
            foreach (var form in page.QuerySelectorAll("main form[method=post]"))
            {
                Assert.True(form.QuerySelector("input[name=__RequestVerificationToken]") is not null, $"{tab}: form {form.GetAttribute("action")} has no antiforgery token.");
            }
        }
    }

    private static string? Active(IHtmlDocument page) => page.QuerySelector("#partner-tabs a.active")?.GetAttribute("data-tab");
}
