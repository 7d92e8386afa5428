using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Seeding;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>R21: the REST API does what the pages do, under the same rules, permissions and tenancy.</summary>
public sealed class ApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static string LicenseUrl((Guid CustomerId, Guid LicenseId) l) => $"/api/v1/customers/{l.CustomerId}/licenses/{l.LicenseId}";

    /// <summary>The license's current settings as a PUT body, with <paramref name="change"/> applied.</summary>
    private static Dictionary<string, object?> Body(JsonElement license, Action<Dictionary<string, object?>>? change = null)
    {
        var settings = license.GetProperty("settings");
        var body = new Dictionary<string, object?>
        {
            ["units"] = settings.GetProperty("units").GetInt32(),
            ["expiresOn"] = settings.GetProperty("expiresOn").GetString(),
            ["autoRenew"] = settings.GetProperty("autoRenew").GetBoolean(),
            ["autoRenewMonths"] = settings.GetProperty("autoRenewMonths").ValueKind == JsonValueKind.Null ? null : settings.GetProperty("autoRenewMonths").GetInt32(),
            ["notifyDaysBefore"] = settings.GetProperty("notifyDaysBefore").GetInt32(),
            ["managedByRemoteManager"] = settings.GetProperty("managedByRemoteManager").GetBoolean(),
            ["addOnEnabled"] = settings.GetProperty("addOnEnabled").GetBoolean(),
        };
        change?.Invoke(body);
        return body;
    }

    private static async Task<HttpResponseMessage> PutAsync(HttpClient client, string url, object body, string? ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    private async Task<(JsonElement License, string ETag)> GetLicenseAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.JsonAsync(), response.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task A_key_of_one_company_gets_404_on_another_companys_ids_R1_R21()
    {
        var contoso = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var hanse = await Demo.LicenseOfAsync(factory, "Hanse Logistik");
        var before = await Demo.QueryAsync(factory, db => db.CustomerLicenses.AsNoTracking().SingleAsync(l => l.Id == hanse.LicenseId));

        var get = await contoso.GetAsync($"/api/v1/customers/{hanse.CustomerId}");
        var license = await contoso.GetAsync(LicenseUrl(hanse));
        var put = await PutAsync(contoso, LicenseUrl(hanse), new { units = 1, expiresOn = "2099-01-01", notifyDaysBefore = 30 }, "\"0\"");
        var assign = await contoso.PostAsJsonAsync($"/api/v1/customers/{hanse.CustomerId}/licenses", new { servicePlanId = Guid.NewGuid() });
        var list = await (await contoso.GetAsync("/api/v1/customers?search=Hanse")).JsonAsync();
        var hansePlan = await Demo.QueryAsync(factory, db => db.CustomerLicenses.Where(l => l.Id == hanse.LicenseId).Select(l => l.ServicePlanId).SingleAsync());
        var byPlan = await (await contoso.GetAsync($"/api/v1/customers?servicePlanId={hansePlan}")).JsonAsync();
        var northwind = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var byPlanForProvider = await (await northwind.GetAsync($"/api/v1/customers?servicePlanId={hansePlan}")).JsonAsync();

        foreach (var response in new[] { get, license, put, assign })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("R1", await response.RuleCodeAsync());
        }

        Assert.Equal(0, list.GetProperty("items").GetArrayLength());
        Assert.Equal(0, byPlan.GetProperty("items").GetArrayLength());
        Assert.Contains(byPlanForProvider.GetProperty("items").EnumerateArray(), c => c.GetProperty("id").GetGuid() == hanse.CustomerId);
        var after = await Demo.QueryAsync(factory, db => db.CustomerLicenses.AsNoTracking().SingleAsync(l => l.Id == hanse.LicenseId));
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task A_crafted_modify_of_a_trial_license_is_refused_with_R3_R21()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var url = LicenseUrl(await Demo.LicenseOfAsync(factory, "Acme Dental"));
        var (license, etag) = await GetLicenseAsync(client, url);
        Assert.Equal("R3", license.GetProperty("modificationRefusal").GetProperty("ruleCode").GetString());

        var response = await PutAsync(client, url, Body(license, b => b["units"] = 50), etag);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.JsonAsync();
        Assert.Equal("R3", problem.GetProperty("ruleCode").GetString());
        Assert.Contains("trial", problem.GetProperty("detail").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(license.GetProperty("settings").GetProperty("units").GetInt32(), (await GetLicenseAsync(client, url)).License.GetProperty("settings").GetProperty("units").GetInt32());
    }

    [Fact]
    public async Task A_stale_If_Match_gives_412_and_changes_nothing_and_a_missing_one_428_R19()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var ids = await Demo.LicenseOfAsync(factory, "Juniper Schools");
        var url = LicenseUrl(ids);
        var (license, etag) = await GetLicenseAsync(client, url);

        // Someone else saves first (the page, or another client).
        Assert.Equal(HttpStatusCode.OK, (await PutAsync(client, url, Body(license, b => b["units"] = 11), etag)).StatusCode);
        var stale = await PutAsync(client, url, Body(license, b => b["units"] = 99), etag);
        var missing = await PutAsync(client, url, Body(license, b => b["units"] = 99), null);

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("R19", await stale.RuleCodeAsync());
        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal("R19", await missing.RuleCodeAsync());
        var saved = await Demo.QueryAsync(factory, db => db.CustomerLicenses.AsNoTracking().SingleAsync(l => l.Id == ids.LicenseId));
        Assert.Equal(11, saved.Units);
    }

    [Fact]
    public async Task Modify_now_then_on_a_date_then_cancel_the_pending_change_through_the_same_use_cases_R6_R7_R9_R21()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso, Roles.LicenseManager);
        var ids = await Demo.LicenseOfAsync(factory, "Granite Builders");
        var url = LicenseUrl(ids);
        var (license, etag) = await GetLicenseAsync(client, url);

        var now = await PutAsync(client, url, Body(license, b => { b["units"] = 31; b["addOnEnabled"] = true; }), etag);
        Assert.Equal(HttpStatusCode.OK, now.StatusCode);
        var changed = await now.JsonAsync();
        Assert.Equal(31, changed.GetProperty("settings").GetProperty("units").GetInt32());
        Assert.NotEqual(etag, now.Headers.ETag!.Tag);

        var applyOn = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(10).ToString("yyyy-MM-dd");
        var scheduled = await PutAsync(client, url, Body(changed, b => { b["units"] = 40; b["applyOn"] = applyOn; }), now.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, scheduled.StatusCode);
        var pending = (await scheduled.JsonAsync()).GetProperty("pendingChange");
        Assert.Equal(applyOn, pending.GetProperty("applyOn").GetString());
        Assert.Equal(40, pending.GetProperty("settings").GetProperty("units").GetInt32());

        var canceled = await client.DeleteAsync(url + "/pending-change");
        Assert.Equal(HttpStatusCode.OK, canceled.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await canceled.JsonAsync()).GetProperty("pendingChange").ValueKind);
        var again = await client.DeleteAsync(url + "/pending-change");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Equal("R7", await again.RuleCodeAsync());

        var types = await Demo.QueryAsync(factory, db => db.LicenseTransactions.AsNoTracking().Where(t => t.LicenseId == ids.LicenseId).Select(t => new { t.Type, t.ActorName }).ToListAsync());
        Assert.Contains(types, t => t.Type == TransactionType.LicenseChange && t.ActorName.StartsWith("API key", StringComparison.Ordinal));
        Assert.Contains(types, t => t.Type == TransactionType.ChangeScheduled);
        Assert.Contains(types, t => t.Type == TransactionType.ScheduledChangeCanceled);
    }

    [Fact]
    public async Task A_replayed_Idempotency_Key_creates_one_customer_and_gets_the_same_answer_R21()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var key = Guid.NewGuid().ToString();
        HttpRequestMessage Create(string name) => new(HttpMethod.Post, "/api/v1/customers")
        {
            Content = JsonContent.Create(new { name, country = "US", contactEmail = "it@idempotent.example" }),
            Headers = { { "Idempotency-Key", key } },
        };

        var first = await client.SendAsync(Create("Idempotent Ltd"));
        var second = await client.SendAsync(Create("Idempotent Ltd"));
        var other = await client.SendAsync(Create("Someone Else Ltd"));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.True(second.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, other.StatusCode);
        Assert.Equal(1, await Demo.QueryAsync(factory, db => db.Customers.CountAsync(c => c.Name == "Idempotent Ltd")));
        Assert.Equal(0, await Demo.QueryAsync(factory, db => db.Customers.CountAsync(c => c.Name == "Someone Else Ltd")));
    }

    [Fact]
    public async Task Bad_input_is_a_problem_with_R18_never_a_500_R18_R21()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        async Task<HttpResponseMessage> Post(string json) =>
            await client.PostAsync("/api/v1/customers", new StringContent(json, Encoding.UTF8, "application/json"));

        var malformed = await Post("{\"name\": ");
        var unknown = await Post("{\"name\":\"X Corp\",\"country\":\"US\",\"owner\":\"someone\"}");
        var wrongType = await Post("{\"name\":42,\"country\":\"US\"}");
        var invalid = await Post("{\"name\":\"\",\"country\":\"USA\"}");
        var oversized = await Post("{\"name\":\"" + new string('x', 70_000) + "\",\"country\":\"US\"}");

        foreach (var response in new[] { malformed, unknown, wrongType, invalid })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("R18", await response.RuleCodeAsync());
        }

        Assert.Contains("two-letter", (await invalid.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.True(oversized.StatusCode is HttpStatusCode.RequestEntityTooLarge or HttpStatusCode.BadRequest, $"Oversized body answered {(int)oversized.StatusCode}.");
        Assert.Equal(0, await Demo.QueryAsync(factory, db => db.Customers.CountAsync(c => c.Name == "X Corp")));
    }

    [Fact]
    public async Task A_key_acts_with_its_role_only_a_support_engineer_key_reads_but_cannot_modify_R21()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso, Roles.SupportEngineer);
        var url = LicenseUrl(await Demo.LicenseOfAsync(factory, "Kestrel Engineering"));
        var (license, etag) = await GetLicenseAsync(client, url);

        var put = await PutAsync(client, url, Body(license, b => b["units"] = 2), etag);
        var create = await client.PostAsJsonAsync("/api/v1/customers", new { name = "Not Allowed Inc", country = "US" });

        Assert.Equal(HttpStatusCode.NotFound, put.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, create.StatusCode);
        Assert.Equal(0, await Demo.QueryAsync(factory, db => db.Customers.CountAsync(c => c.Name == "Not Allowed Inc")));
    }

    [Fact]
    public async Task The_sign_in_cookie_does_not_authenticate_the_api_so_there_is_no_csrf_R21()
    {
        var browser = await PortalClient.SignedInAsync(factory, DemoAccounts.MspAdmin);

        var get = await browser.GetAsync("/api/v1/customers");
        var post = await browser.Http.PostAsJsonAsync("/api/v1/customers", new { name = "Cookie Crafted Co", country = "US" });

        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal("R21", await post.RuleCodeAsync());
        Assert.Equal(0, await Demo.QueryAsync(factory, db => db.Customers.CountAsync(c => c.Name == "Cookie Crafted Co")));
    }

    [Fact]
    public async Task Without_a_key_or_with_an_unknown_one_the_api_answers_401_R21()
    {
        var none = await ApiKeys.Client(factory, null).GetAsync("/api/v1/customers");
        var unknown = await ApiKeys.Client(factory, "lp_not-a-real-key").GetAsync("/api/v1/customers");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains("Bearer", none.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Customers_are_keyset_paged_and_an_assigned_plan_is_a_new_purchase_or_refused_R4_R21()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var first = await (await client.GetAsync("/api/v1/customers")).JsonAsync();
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await client.GetAsync($"/api/v1/customers?after={Uri.EscapeDataString(cursor!)}")).JsonAsync();
        var firstIds = first.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        var secondIds = second.GetProperty("items").EnumerateArray().Select(c => c.GetProperty("id").GetString()).ToList();
        Assert.Equal(25, firstIds.Count);
        Assert.NotEmpty(secondIds);
        Assert.Empty(firstIds.Intersect(secondIds));

        var customer = await Demo.CustomerAsync(factory, "Lakeside Veterinary");
        var plan = await Demo.PlanAsync(factory, "Email Security Advanced – 12 months");
        var assigned = await client.PostAsJsonAsync($"/api/v1/customers/{customer}/licenses", new { servicePlanId = plan, units = 4 });
        Assert.Equal(HttpStatusCode.Created, assigned.StatusCode);
        var licenses = (await assigned.JsonAsync()).GetProperty("licenses").EnumerateArray().Select(l => l.GetProperty("planName").GetString()).ToList();
        Assert.Contains("Email Security Advanced – 12 months", licenses);

        var endOfSale = await Demo.PlanAsync(factory, "Endpoint Encryption – 12 months");
        var refused = await client.PostAsJsonAsync($"/api/v1/customers/{customer}/licenses", new { servicePlanId = endOfSale });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("R4", await refused.RuleCodeAsync());
    }

    [Fact]
    public async Task Partners_plans_approvals_and_transactions_are_read_through_the_api_R21()
    {
        var provider = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var msp = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);

        var partners = await (await provider.GetAsync("/api/v1/partners")).JsonAsync();
        Assert.Contains(partners.GetProperty("items").EnumerateArray(), p => p.GetProperty("name").GetString() == ApiKeys.Contoso);
        var contosoId = partners.GetProperty("items").EnumerateArray().First(p => p.GetProperty("name").GetString() == ApiKeys.Contoso).GetProperty("id").GetString();
        Assert.Equal(HttpStatusCode.OK, (await provider.GetAsync($"/api/v1/partners/{contosoId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await msp.GetAsync("/api/v1/partners")).StatusCode);

        var plans = await (await msp.GetAsync("/api/v1/service-plans")).JsonAsync();
        Assert.Contains(plans.EnumerateArray(), p => p.GetProperty("name").GetString() == "WFBSS Trial – 30 days");

        var transactions = await (await msp.GetAsync("/api/v1/transactions")).JsonAsync();
        Assert.NotEmpty(transactions.GetProperty("items").EnumerateArray());

        var approvals = await (await msp.GetAsync("/api/v1/suite-change-approvals")).JsonAsync();
        var pending = approvals.GetProperty("pending").EnumerateArray().First();
        var approve = await msp.PostAsync($"/api/v1/suite-change-approvals/{pending.GetProperty("id").GetString()}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approve.StatusCode);
        var fjord = await Demo.LicenseOfAsync(factory, "Fjord Analytics");
        var license = await (await msp.GetAsync(LicenseUrl(fjord))).JsonAsync();
        Assert.Equal(JsonValueKind.Null, license.GetProperty("modificationRefusal").ValueKind);
    }
}
