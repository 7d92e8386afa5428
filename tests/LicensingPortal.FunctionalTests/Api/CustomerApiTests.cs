using System.Net;
using System.Net.Http.Json;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.LicenseRequests;
using LicensingPortal.Domain.Partners;
using LicensingPortal.FunctionalTests.CustomerAccounts;
using LicensingPortal.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>
/// R25 through the API (R21): a customer's administrator makes its own keys on the API Keys page; a customer's key reads its
/// licenses and asks for changes on /api/v1/my/..., and reaches nothing of its partner's or another customer's (404).
/// Each test makes its own customer (the class shares one app and database).
/// </summary>
public sealed class CustomerApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customer_administrator_makes_its_own_key_which_acts_as_the_customer_and_revokes_it_R25()
    {
        var customer = await factory.NewContosoCustomerAsync();
        var admin = await PortalClient.SignedInAsCustomerUserAsync(factory, customer.Id);
        var page = await admin.GetPageAsync("/api-keys");
        Assert.NotNull(page.QuerySelector("[data-nav=ApiKeys]"));
        Assert.Equal([Roles.CustomerAdministrator, Roles.CustomerViewer], page.QuerySelectorAll("#Input_Role option").Select(o => o.TextContent).ToArray());

        var created = await admin.SubmitAsync(page, "#create-key", new() { ["Input.Name"] = "Clinic sync", ["Input.Role"] = Roles.CustomerViewer });
        var secret = (await PortalClient.ParseAsync(await created.Content.ReadAsStringAsync())).QuerySelector("#created-secret")?.GetAttribute("value");
        var stored = await factory.QueryAsync(db => db.ApiKeys.AsNoTracking().SingleAsync(k => k.CustomerId == customer.Id));

        Assert.Equal(customer.OwnerId, stored.CompanyId);
        Assert.Equal(Roles.CustomerViewer, stored.Role);
        var api = ApiKeys.Client(factory, secret);
        var mine = await (await api.GetAsync("/api/v1/my/licenses", Cancel)).JsonAsync();
        Assert.Equal(customer.Id, mine.GetProperty("customerId").GetGuid());
        Assert.Equal(2, mine.GetProperty("licenses").GetArrayLength());
        Assert.Contains(await factory.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityId == stored.Id.ToString()).Select(a => a.Action).ToListAsync()), a => a == "ApiKeyCreated");

        var list = await admin.GetPageAsync("/api-keys");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitAsync(list, $"tr[data-key-id='{stored.Id}'] form.revoke-key")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/my/licenses", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_customer_administrator_cannot_give_its_key_a_company_role_nor_see_or_revoke_anothers_key_R25_R1()
    {
        var customer = await factory.NewContosoCustomerAsync();
        var other = await factory.NewContosoCustomerAsync();
        await ApiKeys.CreateForCustomerAsync(factory, other.Id);
        await ApiKeys.CreateAsync(factory, ApiKeys.Contoso);
        var foreignKeys = await factory.QueryAsync(db => db.ApiKeys.AsNoTracking().Where(k => k.CustomerId == other.Id || (k.CompanyId == other.OwnerId && k.CustomerId == null)).Select(k => k.Id).ToListAsync());
        var admin = await PortalClient.SignedInAsCustomerUserAsync(factory, customer.Id);
        var page = await admin.GetPageAsync("/api-keys");

        var crafted = await admin.SubmitAsync(page, "#create-key", new() { ["Input.Name"] = "Escalate", ["Input.Role"] = Roles.Administrator });

        Assert.Equal(HttpStatusCode.OK, crafted.StatusCode);
        Assert.Contains("Choose one of the roles listed.", await crafted.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.ApiKeys.AnyAsync(k => k.CustomerId == customer.Id)));
        Assert.All(foreignKeys, id => Assert.Null(page.QuerySelector($"tr[data-key-id='{id}']")));
        var token = PortalClient.AntiforgeryToken(page);
        foreach (var id in foreignKeys)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"/api-keys/{id}/revoke", [], token)).StatusCode);
        }

        Assert.False(await factory.QueryAsync(db => db.ApiKeys.AnyAsync(k => foreignKeys.Contains(k.Id) && k.RevokedAt != null)));
        var viewer = await PortalClient.SignedInAsCustomerUserAsync(factory, customer.Id, Roles.CustomerViewer);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.GetAsync("/api-keys")).StatusCode);
    }

    [Fact]
    public async Task A_customer_key_asks_for_a_change_follows_it_and_withdraws_it_R25()
    {
        var customer = await factory.NewContosoCustomerAsync();
        var api = await ApiKeys.CustomerClientAsync(factory, customer.Id);
        var license = (await (await api.GetAsync("/api/v1/my/licenses", Cancel)).JsonAsync()).GetProperty("licenses")[0];
        var licenseId = license.GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/my/licenses/{licenseId}", Cancel)).StatusCode);

        var created = await api.PostAsJsonAsync($"/api/v1/my/licenses/{licenseId}/requests", new { kind = "Units", units = license.GetProperty("units").GetInt32() + 5, comment = "Five more seats." }, Cancel);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var request = await created.JsonAsync();
        var url = $"/api/v1/my/license-requests/{request.GetProperty("id").GetGuid()}";
        Assert.Equal(url, created.Headers.Location?.OriginalString);
        Assert.Equal("Open", request.GetProperty("state").GetString());
        Assert.Equal("Five more seats.", request.GetProperty("comment").GetString());
        var stored = await factory.QueryAsync(db => db.LicenseRequests.AsNoTracking().SingleAsync(r => r.LicenseId == licenseId));
        Assert.Equal(customer.OwnerId, stored.CompanyId);
        Assert.Contains(await factory.QueryAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.EntityId == stored.Id.ToString()).Select(a => a.Action).ToListAsync()), a => a == "LicenseRequestCreated");

        var listed = await (await api.GetAsync("/api/v1/my/license-requests?state=Open", Cancel)).JsonAsync();
        Assert.Equal(1, listed.GetProperty("total").GetInt32());
        var read = await api.GetAsync(url, Cancel);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal((HttpStatusCode)428, (await api.PostAsync($"{url}/withdraw", null, Cancel)).StatusCode);
        var withdraw = new HttpRequestMessage(HttpMethod.Post, $"{url}/withdraw");
        withdraw.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        var withdrawn = await api.SendAsync(withdraw, Cancel);

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("Withdrawn", (await withdrawn.JsonAsync()).GetProperty("state").GetString());
        var again = new HttpRequestMessage(HttpMethod.Post, $"{url}/withdraw");
        again.Headers.TryAddWithoutValidation("If-Match", read.Headers.ETag!.Tag);
        var stale = await api.SendAsync(again, Cancel);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("R19", await stale.RuleCodeAsync());
    }

    [Fact]
    public async Task A_request_refused_by_a_rule_is_problem_details_with_the_rules_sentence_and_code_R25()
    {
        var customer = await factory.NewContosoCustomerAsync();
        var api = await ApiKeys.CustomerClientAsync(factory, customer.Id);
        var license = (await (await api.GetAsync("/api/v1/my/licenses", Cancel)).JsonAsync()).GetProperty("licenses")[0];
        var licenseId = license.GetProperty("id").GetGuid();
        var units = license.GetProperty("units").GetInt32();

        var nothing = await api.PostAsJsonAsync($"/api/v1/my/licenses/{licenseId}/requests", new { kind = "Units", units, comment = "Same." }, Cancel);
        Assert.Equal(HttpStatusCode.Created, (await api.PostAsJsonAsync($"/api/v1/my/licenses/{licenseId}/requests", new { kind = "Units", units = units + 1, comment = "One more." }, Cancel)).StatusCode);
        var second = await api.PostAsJsonAsync($"/api/v1/my/licenses/{licenseId}/requests", new { kind = "AutoRenewal", autoRenew = !license.GetProperty("autoRenew").GetBoolean(), comment = "And this." }, Cancel);
        var invalid = await api.PostAsJsonAsync($"/api/v1/my/licenses/{licenseId}/requests", new { kind = "Units", comment = "" }, Cancel);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, nothing.StatusCode);
        Assert.Equal("R25", await nothing.RuleCodeAsync());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, second.StatusCode);
        var problem = await second.JsonAsync();
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType?.MediaType);
        Assert.Equal("R25", problem.GetProperty("ruleCode").GetString());
        Assert.Contains("Units per license", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal("R18", await invalid.RuleCodeAsync());
        Assert.Equal(1, await factory.QueryAsync(db => db.LicenseRequests.CountAsync(r => r.LicenseId == licenseId)));
    }

    [Fact]
    public async Task A_customer_key_of_a_suspended_partner_reads_but_its_request_is_refused_with_the_reason_R25_R11()
    {
        var customer = await factory.NewContosoCustomerAsync();
        var licenseId = await LicenseOfAsync(customer.Id);
        var api = await ApiKeys.CustomerClientAsync(factory, customer.Id);
        await ChangeOwnerAsync(customer.OwnerId, (owner, now) => owner.Suspend(now));
        try
        {
            var read = await api.GetAsync("/api/v1/my/licenses", Cancel);
            var asked = await api.PostAsJsonAsync($"/api/v1/my/licenses/{licenseId}/requests", new { kind = "CancelAtRenewal", comment = "Stop." }, Cancel);

            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
            Assert.Contains("is suspended", (await read.JsonAsync()).GetProperty("readOnlyReason").GetString(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, asked.StatusCode);
            var problem = await asked.JsonAsync();
            Assert.Equal("R11", problem.GetProperty("ruleCode").GetString());
            Assert.Contains("cannot take change requests", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            Assert.False(await factory.QueryAsync(db => db.LicenseRequests.AnyAsync(r => r.LicenseId == licenseId)));
        }
        finally
        {
            await ChangeOwnerAsync(customer.OwnerId, (owner, now) => owner.Reactivate(now));
        }
    }

    [Fact]
    public async Task A_customer_key_stops_when_its_partner_is_canceled_R25_R11()
    {
        var customer = await factory.NewCustomerOfPartnerInAsync(PartnerStatus.Active);
        var api = await ApiKeys.CustomerClientAsync(factory, customer.Id);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/my/licenses", Cancel)).StatusCode);

        await ChangeOwnerAsync(customer.OwnerId, (owner, now) => owner.Cancel(now));

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/my/licenses", Cancel)).StatusCode);
    }

    [Fact]
    public async Task A_customer_key_gets_404_on_another_customers_license_and_request_and_creates_nothing_R25_R1()
    {
        var customer = await factory.NewContosoCustomerAsync();
        var other = await factory.NewContosoCustomerAsync();
        var foreignLicense = await LicenseOfAsync(other.Id);
        var otherApi = await ApiKeys.CustomerClientAsync(factory, other.Id);
        var foreignRequest = (await (await otherApi.PostAsJsonAsync($"/api/v1/my/licenses/{foreignLicense}/requests", new { kind = "CancelAtRenewal", comment = "Ours." }, Cancel)).JsonAsync()).GetProperty("id").GetGuid();
        var api = await ApiKeys.CustomerClientAsync(factory, customer.Id);

        var answers = new[]
        {
            await api.GetAsync($"/api/v1/my/licenses/{foreignLicense}", Cancel),
            await api.PostAsJsonAsync($"/api/v1/my/licenses/{foreignLicense}/requests", new { kind = "Units", units = 50, comment = "Not mine." }, Cancel),
            await api.GetAsync($"/api/v1/my/license-requests/{foreignRequest}", Cancel),
            await WithIfMatch(api, $"/api/v1/my/license-requests/{foreignRequest}/withdraw", "\"0\""),
        };

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
        Assert.Equal("R1", await answers[1].RuleCodeAsync());
        Assert.Equal(0, (await (await api.GetAsync("/api/v1/my/license-requests", Cancel)).JsonAsync()).GetProperty("total").GetInt32());
        Assert.Equal(1, await factory.QueryAsync(db => db.LicenseRequests.CountAsync(r => r.LicenseId == foreignLicense)));
        Assert.Equal(LicenseRequestState.Open, await factory.QueryAsync(db => db.LicenseRequests.Where(r => r.Id == foreignRequest).Select(r => r.State).SingleAsync()));
    }

    [Fact]
    public async Task A_customer_key_gets_404_on_its_partners_routes_and_a_partner_key_404_on_the_customers_routes_R25_R1()
    {
        var customer = await factory.NewContosoCustomerAsync();
        var licenseId = await LicenseOfAsync(customer.Id);
        var api = await ApiKeys.CustomerClientAsync(factory, customer.Id);
        var created = await (await api.PostAsJsonAsync($"/api/v1/my/licenses/{licenseId}/requests", new { kind = "CancelAtRenewal", comment = "Stop at renewal." }, Cancel)).JsonAsync();
        var requestId = created.GetProperty("id").GetGuid();

        var crafted = new[]
        {
            await api.GetAsync("/api/v1/customers", Cancel),
            await api.GetAsync($"/api/v1/customers/{customer.Id}", Cancel),
            await api.GetAsync($"/api/v1/customers/{customer.Id}/licenses/{licenseId}", Cancel),
            await api.GetAsync("/api/v1/license-requests", Cancel),
            await api.GetAsync($"/api/v1/license-requests/{requestId}", Cancel),
            await WithIfMatch(api, $"/api/v1/license-requests/{requestId}/approve", "\"1\"", new { applyMode = "Now" }),
            await WithIfMatch(api, $"/api/v1/license-requests/{requestId}/decline", "\"1\"", new { reason = "Mine." }),
            await api.GetAsync("/api/v1/service-plans", Cancel),
            await api.GetAsync("/api/v1/transactions", Cancel),
        };

        Assert.All(crafted, a => Assert.True(a.StatusCode == HttpStatusCode.NotFound, $"{a.RequestMessage!.RequestUri}: {(int)a.StatusCode}"));
        Assert.Equal(LicenseRequestState.Open, await factory.QueryAsync(db => db.LicenseRequests.Where(r => r.Id == requestId).Select(r => r.State).SingleAsync()));

        // The partner's key keeps its queue (and sees the request there), and has no "my" routes.
        var partner = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        Assert.Equal(HttpStatusCode.OK, (await partner.GetAsync($"/api/v1/license-requests/{requestId}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync("/api/v1/my/licenses", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.GetAsync($"/api/v1/my/license-requests/{requestId}", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await partner.PostAsJsonAsync($"/api/v1/my/licenses/{licenseId}/requests", new { kind = "Units", units = 9, comment = "Not a customer." }, Cancel)).StatusCode);
    }

    private static Task<HttpResponseMessage> WithIfMatch(HttpClient client, string url, string etag, object? body = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return client.SendAsync(request, Cancel);
    }

    private Task<Guid> LicenseOfAsync(Guid customerId) =>
        factory.QueryAsync(db => db.CustomerLicenses.Where(l => l.CustomerId == customerId).OrderBy(l => l.Id).Select(l => l.Id).FirstAsync());

    private async Task ChangeOwnerAsync(Guid ownerId, Action<Company, DateTimeOffset> change)
    {
        await using var db = factory.CreateDbContext();
        change(await db.Companies.SingleAsync(c => c.Id == ownerId), factory.Clock.GetUtcNow());
        await db.SaveChangesAsync(Cancel);
    }
}
