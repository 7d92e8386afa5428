using System.Net;
using LicensingPortal.Application.Security;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>API Keys page (R21): create scoped to a role, shown once, stored hashed, last use shown, revocable.</summary>
public sealed class ApiKeyPageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_key_created_on_the_page_is_shown_once_works_shows_its_last_use_and_once_revoked_gets_401_R21()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var page = await admin.GetPageAsync("/api-keys");
        var created = await admin.SubmitAsync(page, "#create-key", new() { ["Input.Name"] = "Billing sync", ["Input.Role"] = Roles.LicenseManager });
        var shown = await PortalClient.ParseAsync(await created.Content.ReadAsStringAsync());
        var secret = shown.QuerySelector("#created-secret")?.GetAttribute("value");

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.StartsWith("lp_", secret, StringComparison.Ordinal);
        var stored = await Demo.QueryAsync(factory, db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Name == "Billing sync"));
        Assert.Equal(Roles.LicenseManager, stored.Role);
        Assert.DoesNotContain(secret!, stored.SecretHash, StringComparison.Ordinal);
        Assert.Equal(Domain.ApiKeys.ApiKey.Hash(secret!), stored.SecretHash);

        var api = ApiKeys.Client(factory, secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/customers")).StatusCode);

        var list = await admin.GetPageAsync("/api-keys");
        Assert.DoesNotContain(secret!, list.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var row = list.QuerySelector($"tr[data-key-id='{stored.Id}']")!;
        Assert.NotEqual("Never", row.QuerySelector(".last-used")!.TextContent.Trim());

        var revoked = await admin.SubmitAsync(list, $"tr[data-key-id='{stored.Id}'] form.revoke-key");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        var refused = await api.GetAsync("/api/v1/customers");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal("R21", await refused.RuleCodeAsync());
        Assert.Contains(await Demo.QueryAsync(factory, db => db.AuditEntries.AsNoTracking().Select(a => a.Action).ToListAsync()), a => a == "ApiKeyRevoked");
    }

    [Fact]
    public async Task Only_administrators_manage_keys_and_a_company_sees_only_its_own_R1_R21()
    {
        var staff = await PortalClient.SignedInAsync(factory, DemoAccounts.MspStaff);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.GetAsync("/api-keys")).StatusCode);

        await ApiKeys.CreateAsync(factory, ApiKeys.Northwind);
        var contoso = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var page = await contoso.GetPageAsync("/api-keys");
        var northwindKey = await Demo.QueryAsync(factory, db => db.ApiKeys.AsNoTracking()
            .Join(db.Companies.Where(c => c.Name == ApiKeys.Northwind), k => k.CompanyId, c => c.Id, (k, _) => k.Id).FirstAsync());
        Assert.Null(page.QuerySelector($"tr[data-key-id='{northwindKey}']"));

        var token = PortalClient.AntiforgeryToken(page);
        var revoke = await contoso.PostAsync($"/api-keys/{northwindKey}/revoke", [], token);
        Assert.Equal(HttpStatusCode.NotFound, revoke.StatusCode);
        Assert.Null((await Demo.QueryAsync(factory, db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == northwindKey))).RevokedAt);
    }

    [Fact]
    public async Task A_name_is_required_and_the_form_keeps_the_role_R18()
    {
        var admin = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);
        var page = await admin.GetPageAsync("/api-keys");
        var response = await admin.SubmitAsync(page, "#create-key", new() { ["Input.Name"] = " ", ["Input.Role"] = Roles.BillingManager });
        var again = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(again.QuerySelector("#created-secret"));
        Assert.Contains("Name the key", again.QuerySelector("[data-valmsg-for='Input.Name']")?.TextContent, StringComparison.Ordinal);
        Assert.Equal(Roles.BillingManager, (again.QuerySelector("#Input_Role") as AngleSharp.Html.Dom.IHtmlSelectElement)?.Value);
    }
}
