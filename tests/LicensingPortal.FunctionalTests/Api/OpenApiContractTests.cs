using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using LicensingPortal.Application.Security;
using LicensingPortal.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Api;

/// <summary>
/// The API as a client generated from /openapi/v1.json sees it (issue 19): the document passes Redocly's
/// recommended rules, every answer of a run through every operation validates against it (Ajv: status,
/// media type, body schema, headers), errors included, and the README's calls type-check through a client
/// generated from it. Needs Node.js (tools/openapi-check, docs/api-contract.md).
/// </summary>
public sealed class OpenApiContractTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static readonly string[] ExpectedErrors = ["400", "401", "404", "409", "412", "415", "422", "428", "429"];

    [Fact]
    public async Task The_document_passes_redocly_lint_with_the_recommended_rules_R21()
    {
        await OpenApiCheckTool.EnsureInstalledAsync();
        var document = await WriteDocumentAsync();

        var (exitCode, output) = await OpenApiCheckTool.RunAsync("npx", ["--no", "redocly", "lint", "--config", "redocly.yaml", "--format", "stylish", document], TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, $"redocly lint failed ({exitCode}):\n{output}");
        Assert.Contains("valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_answer_of_a_run_through_every_operation_matches_the_document_R21()
    {
        await OpenApiCheckTool.EnsureInstalledAsync();
        var document = await WriteDocumentAsync();
        var exchanges = new List<Exchange>();
        await new ContractRun(factory, exchanges).RunAsync();

        var recorded = Path.Combine(Path.GetTempPath(), $"openapi-exchanges-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(recorded, JsonSerializer.Serialize(exchanges, JsonSerializerOptions.Web), Cancel);
        var (exitCode, output) = await OpenApiCheckTool.RunAsync("node", ["validate.mjs", document, recorded], TimeSpan.FromSeconds(60));
        File.Delete(recorded);
        TestContext.Current.TestOutputHelper?.WriteLine(output);

        Assert.True(exitCode == 0, $"Answers that do not match the document:\n{output}");
        var summary = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        var operations = summary.GetProperty("operations").EnumerateArray().Select(o => o.GetString()!).ToHashSet();
        var documented = (await DocumentAsync()).GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}")).ToHashSet();
        Assert.Empty(documented.Except(operations));
        var statuses = summary.GetProperty("statuses").EnumerateArray().Select(s => s.GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Empty(ExpectedErrors.Except(statuses));
    }

    [Fact]
    public async Task A_client_generated_from_the_document_makes_every_call_of_the_README_without_a_cast_R21()
    {
        await OpenApiCheckTool.EnsureInstalledAsync();
        var document = await WriteDocumentAsync();
        var calls = await File.ReadAllTextAsync(Path.Combine(OpenApiCheckTool.Folder, "client-calls.ts"), Cancel);
        var code = string.Join('\n', calls.Split('\n').Select(line => line.Split("//")[0]));
        Assert.DoesNotMatch(@"\bas\s+[A-Za-z{(\[]|\bany\b|@ts-", code);

        var (generated, generatorOutput) = await OpenApiCheckTool.RunAsync(
            "npx", ["--no", "--", "openapi-typescript", document, "--output", Path.Combine("generated", "api.d.ts")], TimeSpan.FromSeconds(60));
        Assert.True(generated == 0, $"openapi-typescript failed ({generated}):\n{generatorOutput}");
        var (compiled, compilerOutput) = await OpenApiCheckTool.RunAsync("npx", ["--no", "--", "tsc", "--project", "tsconfig.json"], TimeSpan.FromSeconds(120));
        Assert.True(compiled == 0, $"The README's calls do not type-check against the generated client ({compiled}):\n{compilerOutput}");
    }

    [Fact]
    public async Task The_document_requires_exactly_the_settings_a_license_PUT_refuses_to_go_without_R6_R21()
    {
        var client = await ApiKeys.ClientAsync(factory, ApiKeys.Contoso);
        var url = LicenseUrl(await Demo.LicenseOfAsync(factory, "Maple Street Pharmacy"));
        var etag = (await client.GetAsync(url, Cancel)).Headers.ETag!.Tag;

        var empty = await client.PutIfMatchAsync(url, new { }, etag);

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var named = (await empty.JsonAsync()).GetProperty("errors").EnumerateObject().Select(e => e.Name).Order().ToList();
        var schema = (await DocumentAsync()).GetProperty("components").GetProperty("schemas").GetProperty("LicenseModifyRequest");
        Assert.Equal(named, schema.GetProperty("required").EnumerateArray().Select(r => r.GetString()!).Order().ToList());
        Assert.Equal(["addOnEnabled", "autoRenew", "expiresOn", "managedByRemoteManager", "notifyDaysBefore", "units"], named);
    }

    private static string LicenseUrl((Guid CustomerId, Guid LicenseId) l) => $"/api/v1/customers/{l.CustomerId}/licenses/{l.LicenseId}";

    private async Task<JsonElement> DocumentAsync() => await (await ApiKeys.Client(factory, null).GetAsync("/openapi/v1.json", Cancel)).JsonAsync();

    private async Task<string> WriteDocumentAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"openapi-v1-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(path, await ApiKeys.Client(factory, null).GetStringAsync("/openapi/v1.json", Cancel), Cancel);
        return path;
    }

    /// <summary>One answer as the validator reads it.</summary>
    public sealed record Exchange(string Method, string Path, int Status, string? ContentType, Dictionary<string, string> Headers, string Body);

    /// <summary>Keeps every answer that passes through a client.</summary>
    private sealed class Recorder(List<Exchange> exchanges) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            var headers = response.Headers.Concat(response.Content.Headers)
                .ToDictionary(h => h.Key.ToLowerInvariant(), h => string.Join(", ", h.Value));
            lock (exchanges)
            {
                exchanges.Add(new Exchange(request.Method.Method, request.RequestUri!.AbsolutePath, (int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), headers, body));
            }

            return response;
        }
    }

    /// <summary>
    /// Every operation of the README's API, as a client would call it, with the error answers 400, 401, 404, 409,
    /// 412, 415, 422, 428 and 429 on the way. Each step checks it got what it came for, so the run does reach
    /// every operation's success (or named refusal) rather than failing early on something else.
    /// </summary>
    private sealed class ContractRun(PortalFactory factory, List<Exchange> exchanges)
    {
        private readonly DateOnly _today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);

        private async Task<HttpClient> ClientAsync(string? company, string role = Roles.Administrator)
        {
            var client = factory.CreateDefaultClient(new Recorder(exchanges));
            if (company is not null)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiKeys.CreateAsync(factory, company, role));
            }

            return client;
        }

        private static async Task<JsonElement> Expect(HttpStatusCode status, Task<HttpResponseMessage> call)
        {
            var response = await call;
            var text = await response.Content.ReadAsStringAsync(Cancel);
            Assert.True(response.StatusCode == status, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {(int)response.StatusCode}, expected {(int)status}: {text}");
            var json = response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true;
            return text.Length == 0 || !json ? default : JsonDocument.Parse(text).RootElement.Clone();
        }

        private static Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string url, object? body = null, string? ifMatch = null, string? idempotencyKey = null)
        {
            var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
            if (ifMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            }

            if (idempotencyKey is not null)
            {
                request.Headers.Add("Idempotency-Key", idempotencyKey);
            }

            return client.SendAsync(request, Cancel);
        }

        public async Task RunAsync()
        {
            var contoso = await ClientAsync(ApiKeys.Contoso);
            await CustomersAsync(contoso);
            await LicensesAsync(contoso);
            await PartnersAsync(contoso);
            await ServicePlansAsync(contoso);
            await TransactionsAsync(contoso);
            await PoolWarningAsync(contoso);
            await BulkChangesAsync(contoso);
            await UsageAsync(contoso);
            await WebhooksAsync(contoso);
            await PricesAsync(contoso);
            await LicenseRequestsAsync(contoso);
            await MyLicensesAsync();
            await StatementsAsync(contoso);
            await RateLimitAsync();
        }

        private async Task CustomersAsync(HttpClient contoso)
        {
            var firstPage = await Expect(HttpStatusCode.OK, contoso.GetAsync("/api/v1/customers?pageSize=2", Cancel));
            await Expect(HttpStatusCode.OK, contoso.GetAsync($"/api/v1/customers?pageSize=2&sort=Created&descending=true&after={firstPage.GetProperty("nextCursor").GetString()}", Cancel));
            await Expect(HttpStatusCode.BadRequest, contoso.GetAsync("/api/v1/customers?pageSize=0", Cancel));
            await Expect(HttpStatusCode.BadRequest, contoso.GetAsync("/api/v1/customers?status=Bogus", Cancel));
            await Expect(HttpStatusCode.Unauthorized, (await ClientAsync(null)).GetAsync("/api/v1/customers", Cancel));

            var key = Guid.NewGuid().ToString();
            var created = await Expect(HttpStatusCode.Created, Send(contoso, HttpMethod.Post, "/api/v1/customers", new { name = "Contract Run Ltd", country = "US" }, idempotencyKey: key));
            await Expect(HttpStatusCode.Created, Send(contoso, HttpMethod.Post, "/api/v1/customers", new { name = "Contract Run Ltd", country = "US" }, idempotencyKey: key));
            await Expect(HttpStatusCode.UnprocessableEntity, Send(contoso, HttpMethod.Post, "/api/v1/customers", new { name = "Another Run Ltd", country = "US" }, idempotencyKey: key));
            await Expect(HttpStatusCode.Conflict, InProgressReplayAsync(contoso));
            await Expect(HttpStatusCode.BadRequest, Send(contoso, HttpMethod.Post, "/api/v1/customers", new { name = "Contract Run Ltd", country = "USA" }));
            await Expect(HttpStatusCode.UnsupportedMediaType, contoso.PostAsync("/api/v1/customers", new StringContent("Contract Run Ltd", Encoding.UTF8, "text/plain"), Cancel));

            // A customer without licenses: its worst status is null, which the schema must accept.
            var customerId = created.GetProperty("id").GetGuid();
            var listed = await Expect(HttpStatusCode.OK, contoso.GetAsync("/api/v1/customers?search=Contract%20Run", Cancel));
            Assert.Equal(JsonValueKind.Null, listed.GetProperty("items")[0].GetProperty("worstStatus").ValueKind);
            await Expect(HttpStatusCode.NotFound, contoso.GetAsync($"/api/v1/customers/{Guid.NewGuid()}", Cancel));

            var detail = await Expect(HttpStatusCode.OK, contoso.GetAsync($"/api/v1/customers/{customerId}", Cancel));
            var plan = detail.GetProperty("assignablePlans").EnumerateArray().First(p => p.GetProperty("refusal").ValueKind == JsonValueKind.Null).GetProperty("id").GetGuid();
            await Expect(HttpStatusCode.Created, Send(contoso, HttpMethod.Post, $"/api/v1/customers/{customerId}/licenses", new { servicePlanId = plan }, idempotencyKey: Guid.NewGuid().ToString()));
            await Expect(HttpStatusCode.UnprocessableEntity, Send(contoso, HttpMethod.Post, $"/api/v1/customers/{customerId}/licenses", new { servicePlanId = Guid.NewGuid() }));
        }

        /// <summary>A retry while the first request with its key is still running: the record is reserved, its answer not yet stored.</summary>
        private async Task<HttpResponseMessage> InProgressReplayAsync(HttpClient contoso)
        {
            var key = Guid.NewGuid().ToString();
            var body = new { name = "In Progress Ltd", country = "US" };
            await Expect(HttpStatusCode.Created, Send(contoso, HttpMethod.Post, "/api/v1/customers", body, idempotencyKey: key));
            await using (var db = factory.CreateDbContext())
            {
                await db.IdempotentRequests.Where(r => r.Key == key).ExecuteUpdateAsync(r => r.SetProperty(x => x.StatusCode, 0), Cancel);
            }

            return await Send(contoso, HttpMethod.Post, "/api/v1/customers", body, idempotencyKey: key);
        }

        private async Task LicensesAsync(HttpClient contoso)
        {
            var url = LicenseUrl(await Demo.LicenseOfAsync(factory, "Maple Street Pharmacy"));
            var read = await contoso.GetAsync(url, Cancel);
            var license = await Expect(HttpStatusCode.OK, Task.FromResult(read));
            var settings = license.GetProperty("settings");
            object Body(int units, string? applyOn = null) => new
            {
                units,
                expiresOn = settings.GetProperty("expiresOn").GetString(),
                autoRenew = settings.GetProperty("autoRenew").GetBoolean(),
                autoRenewMonths = settings.GetProperty("autoRenewMonths").ValueKind == JsonValueKind.Number ? settings.GetProperty("autoRenewMonths").GetInt32() : (int?)null,
                notifyDaysBefore = settings.GetProperty("notifyDaysBefore").GetInt32(),
                managedByRemoteManager = settings.GetProperty("managedByRemoteManager").GetBoolean(),
                addOnEnabled = settings.GetProperty("addOnEnabled").GetBoolean(),
                applyOn,
            };

            var etag = read.Headers.ETag!.Tag;
            var units = settings.GetProperty("units").GetInt32();
            var modified = await Send(contoso, HttpMethod.Put, url, Body(units + 1), etag);
            await Expect(HttpStatusCode.OK, Task.FromResult(modified));
            await Expect(HttpStatusCode.PreconditionFailed, Send(contoso, HttpMethod.Put, url, Body(units + 2), etag));
            await Expect((HttpStatusCode)428, Send(contoso, HttpMethod.Put, url, Body(units + 2)));
            await Expect(HttpStatusCode.BadRequest, Send(contoso, HttpMethod.Put, url, new { units = 5 }, modified.Headers.ETag!.Tag));
            var scheduled = await Send(contoso, HttpMethod.Put, url, Body(units + 3, _today.AddDays(10).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)), modified.Headers.ETag!.Tag);
            Assert.NotEqual(JsonValueKind.Null, (await Expect(HttpStatusCode.OK, Task.FromResult(scheduled))).GetProperty("pendingChange").ValueKind);
            await Expect(HttpStatusCode.OK, contoso.DeleteAsync(url + "/pending-change", Cancel));
            await Expect(HttpStatusCode.UnprocessableEntity, contoso.DeleteAsync(url + "/pending-change", Cancel));
            await Expect(HttpStatusCode.NotFound, contoso.GetAsync(LicenseUrl((Guid.NewGuid(), Guid.NewGuid())), Cancel));

            var trialUrl = LicenseUrl(await Demo.LicenseOfAsync(factory, "Acme Dental"));
            var trialRead = await contoso.GetAsync(trialUrl, Cancel);
            var trial = await Expect(HttpStatusCode.OK, Task.FromResult(trialRead));
            await Expect(HttpStatusCode.UnprocessableEntity, Send(contoso, HttpMethod.Put, trialUrl, new
            {
                units = 50,
                expiresOn = trial.GetProperty("settings").GetProperty("expiresOn").GetString(),
                autoRenew = false,
                notifyDaysBefore = 30,
                managedByRemoteManager = false,
                addOnEnabled = false,
            }, trialRead.Headers.ETag!.Tag));
            var conversionPlan = trial.GetProperty("conversionPlans").EnumerateArray().First(p => p.GetProperty("refusal").ValueKind == JsonValueKind.Null).GetProperty("id").GetGuid();
            await Expect(HttpStatusCode.OK, Send(contoso, HttpMethod.Post, trialUrl + "/convert", new { servicePlanId = conversionPlan }, trialRead.Headers.ETag!.Tag));
        }

        private async Task PartnersAsync(HttpClient contoso)
        {
            var northwind = await ClientAsync(ApiKeys.Northwind);
            var partners = await Expect(HttpStatusCode.OK, northwind.GetAsync("/api/v1/partners", Cancel));
            await Expect(HttpStatusCode.OK, northwind.GetAsync("/api/v1/partners?pageSize=1&page=2&sort=CustomersDesc", Cancel));
            await Expect(HttpStatusCode.OK, northwind.GetAsync($"/api/v1/partners/{partners.GetProperty("items")[0].GetProperty("id").GetGuid()}", Cancel));
            await Expect(HttpStatusCode.NotFound, contoso.GetAsync("/api/v1/partners", Cancel));

            // Suite composition changes: whichever of the two owns plans the demo's pending change locks approves it.
            var approved = false;
            foreach (var owner in new[] { contoso, northwind })
            {
                var pending = (await Expect(HttpStatusCode.OK, owner.GetAsync("/api/v1/suite-change-approvals", Cancel))).GetProperty("pending");
                if (pending.GetArrayLength() > 0)
                {
                    var approve = $"/api/v1/suite-change-approvals/{pending[0].GetProperty("id").GetGuid()}/approve";
                    await Expect(HttpStatusCode.OK, owner.PostAsync(approve, null, Cancel));
                    await Expect(HttpStatusCode.UnprocessableEntity, owner.PostAsync(approve, null, Cancel));
                    approved = true;
                }
            }

            Assert.True(approved, "The demo data has a suite composition change awaiting approval.");
        }

        private static async Task ServicePlansAsync(HttpClient contoso)
        {
            var plans = await Expect(HttpStatusCode.OK, contoso.GetAsync("/api/v1/service-plans?lifecycle=Active&locked=false&licenseType=Full", Cancel));
            var first = await Expect(HttpStatusCode.OK, contoso.GetAsync($"/api/v1/service-plans/{plans[0].GetProperty("id").GetGuid()}", Cancel));
            var body = new
            {
                name = "Contract Run Plan",
                productId = first.GetProperty("productId").GetGuid(),
                serviceLevelId = first.GetProperty("serviceLevelId").GetGuid(),
                periodLength = 12,
            };
            var created = await Send(contoso, HttpMethod.Post, "/api/v1/service-plans", body, idempotencyKey: Guid.NewGuid().ToString());
            var planId = (await Expect(HttpStatusCode.Created, Task.FromResult(created))).GetProperty("plan").GetProperty("id").GetGuid();
            await Expect(HttpStatusCode.OK, Send(contoso, HttpMethod.Put, $"/api/v1/service-plans/{planId}", body with { name = "Contract Run Plan, renamed" }, created.Headers.ETag!.Tag));
        }

        private static async Task TransactionsAsync(HttpClient contoso)
        {
            var page = await Expect(HttpStatusCode.OK, contoso.GetAsync("/api/v1/transactions?pageSize=1", Cancel));
            var before = Uri.EscapeDataString(page.GetProperty("nextBefore").GetString()!);
            await Expect(HttpStatusCode.OK, contoso.GetAsync($"/api/v1/transactions?before={before}&type=LicenseChange", Cancel));
            await Expect(HttpStatusCode.BadRequest, contoso.GetAsync("/api/v1/transactions?pageSize=201", Cancel));
        }

        private async Task PoolWarningAsync(HttpClient contoso)
        {
            var read = await contoso.GetAsync("/api/v1/pool-warning", Cancel);
            await Expect(HttpStatusCode.OK, Task.FromResult(read));
            var set = await Send(contoso, HttpMethod.Put, "/api/v1/pool-warning", new { percent = 15 }, read.Headers.ETag!.Tag);
            await Expect(HttpStatusCode.OK, Task.FromResult(set));
            await Expect(HttpStatusCode.UnprocessableEntity, Send(contoso, HttpMethod.Put, "/api/v1/pool-warning", new { percent = 100 }, set.Headers.ETag!.Tag));
            await Expect(HttpStatusCode.NotFound, (await ClientAsync(ApiKeys.Northwind)).GetAsync("/api/v1/pool-warning", Cancel));
        }

        private async Task BulkChangesAsync(HttpClient contoso)
        {
            var (_, license) = await Demo.LicenseOfAsync(factory, "Northgate Realty");
            var (_, trial) = await Demo.LicenseOfAsync(factory, "Acme Dental");
            await Expect(HttpStatusCode.OK, Send(contoso, HttpMethod.Post, "/api/v1/bulk/license-changes/preview", new { licenseIds = new[] { license, trial }, autoRenew = false }));
            await Expect(HttpStatusCode.OK, Send(contoso, HttpMethod.Post, "/api/v1/bulk/license-changes", new { licenseIds = new[] { license }, notifyDaysBefore = 45 }, idempotencyKey: Guid.NewGuid().ToString()));
            await Expect(HttpStatusCode.BadRequest, Send(contoso, HttpMethod.Post, "/api/v1/bulk/license-changes/preview", new { licenseIds = Array.Empty<Guid>() }));

            var csv = $"License ID,Notify days before\r\n{license},40\r\n";
            HttpRequestMessage Csv(string url) => new(HttpMethod.Post, url)
            {
                Content = new StringContent(csv, Encoding.UTF8, "text/csv"),
                Headers = { { "Idempotency-Key", Guid.NewGuid().ToString() } },
            };
            await Expect(HttpStatusCode.OK, contoso.SendAsync(Csv("/api/v1/bulk/license-changes/csv/preview"), Cancel));
            await Expect(HttpStatusCode.OK, contoso.SendAsync(Csv("/api/v1/bulk/license-changes/csv"), Cancel));
        }

        /// <summary>R24: a batch recorded, one refused with its rows named (a day after today), a license's month, a bad month, an unknown license.</summary>
        private async Task UsageAsync(HttpClient contoso)
        {
            var (_, license) = await Demo.LicenseOfAsync(factory, "Valley Print Shop");
            string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var recorded = await Expect(HttpStatusCode.OK, Send(contoso, HttpMethod.Post, "/api/v1/usage",
                new { reports = new[] { new { licenseId = license, day = Day(_today), used = 999 } } }, idempotencyKey: Guid.NewGuid().ToString()));
            Assert.Equal(1, recorded.GetProperty("overProvisioned").GetArrayLength());
            await Expect(HttpStatusCode.BadRequest, Send(contoso, HttpMethod.Post, "/api/v1/usage", new { reports = new[] { new { licenseId = license, day = Day(_today.AddDays(1)), used = 1 } } }));
            var month = await Expect(HttpStatusCode.OK, contoso.GetAsync($"/api/v1/licenses/{license}/usage?month={_today.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture)}", Cancel));
            Assert.Equal(999, month.GetProperty("maxUsed").GetInt32());
            await Expect(HttpStatusCode.BadRequest, contoso.GetAsync($"/api/v1/licenses/{license}/usage?month=13-2026", Cancel));
            await Expect(HttpStatusCode.NotFound, contoso.GetAsync($"/api/v1/licenses/{Guid.NewGuid()}/usage", Cancel));
        }

        private static async Task WebhooksAsync(HttpClient contoso)
        {
            var created = await Expect(HttpStatusCode.Created, Send(contoso, HttpMethod.Post, "/api/v1/webhooks", new { url = "https://hooks.contoso.example/contract", events = new[] { "license.changed" } }));
            var url = $"/api/v1/webhooks/{created.GetProperty("endpoint").GetProperty("id").GetGuid()}";
            await Expect(HttpStatusCode.BadRequest, Send(contoso, HttpMethod.Post, "/api/v1/webhooks", new { url = "https://hooks.contoso.example/x", events = new[] { "no.such_event" } }));
            await Expect(HttpStatusCode.OK, contoso.GetAsync("/api/v1/webhooks", Cancel));
            var read = await contoso.GetAsync(url, Cancel);
            await Expect(HttpStatusCode.OK, Task.FromResult(read));
            await Expect(HttpStatusCode.OK, Send(contoso, HttpMethod.Put, url, new { url = "https://hooks.contoso.example/contract2", events = new[] { "license.changed", "license.renewed" }, description = "Contract run" }, read.Headers.ETag!.Tag));
            await Expect(HttpStatusCode.OK, contoso.PostAsync(url + "/disable", null, Cancel));
            await Expect(HttpStatusCode.UnprocessableEntity, contoso.PostAsync(url + "/disable", null, Cancel));
            await Expect(HttpStatusCode.OK, contoso.PostAsync(url + "/enable", null, Cancel));
            await Expect(HttpStatusCode.OK, contoso.PostAsync(url + "/ping", null, Cancel));
            var deliveries = await Expect(HttpStatusCode.OK, contoso.GetAsync(url + "/deliveries?pageSize=1", Cancel));
            var ping = deliveries.GetProperty("items")[0].GetProperty("id").GetGuid();
            await Expect(HttpStatusCode.UnprocessableEntity, contoso.PostAsync($"{url}/deliveries/{ping}/send-again", null, Cancel));
            await Expect(HttpStatusCode.OK, contoso.PostAsync(url + "/rotate-secret", null, Cancel));
            await Expect(HttpStatusCode.NoContent, contoso.DeleteAsync(url, Cancel));
        }

        /// <summary>R24: the provider's list and partner prices, a plan's charging policy, the MSP's resale price.</summary>
        private async Task PricesAsync(HttpClient contoso)
        {
            var northwind = await ClientAsync(ApiKeys.Northwind);
            var today = _today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            var plans = (await Expect(HttpStatusCode.OK, contoso.GetAsync("/api/v1/prices", Cancel))).GetProperty("plans");
            var plan = plans[0].GetProperty("planId").GetGuid();
            var price = new { planId = plan, period = "Monthly", unitPrice = 10.00m, effectiveFrom = today };
            await Expect(HttpStatusCode.Created, Send(northwind, HttpMethod.Post, "/api/v1/prices", price, idempotencyKey: Guid.NewGuid().ToString()));
            await Expect(HttpStatusCode.UnprocessableEntity, Send(northwind, HttpMethod.Post, "/api/v1/prices", price with { unitPrice = -1m }));
            await Expect(HttpStatusCode.BadRequest, Send(northwind, HttpMethod.Post, "/api/v1/prices", new { planId = plan }));
            await Expect(HttpStatusCode.OK, northwind.GetAsync("/api/v1/prices", Cancel));
            var read = await northwind.GetAsync($"/api/v1/prices/{plan}", Cancel);
            await Expect(HttpStatusCode.OK, Task.FromResult(read));
            await Expect(HttpStatusCode.Created, Send(contoso, HttpMethod.Post, "/api/v1/prices/resale", price with { unitPrice = 12.00m }, idempotencyKey: Guid.NewGuid().ToString()));

            var partner = (await Expect(HttpStatusCode.OK, northwind.GetAsync("/api/v1/partners?pageSize=1", Cancel))).GetProperty("items")[0].GetProperty("id").GetGuid();
            await Expect(HttpStatusCode.Created, Send(northwind, HttpMethod.Post, $"/api/v1/partners/{partner}/prices", new { discountPercent = 5m, effectiveFrom = today }, idempotencyKey: Guid.NewGuid().ToString()));
            await Expect(HttpStatusCode.OK, northwind.GetAsync($"/api/v1/partners/{partner}/prices", Cancel));
            await Expect(HttpStatusCode.NotFound, contoso.GetAsync($"/api/v1/partners/{partner}/prices", Cancel));

            // The provider sets the charging policy of every plan it bills, Contoso's own included; Contoso is refused (R24).
            var billed = await northwind.GetAsync($"/api/v1/prices/{plan}", Cancel);
            var policy = $"/api/v1/prices/{plan}/charging-policy";
            await Expect((HttpStatusCode)428, Send(northwind, HttpMethod.Put, policy, new { chargingPolicy = "Used" }));
            var set = await Send(northwind, HttpMethod.Put, policy, new { chargingPolicy = "Used" }, billed.Headers.ETag!.Tag);
            await Expect(HttpStatusCode.OK, Task.FromResult(set));
            await Expect(HttpStatusCode.PreconditionFailed, Send(northwind, HttpMethod.Put, policy, new { chargingPolicy = "Provisioned" }, billed.Headers.ETag!.Tag));
            await Expect(HttpStatusCode.UnprocessableEntity, Send(contoso, HttpMethod.Put, policy, new { chargingPolicy = "Provisioned" }, set.Headers.ETag!.Tag));
        }

        /// <summary>R25: the demo's open change request (Evergreen Clinic asks Contoso) through the queue's operations, declined.</summary>
        private static async Task LicenseRequestsAsync(HttpClient contoso)
        {
            var queue = await Expect(HttpStatusCode.OK, contoso.GetAsync("/api/v1/license-requests?state=Open", Cancel));
            var url = $"/api/v1/license-requests/{queue.GetProperty("items")[0].GetProperty("id").GetGuid()}";
            var read = await contoso.GetAsync(url, Cancel);
            await Expect(HttpStatusCode.OK, Task.FromResult(read));
            await Expect(HttpStatusCode.NotFound, contoso.GetAsync($"/api/v1/license-requests/{Guid.NewGuid()}", Cancel));
            await Expect((HttpStatusCode)428, Send(contoso, HttpMethod.Post, $"{url}/approve", new { applyMode = "Now" }));
            await Expect(HttpStatusCode.OK, Send(contoso, HttpMethod.Post, $"{url}/decline", new { reason = "Contract run" }, read.Headers.ETag!.Tag));
            await Expect(HttpStatusCode.PreconditionFailed, Send(contoso, HttpMethod.Post, $"{url}/approve", new { applyMode = "Now" }, read.Headers.ETag!.Tag));
        }

        /// <summary>
        /// R25: a customer's own key: its licenses, a change request asked (400 without a comment, 422 a second one while it is open),
        /// listed, read and withdrawn (428 without If-Match, 412 when stale).
        /// </summary>
        private async Task MyLicensesAsync()
        {
            var customer = await CustomerAccounts.CustomerTestData.NewContosoCustomerAsync(factory);
            var mine = factory.CreateDefaultClient(new Recorder(exchanges));
            mine.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await ApiKeys.CreateForCustomerAsync(factory, customer.Id));
            var license = (await Expect(HttpStatusCode.OK, mine.GetAsync("/api/v1/my/licenses", Cancel))).GetProperty("licenses")[0];
            var licenseUrl = $"/api/v1/my/licenses/{license.GetProperty("id").GetGuid()}";
            await Expect(HttpStatusCode.OK, mine.GetAsync(licenseUrl, Cancel));
            await Expect(HttpStatusCode.NotFound, mine.GetAsync($"/api/v1/my/licenses/{Guid.NewGuid()}", Cancel));

            var ask = new { kind = "Units", units = license.GetProperty("units").GetInt32() + 5, comment = "Contract run" };
            await Expect(HttpStatusCode.BadRequest, Send(mine, HttpMethod.Post, $"{licenseUrl}/requests", new { kind = "Units", units = 5, comment = string.Empty }));
            var created = await Send(mine, HttpMethod.Post, $"{licenseUrl}/requests", ask);
            await Expect(HttpStatusCode.Created, Task.FromResult(created));
            await Expect(HttpStatusCode.UnprocessableEntity, Send(mine, HttpMethod.Post, $"{licenseUrl}/requests", ask));
            await Expect(HttpStatusCode.OK, mine.GetAsync("/api/v1/my/license-requests?state=Open", Cancel));
            var url = created.Headers.Location!.OriginalString;
            var read = await mine.GetAsync(url, Cancel);
            await Expect(HttpStatusCode.OK, Task.FromResult(read));
            await Expect((HttpStatusCode)428, Send(mine, HttpMethod.Post, $"{url}/withdraw"));
            await Expect(HttpStatusCode.OK, Send(mine, HttpMethod.Post, $"{url}/withdraw", ifMatch: read.Headers.ETag!.Tag));
            await Expect(HttpStatusCode.PreconditionFailed, Send(mine, HttpMethod.Post, $"{url}/withdraw", ifMatch: read.Headers.ETag!.Tag));
        }

        /// <summary>
        /// R24: this month closed (the clock moves to next month's first minute), then a statement's review through every
        /// statements operation: list, read, estimate, the files, adjust (400 without a comment, 412 stale, 428 without
        /// If-Match), submit, reject, approve (422 twice), complete, and the bulk decision previewed and applied.
        /// </summary>
        private async Task StatementsAsync(HttpClient contoso)
        {
            var month = await Billing.Statements.CloseThisMonthAsync(factory);
            var northwind = await ClientAsync(ApiKeys.Northwind);
            var list = await Expect(HttpStatusCode.OK, contoso.GetAsync($"/api/v1/statements?month={month:yyyy-MM-dd}&state=Preparing&search=contoso&page=1", Cancel));
            await Expect(HttpStatusCode.OK, northwind.GetAsync("/api/v1/statements", Cancel));
            await Expect(HttpStatusCode.BadRequest, contoso.GetAsync("/api/v1/statements?state=Bogus", Cancel));
            var url = $"/api/v1/statements/{list.GetProperty("items")[0].GetProperty("id").GetGuid()}";
            var read = await contoso.GetAsync(url, Cancel);
            var statement = await Expect(HttpStatusCode.OK, Task.FromResult(read));
            await Expect(HttpStatusCode.NotFound, contoso.GetAsync($"/api/v1/statements/{Guid.NewGuid()}", Cancel));
            var companyId = statement.GetProperty("companyId").GetGuid();
            await Expect(HttpStatusCode.OK, contoso.GetAsync($"/api/v1/statements/estimate/{companyId}", Cancel));
            foreach (var format in new[] { "csv", "xlsx", "pdf" })
            {
                await Expect(HttpStatusCode.OK, contoso.GetAsync($"{url}/export/{format}", Cancel));
            }

            await Expect(HttpStatusCode.OK, northwind.GetAsync($"/api/v1/statements/estimate/{companyId}/export/xlsx", Cancel));

            var line = statement.GetProperty("customers")[0].GetProperty("lines")[0];
            var adjust = $"{url}/lines/{line.GetProperty("id").GetGuid()}/adjustment";
            var etag = read.Headers.ETag!.Tag;
            await Expect(HttpStatusCode.BadRequest, Send(contoso, HttpMethod.Post, adjust, new { chargeable = 0 }, etag));
            await Expect((HttpStatusCode)428, Send(contoso, HttpMethod.Post, adjust, new { chargeable = 0, comment = "Contract run" }));
            var adjusted = await Send(contoso, HttpMethod.Post, adjust, new { chargeable = 0, comment = "Contract run" }, etag);
            await Expect(HttpStatusCode.OK, Task.FromResult(adjusted));
            await Expect(HttpStatusCode.PreconditionFailed, Send(contoso, HttpMethod.Post, $"{url}/submit", null, etag));
            var submitted = await Send(contoso, HttpMethod.Post, $"{url}/submit", null, adjusted.Headers.ETag!.Tag);
            await Expect(HttpStatusCode.OK, Task.FromResult(submitted));
            var rejected = await Send(northwind, HttpMethod.Post, $"{url}/reject", new { reason = "Contract run" }, submitted.Headers.ETag!.Tag);
            await Expect(HttpStatusCode.OK, Task.FromResult(rejected));
            var again = await Send(contoso, HttpMethod.Post, $"{url}/submit", null, rejected.Headers.ETag!.Tag);
            await Expect(HttpStatusCode.OK, Task.FromResult(again));
            var approved = await Send(northwind, HttpMethod.Post, $"{url}/approve", null, again.Headers.ETag!.Tag);
            await Expect(HttpStatusCode.OK, Task.FromResult(approved));
            await Expect(HttpStatusCode.UnprocessableEntity, Send(northwind, HttpMethod.Post, $"{url}/approve", null, approved.Headers.ETag!.Tag));
            await Expect(HttpStatusCode.OK, Send(northwind, HttpMethod.Post, $"{url}/complete", null, approved.Headers.ETag!.Tag));

            var others = (await Expect(HttpStatusCode.OK, northwind.GetAsync($"/api/v1/statements?month={month:yyyy-MM-dd}", Cancel))).GetProperty("items");
            var ids = others.EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToArray();
            await Expect(HttpStatusCode.OK, Send(northwind, HttpMethod.Post, "/api/v1/statements/decisions/preview", new { statementIds = ids, decision = "Reject", reason = "Contract run" }));
            await Expect(HttpStatusCode.OK, Send(northwind, HttpMethod.Post, "/api/v1/statements/decisions", new { statementIds = ids, decision = "Complete" }, idempotencyKey: Guid.NewGuid().ToString()));
            await Expect(HttpStatusCode.BadRequest, Send(northwind, HttpMethod.Post, "/api/v1/statements/decisions/preview", new { statementIds = Array.Empty<Guid>(), decision = "Approve" }));
        }

        /// <summary>A key of its own past the limit (300 a minute): the last answer is 429 with Retry-After.</summary>
        private async Task RateLimitAsync()
        {
            var busy = await ClientAsync(ApiKeys.Contoso, Roles.SupportEngineer);
            HttpResponseMessage response;
            var calls = 0;
            do
            {
                response = await busy.GetAsync("/api/v1/service-plans?search=none", Cancel);
                calls++;
            }
            while (response.StatusCode != HttpStatusCode.TooManyRequests && calls <= 400);

            Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
    }
}
