using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.FunctionalTests.ServicePlans;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>
/// R24 prices through the API (R21): the same use cases, rules, permissions and tenancy as the Prices pages, refusals as problem
/// details with their rule code. Each test prices its own demo plan or partner, so the tests of the class share one app.
/// </summary>
public sealed class PricesApiTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private DateOnly Today => factory.Clock.Today;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body, string? idempotencyKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return client.SendAsync(request, Cancel);
    }

    private async Task<IReadOnlyDictionary<string, string>> FingerprintAsync()
    {
        await using var db = factory.CreateDbContext();
        var fingerprint = new Dictionary<string, string>(await DatabaseFingerprint.OfAsync(db));
        fingerprint.Remove("ApiKeys"); // a key records when it was last used
        return fingerprint;
    }

    private static JsonElement Row(JsonElement list, Guid planId) =>
        list.GetProperty("plans").EnumerateArray().Single(p => p.GetProperty("planId").GetGuid() == planId);

    [Fact]
    public async Task R24_R21_the_provider_sets_a_list_price_once_per_idempotency_key_and_reads_it_in_force_with_its_history()
    {
        var northwind = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var plan = await factory.PlanIdAsync("Northwind WFBSS Standard – 12 months");
        var body = new { planId = plan, period = "Monthly", unitPrice = 10.00m, effectiveFrom = Day(Today) };
        var key = Guid.NewGuid().ToString();

        var created = await PostAsync(northwind, "/api/v1/prices", body, key);
        var replayed = await PostAsync(northwind, "/api/v1/prices", body, key);
        var scheduled = await PostAsync(northwind, "/api/v1/prices", body with { period = "Yearly", unitPrice = 126.00m, effectiveFrom = Day(Today.AddDays(7)) });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/v1/prices/{plan}", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Created, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Created, scheduled.StatusCode);
        var today = Today;
        Assert.Equal(2, await factory.QueryAsync(db => db.PlanPrices.CountAsync(p => p.ServicePlanId == plan && p.EffectiveFrom >= today, Cancel)));

        var row = Row(await (await northwind.GetAsync("/api/v1/prices", Cancel)).JsonAsync(), plan);
        var list = row.GetProperty("list");
        Assert.Equal("10.00 USD", list.GetProperty("inForce").GetProperty("price").GetString());
        Assert.Equal(Day(Today), list.GetProperty("inForce").GetProperty("effectiveFrom").GetString());
        Assert.Equal(("126.00 USD", "Yearly", Day(Today.AddDays(7))), (
            list.GetProperty("scheduled").GetProperty("price").GetString(),
            list.GetProperty("scheduled").GetProperty("period").GetString(),
            list.GetProperty("scheduled").GetProperty("effectiveFrom").GetString()));
        Assert.Equal(["Scheduled", "InForce", "Replaced"], list.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("state").GetString()));
        Assert.Equal(JsonValueKind.Null, row.GetProperty("cost").ValueKind);
    }

    public static TheoryData<string, object?, HttpStatusCode, string, string> Refusals => new()
    {
        // field, value (the rest valid; a date as days from today), status, rule, field named in the errors
        { "effectiveFrom", -1, HttpStatusCode.UnprocessableEntity, "R24", "EffectiveFrom" },
        { "unitPrice", -0.01m, HttpStatusCode.UnprocessableEntity, "R18", "UnitPrice" },
        { "unitPrice", 1_000_000.01m, HttpStatusCode.UnprocessableEntity, "R18", "UnitPrice" },
        { "unitPrice", 9.999m, HttpStatusCode.UnprocessableEntity, "R18", "UnitPrice" },
        { "unitPrice", null, HttpStatusCode.BadRequest, "R18", "UnitPrice" },
        { "period", null, HttpStatusCode.BadRequest, "R18", "Period" },
        { "effectiveFrom", null, HttpStatusCode.BadRequest, "R18", "EffectiveFrom" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task R18_R24_a_list_price_that_is_not_a_price_is_refused_with_its_rule_naming_the_field_and_nothing_is_saved(
        string field, object? value, HttpStatusCode status, string rule, string named)
    {
        var northwind = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var body = new Dictionary<string, object?>
        {
            ["planId"] = await factory.PlanIdAsync("Northwind WFBSS Advanced – 12 months"),
            ["period"] = "Monthly",
            ["unitPrice"] = 10.00m,
            ["effectiveFrom"] = Day(Today),
        };
        body[field] = field == "effectiveFrom" && value is int days ? Day(Today.AddDays(days)) : value;
        var before = await FingerprintAsync();

        var response = await PostAsync(northwind, "/api/v1/prices", body);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(rule, problem.GetProperty("ruleCode").GetString());
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.Equals(named, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task R1_an_unknown_plan_another_providers_plan_and_a_partners_key_are_not_found_and_nothing_is_saved()
    {
        var northwind = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var contoso = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var rivalPlan = await RivalPlanAsync();
        var ownPlan = await factory.PlanIdAsync("WFBSS Standard – 24 months");
        var partnerId = await factory.CompanyIdAsync(ApiKeys.Contoso);
        object Price(Guid plan) => new { planId = plan, period = "Monthly", unitPrice = 10.00m, effectiveFrom = Day(Today) };
        var before = await FingerprintAsync();

        var answers = new Dictionary<string, HttpResponseMessage>
        {
            ["unknown plan"] = await PostAsync(northwind, "/api/v1/prices", Price(Guid.NewGuid())),
            ["another provider's plan"] = await PostAsync(northwind, "/api/v1/prices", Price(rivalPlan)),
            ["another provider's plan's prices"] = await northwind.GetAsync($"/api/v1/prices/{rivalPlan}", Cancel),
            ["an MSP's list price"] = await PostAsync(contoso, "/api/v1/prices", Price(ownPlan)),
            ["an MSP reading its own partner prices"] = await contoso.GetAsync($"/api/v1/partners/{partnerId}/prices", Cancel),
            ["an MSP setting its own partner price"] = await PostAsync(contoso, $"/api/v1/partners/{partnerId}/prices", new { discountPercent = 90, effectiveFrom = Day(Today) }),
            ["a provider's resale price"] = await PostAsync(northwind, "/api/v1/prices/resale", Price(ownPlan)),
        };

        Assert.All(answers, a => Assert.True(a.Value.StatusCode == HttpStatusCode.NotFound, $"{a.Key}: {(int)a.Value.StatusCode}"));
        Assert.All(answers.Values, a => Assert.Equal("application/problem+json", a.Content.Headers.ContentType?.MediaType));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task R24_an_every_plan_discount_is_the_partners_cost_and_no_other_partner_sees_it()
    {
        var northwind = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var fabrikam = await factory.CompanyIdAsync("Fabrikam Resellers");
        var plan = await factory.PlanIdAsync("Northwind Email Security – 12 months");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(northwind, "/api/v1/prices", new { planId = plan, period = "Monthly", unitPrice = 10.00m, effectiveFrom = Day(Today) })).StatusCode);

        var set = await PostAsync(northwind, $"/api/v1/partners/{fabrikam}/prices", new { discountPercent = 7.5m, effectiveFrom = Day(Today) }, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.Created, set.StatusCode);
        var partner = await set.JsonAsync();
        Assert.Equal(("Every plan", "7.5% off the list price", "InForce"), (
            partner.GetProperty("overrides")[0].GetProperty("scope").GetString(),
            partner.GetProperty("overrides")[0].GetProperty("price").GetString(),
            partner.GetProperty("overrides")[0].GetProperty("state").GetString()));
        var cost = partner.GetProperty("plans").EnumerateArray().Single(p => p.GetProperty("planId").GetGuid() == plan).GetProperty("cost");
        Assert.Equal((9.25m, "9.25 USD"), (cost.GetProperty("unitPrice").GetDecimal(), cost.GetProperty("price").GetString()));

        var reseller = await ApiKeys.ClientAsync(factory, "Fabrikam Resellers");
        var own = Row(await (await reseller.GetAsync("/api/v1/prices", Cancel)).JsonAsync(), plan);
        Assert.Equal(("9.25 USD", "7.5% off the list price (every plan)"), (own.GetProperty("cost").GetProperty("price").GetString(), own.GetProperty("cost").GetProperty("basis").GetString()));
        Assert.Equal(JsonValueKind.Null, own.GetProperty("resale").ValueKind);

        var contoso = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var others = await (await contoso.GetAsync("/api/v1/prices", Cancel)).Content.ReadAsStringAsync(Cancel);
        Assert.DoesNotContain("7.5%", others, StringComparison.Ordinal);
        Assert.DoesNotContain(plan.ToString(), others, StringComparison.Ordinal);
    }

    public static TheoryData<string, HttpStatusCode, string, string> PartnerRefusals => new()
    {
        { """{ "unitPrice": 9.50 }""", HttpStatusCode.BadRequest, "R18", "PlanId" },
        { """{ "discountPercent": 0 }""", HttpStatusCode.UnprocessableEntity, "R18", "DiscountPercent" },
        { """{ "discountPercent": 100.5 }""", HttpStatusCode.UnprocessableEntity, "R18", "DiscountPercent" },
        { """{ "discountPercent": 10, "unitPrice": 9.50 }""", HttpStatusCode.BadRequest, "R18", "UnitPrice" },
        { """{ "discountPercent": 10, "planId": "00000000-0000-0000-0000-000000000001" }""", HttpStatusCode.UnprocessableEntity, "R1", "PlanId" },
    };

    [Theory]
    [MemberData(nameof(PartnerRefusals))]
    public async Task R18_a_partner_price_that_is_not_one_is_refused_naming_the_field_and_nothing_is_saved(string json, HttpStatusCode status, string rule, string named)
    {
        var northwind = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var partner = await factory.CompanyIdAsync(ApiKeys.Contoso);
        var body = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
        body["effectiveFrom"] = JsonSerializer.SerializeToElement(Day(Today));
        var before = await FingerprintAsync();

        var response = await PostAsync(northwind, $"/api/v1/partners/{partner}/prices", body);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        Assert.Equal(rule, problem.GetProperty("ruleCode").GetString());
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.Equals(named, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(before, await FingerprintAsync());
    }

    [Fact]
    public async Task R19_R24_the_charging_policy_needs_the_plans_version_and_a_stale_one_changes_nothing()
    {
        var northwind = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var plan = await factory.PlanIdAsync("Northwind Cloud App Security – 12 months");
        var url = $"/api/v1/prices/{plan}/charging-policy";
        var read = await northwind.GetAsync($"/api/v1/prices/{plan}", Cancel);
        var etag = read.Headers.ETag!.Tag;

        var blind = await northwind.PutAsJsonAsync(url, new { chargingPolicy = "Used" }, Cancel);
        var unknown = await northwind.PutIfMatchAsync(url, new { chargingPolicy = "Sometimes" }, etag);
        var set = await northwind.PutIfMatchAsync(url, new { chargingPolicy = "Used" }, etag);
        var stale = await northwind.PutIfMatchAsync(url, new { chargingPolicy = "Provisioned" }, etag);

        Assert.Equal((HttpStatusCode)428, blind.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal("Used", (await set.JsonAsync()).GetProperty("plan").GetProperty("chargingPolicy").GetString());
        Assert.NotEqual(etag, set.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal("R19", await stale.RuleCodeAsync());
        Assert.Equal(Domain.Billing.ChargingPolicy.Used, await factory.QueryAsync(db => db.ServicePlans.Where(p => p.Id == plan).Select(p => p.ChargingPolicy).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task R24_an_MSP_key_sets_a_resale_price_and_reads_its_margin()
    {
        var northwind = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind);
        var contoso = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var plan = await factory.PlanIdAsync("Email Security Advanced – 12 months");
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(northwind, "/api/v1/prices", new { planId = plan, period = "Yearly", unitPrice = 120.00m, effectiveFrom = Day(Today) })).StatusCode);

        var resale = await PostAsync(contoso, "/api/v1/prices/resale", new { planId = plan, period = "Monthly", unitPrice = 13.00m, effectiveFrom = Day(Today) });

        Assert.Equal(HttpStatusCode.Created, resale.StatusCode);
        var row = (await resale.JsonAsync()).GetProperty("plan");
        Assert.Equal("13.00 USD", row.GetProperty("resale").GetProperty("inForce").GetProperty("price").GetString());
        // Contoso pays the yearly list price less the demo's 10% discount: 108.00 a year, 9.00 a month; it charges 13.00 a month.
        Assert.Equal(("108.00 USD", "Yearly"), (row.GetProperty("cost").GetProperty("price").GetString(), row.GetProperty("cost").GetProperty("period").GetString()));
        Assert.Equal((4.00m, "4.00 USD"), (row.GetProperty("monthlyMargin").GetDecimal(), row.GetProperty("margin").GetString()));
        var list = Row(await (await northwind.GetAsync("/api/v1/prices", Cancel)).JsonAsync(), plan);
        Assert.Equal(JsonValueKind.Null, list.GetProperty("resale").ValueKind);
        Assert.DoesNotContain(list.GetProperty("list").GetProperty("history").EnumerateArray(), h => h.GetProperty("price").GetString() == "13.00 USD");
    }

    [Fact]
    public async Task R24_reading_prices_needs_ViewBilling_and_setting_them_ManagePrices()
    {
        var accountManager = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind, Roles.PartnerAccountManager);
        var support = await ApiKeys.ClientAsync(factory, ApiKeys.Northwind, Roles.SupportEngineer);
        var plan = await factory.PlanIdAsync("Northwind Endpoint Encryption – 12 months");
        var before = await FingerprintAsync();

        Assert.Equal(HttpStatusCode.OK, (await accountManager.GetAsync("/api/v1/prices", Cancel)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync(accountManager, "/api/v1/prices", new { planId = plan, period = "Monthly", unitPrice = 1m, effectiveFrom = Day(Today) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await support.GetAsync("/api/v1/prices", Cancel)).StatusCode);
        Assert.Equal(before, await FingerprintAsync());
    }

    /// <summary>A plan of another provider of the installation.</summary>
    private async Task<Guid> RivalPlanAsync()
    {
        await using var db = factory.CreateDbContext();
        if (await db.ServicePlans.Where(p => p.Name == "Rival Email – 12 months").Select(p => (Guid?)p.Id).SingleOrDefaultAsync(Cancel) is { } existing)
        {
            return existing;
        }

        var rival = Company.CreateProvider("Rival Prices Distribution", "US", "US", factory.Clock.GetUtcNow());
        var product = await db.Products.FirstAsync(p => p.Name == "Email Security", Cancel);
        var plan = ServicePlan.Create(rival, product, new ServicePlanDefinition("Rival Email – 12 months", product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 1, true, false), factory.Clock.GetUtcNow());
        db.AddRange(rival, plan);
        await db.SaveChangesAsync(Cancel);
        return plan.Id;
    }
}
