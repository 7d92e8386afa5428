using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Webhooks;
using LicensingPortal.FunctionalTests.Api;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.FunctionalTests.Partners;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Web.Api;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Security;

/// <summary>
/// R1, on every route: the administrator of another provider ("Rival Distribution", every permission)
/// calls each action that takes an id, GET and POST, with the ids of Northwind's partners, customers,
/// licenses, plans, suite changes, accounts and statements. Every call answers 404 and nothing in the database changes.
/// The actions are read from the app's own metadata, so a new action is covered without anyone
/// remembering: a route parameter nobody mapped to a victim id fails this test. The REST API's actions
/// (R21) are called the same way with an API key of the rival's, with a JSON body and an If-Match.
/// </summary>
public sealed partial class TenantIsolationTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    private const string RivalAdmin = "admin@rival.example";
    private const string Password = "Orange-Harbor-Passphrase-7";

    /// <summary>
    /// The product catalogue is the vendor's, shared by every provider (products are not tenant data), so
    /// ProductsController is the one exemption; see docs/architecture.md.
    /// </summary>
    private static readonly HashSet<string> SharedCatalogue = ["Products"];

    /// <summary>
    /// R25: a brand's logo is public by design (a host name's sign-in page and emails show it before anyone signs in);
    /// it is the only thing of a company served to anyone, and BrandingTests prove what it answers. The Branding page's
    /// own routes (/companies/{companyId}/branding...) are in the matrix like every other.
    /// </summary>
    private static readonly HashSet<string> PublicByDesign = ["BrandLogo"];

    [Fact]
    public async Task Every_action_with_another_companys_id_answers_404_and_changes_nothing_R1()
    {
        var victims = await VictimIdsAsync();
        var client = await RivalClientAsync();
        var api = ApiKeys.Client(factory, await RivalApiKeyAsync());
        var token = PortalClient.AntiforgeryToken(await client.GetPageAsync("/customers/new"));
        var before = await FingerprintAsync();
        var checkedRoutes = new List<string>();

        foreach (var (method, template, controller, isApi, body) in Actions())
        {
            if (SharedCatalogue.Contains(controller) || PublicByDesign.Contains(controller) || !template.Contains('{', StringComparison.Ordinal))
            {
                continue;
            }

            var url = UrlFor(template, controller, victims);

            var response = isApi
                ? await api.SendAsync(ApiRequest(method, url, body))
                : method == "GET"
                    ? await client.GetAsync(url)
                    : await client.PostAsync(url, new Dictionary<string, string> { ["Version"] = "0", ["Input.Version"] = "0", ["Name"] = "Hijacked", ["Units"] = "1", ["Input.DisplayName"] = "Hijacked", ["Input.Colour"] = "#000000" }, token);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url} ({controller}) answered {(int)response.StatusCode}, not 404.");
            checkedRoutes.Add($"{method} {template}");
        }

        Assert.True(checkedRoutes.Count >= 10, "Too few routes were checked: " + string.Join(", ", checkedRoutes));
        Assert.Equal(before, await FingerprintAsync());
    }

    /// <summary>
    /// R25: a customer's own user (of a customer of the same MSP as the victims) on every page route: every action with
    /// another customer's or a partner's id answers 404, and so does every partner or provider page without an id (an
    /// action is a customer user's only when each permission it requires applies to customer users); nothing changes.
    /// </summary>
    [Fact]
    public async Task A_customer_user_gets_404_on_every_partner_and_provider_route_and_on_foreign_ids_and_changes_nothing_R1_R25()
    {
        var victims = await VictimIdsAsync();
        var own = await CustomerAccounts.CustomerTestData.NewContosoCustomerAsync(factory);
        var client = await PortalClient.SignedInAsCustomerUserAsync(factory, own.Id);
        var token = PortalClient.AntiforgeryToken(await client.GetPageAsync("/my/licenses"));
        var before = await FingerprintAsync();
        var checkedRoutes = new List<string>();

        foreach (var (method, template, controller, isApi, _) in Actions())
        {
            var hasId = template.Contains('{', StringComparison.Ordinal);
            if (isApi || SharedCatalogue.Contains(controller) || (!hasId && (IsCustomerUsersAction(method, template) || IsAnonymous(method, template))))
            {
                continue;
            }

            var url = UrlFor(template, controller, victims);
            var response = method == "GET"
                ? await client.GetAsync(url)
                : await client.PostAsync(url, new Dictionary<string, string> { ["Version"] = "0", ["Input.Version"] = "0", ["Name"] = "Hijacked", ["Units"] = "1" }, token);
            if (url == "/" && method == "GET")
            {
                // The portal's home is a customer user's own licenses.
                Assert.Equal("/my/licenses", response.Headers.Location?.OriginalString);
                continue;
            }

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url} ({controller}) answered {(int)response.StatusCode} to a customer user, not 404.");
            checkedRoutes.Add($"{method} {template}");
        }

        Assert.Contains("GET customers/{id:guid}", checkedRoutes);
        Assert.Contains("GET my/licenses/{licenseId:guid}", checkedRoutes);
        Assert.Contains("GET partners", checkedRoutes);
        Assert.Equal(before, await FingerprintAsync());
    }

    /// <summary>
    /// R25 on the API: a customer's own key (of a customer of the same MSP as the victims) on every API route: every action with
    /// another customer's or a partner's id answers 404, and so does every partner or provider route without an id (an action is
    /// a customer key's only when each permission it requires applies to customer users); nothing changes.
    /// </summary>
    [Fact]
    public async Task A_customer_key_gets_404_on_every_partner_and_provider_api_route_and_on_foreign_ids_and_changes_nothing_R1_R25()
    {
        var victims = await VictimIdsAsync();
        var own = await CustomerAccounts.CustomerTestData.NewContosoCustomerAsync(factory);
        var api = await ApiKeys.CustomerClientAsync(factory, own.Id);
        var before = await FingerprintAsync();
        var checkedRoutes = new List<string>();

        foreach (var (method, template, controller, isApi, body) in Actions())
        {
            if (!isApi || (!template.Contains('{', StringComparison.Ordinal) && IsCustomerUsersAction(method, template)))
            {
                continue;
            }

            var url = UrlFor(template, controller, victims);
            var response = await api.SendAsync(ApiRequest(method, url, body));

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url} ({controller}) answered {(int)response.StatusCode} to a customer key, not 404.");
            checkedRoutes.Add($"{method} {template}");
        }

        Assert.Contains("GET api/v1/customers", checkedRoutes);
        Assert.Contains("GET api/v1/license-requests", checkedRoutes);
        Assert.Contains("GET api/v1/my/licenses/{licenseId:guid}", checkedRoutes);
        Assert.Contains("POST api/v1/my/licenses/{licenseId:guid}/requests", checkedRoutes);
        Assert.Contains("POST api/v1/my/license-requests/{requestId:guid}/withdraw", checkedRoutes);
        Assert.Equal(before, await FingerprintAsync());
    }

    /// <summary>
    /// R26: the matrix inside a support session. The provider's support views a new MSP of the same provider, even with
    /// its consent to writes (its administrator's role): every action with an id of Contoso's (another
    /// partner of the same provider, so the engineer's own company could reach it) answers 404 and nothing changes.
    /// </summary>
    [Fact]
    public async Task A_support_session_reaches_nothing_outside_the_company_viewed_even_with_write_access_R1_R26()
    {
        var victims = await VictimIdsAsync();
        var client = await SupportSessionAsync((await factory.NewPartnerAsync(CompanyType.Msp, PartnerStatus.Active)).Name, writes: true);
        var token = PortalClient.AntiforgeryToken(await client.GetPageAsync("/"));
        var before = await FingerprintAsync();
        var checkedRoutes = new List<string>();

        foreach (var (method, template, controller, isApi, _) in Actions())
        {
            if (isApi || SharedCatalogue.Contains(controller) || PublicByDesign.Contains(controller) || !template.Contains('{', StringComparison.Ordinal))
            {
                continue;
            }

            var url = UrlFor(template, controller, victims);
            var response = method == "GET"
                ? await client.GetAsync(url)
                : await client.PostAsync(url, new Dictionary<string, string> { ["Version"] = "0", ["Input.Version"] = "0", ["Name"] = "Hijacked", ["Units"] = "1", ["minutes"] = "15" }, token);

            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {url} ({controller}) answered {(int)response.StatusCode} in a support session on another partner, not 404.");
            checkedRoutes.Add($"{method} {template}");
        }

        Assert.Contains("POST support-access/{sessionId:guid}/grant", checkedRoutes);
        Assert.True(checkedRoutes.Count >= 10, "Too few routes were checked: " + string.Join(", ", checkedRoutes));
        Assert.NotNull((await client.GetPageAsync("/")).QuerySelector("#support-banner"));
        Assert.Equal(before, await FingerprintAsync());
    }

    /// <summary>
    /// R26: the viewed company's own routes in a read-only support session (no consent): every write action with the ids
    /// of Contoso's own things is refused (404 where the read-only view has no such action, 403 with the rule's sentence
    /// where it has) and nothing changes; every page action still answers without an error.
    /// </summary>
    [Fact]
    public async Task A_read_only_support_session_refuses_every_write_of_the_company_viewed_R26()
    {
        var victims = await VictimIdsAsync();
        var client = await SupportSessionAsync("Contoso Managed Services", writes: false);
        var token = PortalClient.AntiforgeryToken(await client.GetPageAsync("/"));
        var before = await FingerprintAsync();
        var checkedWrites = new List<string>();

        foreach (var (method, template, controller, isApi, _) in Actions())
        {
            if (isApi || SharedCatalogue.Contains(controller) || controller is "SupportAccess" or "Account" or "Error" || (method == "POST" && IsAnonymous(method, template)))
            {
                continue;
            }

            var url = UrlFor(template, controller, victims);
            var response = method == "GET"
                ? await client.GetAsync(url)
                : await client.PostAsync(url, new Dictionary<string, string> { ["Version"] = "0", ["Input.Version"] = "0", ["Name"] = "Hijacked", ["Units"] = "1", ["Country"] = "US" }, token);

            Assert.True((int)response.StatusCode < 500, $"{method} {url} ({controller}) answered {(int)response.StatusCode} in a read-only support session.");
            if (method == "POST")
            {
                Assert.True(
                    response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden or HttpStatusCode.BadRequest
                        || (await response.Content.ReadAsStringAsync()).Contains("read-only support session", StringComparison.Ordinal)
                        || response.StatusCode == HttpStatusCode.Redirect,
                    $"POST {url} ({controller}) answered {(int)response.StatusCode} in a read-only support session.");
                checkedWrites.Add($"{method} {template}");
            }
        }

        Assert.True(checkedWrites.Count >= 30, "Too few write routes were checked: " + string.Join(", ", checkedWrites));
        Assert.Equal(before, await FingerprintAsync());
    }

    /// <summary>The demo provider's administrator in a support session on <paramref name="company"/> (one of its partners), with its consent to writes or without.</summary>
    private async Task<PortalClient> SupportSessionAsync(string company, bool writes)
    {
        var companyId = await factory.QueryAsync(db => db.Companies.Where(c => c.Name == company).Select(c => c.Id).SingleAsync());
        var client = await PortalClient.SignedInAsync(factory, global::LicensingPortal.Infrastructure.Seeding.DemoAccounts.ProviderAdmin);
        var reason = $"Matrix {Guid.NewGuid():N}";
        var started = await client.PostFormAsync($"/support/start/{companyId}", $"/support/start/{companyId}", new() { ["Input.Reason"] = reason, ["Input.Minutes"] = "60" });
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        if (writes)
        {
            await using var db = factory.CreateDbContext();
            var session = await db.SupportSessions.SingleAsync(s => s.Reason == reason);
            session.GrantWriteAccess(Guid.CreateVersion7(), "Company administrator", 60, factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        return client;
    }

    /// <summary>Billing › Statements' bulk decision takes its statements in the form, not the route: another provider's are left out (R24).</summary>
    [Fact]
    public async Task Another_providers_statements_ticked_for_a_bulk_decision_are_left_out_as_if_they_did_not_exist_R1()
    {
        var victim = await factory.QueryAsync(db => db.Statements
            .Where(s => db.Companies.Any(c => c.Id == s.CompanyId && c.Name == "Contoso Managed Services")).Select(s => s.Id).FirstAsync());
        var client = await RivalClientAsync();
        var token = PortalClient.AntiforgeryToken(await client.GetPageAsync("/billing/statements"));
        var before = await FingerprintAsync();

        foreach (var step in new[] { "/billing/statements/decide/preview", "/billing/statements/decide" })
        {
            var response = await client.Http.PostAsync(step, new FormUrlEncodedContent(
                [new("__RequestVerificationToken", token), new("Decision", "Approve"), new("StatementIds", victim.ToString())]));
            var page = await PortalClient.ParseAsync(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Empty(page.QuerySelectorAll("#decide-report tbody tr"));
        }

        Assert.Equal(before, await FingerprintAsync());
    }

    /// <summary>
    /// R24: the usage API and the upload page take license ids in their body, not their route, so the matrix above does not
    /// reach them: the rival reports usage for a Northwind partner's license both ways, and each row is "not found", as for
    /// an id that does not exist, and nothing is saved.
    /// </summary>
    [Fact]
    public async Task Usage_reported_for_another_companys_license_is_not_found_on_its_row_and_changes_nothing_R1_R24()
    {
        var client = await RivalClientAsync();
        var api = ApiKeys.Client(factory, await RivalApiKeyAsync());
        await using var db = factory.CreateDbContext();
        var license = await db.CustomerLicenses.Where(l => l.Customer.Name == "Evergreen Clinic").Select(l => l.Id).FirstAsync();
        var day = factory.Clock.Today.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var before = await FingerprintAsync();

        var byApi = await api.PostAsJsonAsync("/api/v1/usage", new { reports = new[] { new { licenseId = license, day, used = 1 } } });
        var page = await client.GetPageAsync("/usage");
        var byPage = await client.Http.PostAsync("/usage/upload", new MultipartFormDataContent
        {
            { new StringContent(PortalClient.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"LicenseId,Day,Used\r\n{license},{day},1\r\n")), "file", "usage.csv" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, byApi.StatusCode);
        Assert.Contains($"Row 1: license {license} was not found.", await byApi.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var answer = await PortalClient.ParseAsync(await byPage.Content.ReadAsStringAsync());
        Assert.Equal($"Line 2: license {license} was not found.", answer.QuerySelector("#usage-problems li")?.TextContent.Trim());
        Assert.Equal(before, await FingerprintAsync());
    }

    private IEnumerable<(string Method, string Template, string Controller, bool IsApi, Type? Body)> Actions() =>
        factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Where(a => a.AttributeRouteInfo?.Template is not null)
            .SelectMany(a => (a.ActionConstraints?.OfType<HttpMethodActionConstraint>().SelectMany(c => c.HttpMethods) ?? ["GET"])
                .Select(m => (m, a.AttributeRouteInfo!.Template!, a.ControllerName, typeof(ApiControllerBase).IsAssignableFrom(a.ControllerTypeInfo),
                    a.Parameters.FirstOrDefault(p => p.BindingInfo?.BindingSource == BindingSource.Body)?.ParameterType)))
            .Distinct()
            .OrderBy(a => a.Item2);

    /// <summary>Whether every permission the action requires is one a customer's own user may have (R25), so it is theirs to reach.</summary>
    private bool IsCustomerUsersAction(string method, string template) =>
        PermissionsOf(method, template) is { } permissions && permissions.Count > 0 && permissions.All(p => PermissionMatrix.AppliesTo(p, CompanyType.Customer));

    private bool IsAnonymous(string method, string template) =>
        Descriptor(method, template)?.EndpointMetadata.OfType<Microsoft.AspNetCore.Authorization.IAllowAnonymous>().Any() == true;

    private List<Permission>? PermissionsOf(string method, string template) =>
        Descriptor(method, template)?.EndpointMetadata.OfType<Web.Security.RequirePermissionAttribute>().Select(a => a.Permission).Distinct().ToList();

    private ControllerActionDescriptor? Descriptor(string method, string template) =>
        factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .FirstOrDefault(a => a.AttributeRouteInfo?.Template == template
                && (a.ActionConstraints?.OfType<HttpMethodActionConstraint>().SelectMany(c => c.HttpMethods) ?? ["GET"]).Contains(method));

    /// <summary>A well-formed API request, so that only tenancy can refuse it: the action's body type with default values, and an If-Match.</summary>
    private static HttpRequestMessage ApiRequest(string method, string url, Type? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            // A string body is a CSV upload's (the bulk change's): sent as CSV, so only tenancy can refuse it.
            request.Content = body == typeof(string)
                ? new StringContent(string.Empty, System.Text.Encoding.UTF8, "text/csv")
                : JsonContent.Create(RuntimeHelpers.GetUninitializedObject(body), body);
        }

        request.Headers.TryAddWithoutValidation("If-Match", "\"0\"");
        return request;
    }

    /// <summary>The route with each parameter replaced by the victim's id of that name (per controller first).</summary>
    private static string UrlFor(string template, string controller, Dictionary<string, string> victims) =>
        "/" + Parameter().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            return victims.TryGetValue($"{controller}.{name}", out var id) || victims.TryGetValue(name, out id)
                ? id
                : throw new InvalidOperationException($"No victim id for {{{name}}} in {controller} ({template}): add one to VictimIdsAsync.");
        });

    [GeneratedRegex(@"\{(?<name>[A-Za-z]+)(:[^}]*)?\}")]
    private static partial Regex Parameter();

    /// <summary>Ids of things that belong to Northwind and its partners, by route parameter (optionally per controller).</summary>
    private async Task<Dictionary<string, string>> VictimIdsAsync()
    {
        await using var db = factory.CreateDbContext();
        var license = await db.CustomerLicenses.Where(l => l.Customer.Name == "Evergreen Clinic").Select(l => new { l.Id, l.CustomerId }).FirstAsync();
        var partner = await db.Companies.Where(c => c.Name == "Contoso Managed Services").Select(c => c.Id).SingleAsync();
        var plan = await db.ServicePlans.Where(p => p.Name == "Northwind WFBSS Standard – 12 months").Select(p => p.Id).SingleAsync();
        var change = await db.SuiteCompositionChanges.Select(c => c.Id).FirstAsync();
        var pool = await db.LicensePools.Where(p => p.PartnerId == partner).Select(p => p.Id).FirstAsync();
        var user = await db.Users.Where(u => u.CompanyId == partner && u.CustomerId == null).Select(u => u.Id).FirstAsync();
        var (notification, email) = await NotificationOfAsync(db, user, partner);
        var (endpoint, delivery) = await WebhookOfAsync(db, partner);
        // Made once per app: the tests of this class share it, and a buyer has one statement a month.
        var madeUp = new DateOnly(2025, 1, 1);
        var statement = await db.Statements.Include(s => s.Lines).SingleOrDefaultAsync(s => s.CompanyId == partner && s.Month == madeUp)
            ?? await Billing.Statements.MadeUpAsync(factory, "Contoso Managed Services", madeUp, lines: 2);
        // R25: the demo's open change request, in Contoso's queue.
        var request = await db.LicenseRequests.Where(r => r.CompanyId == partner).Select(r => r.Id).FirstAsync();
        // R26: a support session on Northwind's partner Contoso, by Northwind's support.
        var session = await db.SupportSessions.Where(x => x.CompanyId == partner).Select(x => x.Id).FirstOrDefaultAsync();
        if (session == Guid.Empty)
        {
            var provider = await db.Companies.Where(c => c.Id == partner).Select(c => c.ProviderId!.Value).SingleAsync();
            var victim = Domain.Support.SupportSession.Start(Guid.CreateVersion7(), "Victim support", provider, partner, CompanyType.Msp, "Contoso Managed Services", partner, "Victim", 60, factory.Clock.GetUtcNow());
            db.SupportSessions.Add(victim);
            await db.SaveChangesAsync();
            session = victim.Id;
        }

        return new Dictionary<string, string>
        {
            ["Customers.id"] = license.CustomerId.ToString(),
            ["customerId"] = license.CustomerId.ToString(),
            ["CustomerAccounts.id"] = license.CustomerId.ToString(),
            ["licenseId"] = license.Id.ToString(),
            ["Partners.id"] = partner.ToString(),
            ["partnerId"] = partner.ToString(),
            ["ServicePlans.id"] = plan.ToString(),
            ["planId"] = plan.ToString(),
            ["changeId"] = change.ToString(),
            ["poolId"] = pool.ToString(),
            ["userId"] = user.ToString(),
            ["accountId"] = user.ToString(),
            ["code"] = "404",
            ["notificationId"] = notification.ToString(),
            ["emailId"] = email.ToString(),
            ["keyId"] = await ContosoApiKeyIdAsync(),
            ["endpointId"] = endpoint.ToString(),
            ["deliveryId"] = delivery.ToString(),
            ["Statements.id"] = statement.Id.ToString(),
            ["statementId"] = statement.Id.ToString(),
            ["lineId"] = statement.Lines[0].Id.ToString(),
            ["companyId"] = partner.ToString(),
            ["format"] = "csv",
            ["LicenseRequests.id"] = request.ToString(),
            ["MyRequests.id"] = request.ToString(),
            ["requestId"] = request.ToString(),
            ["sessionId"] = session.ToString(),
        };
    }

    /// <summary>A notification of one of Northwind's partner's users, and its email in the outbox, failed (so "send again" would change it).</summary>
    private async Task<(Guid Notification, Guid Email)> NotificationOfAsync(PortalDbContext db, Guid userId, Guid companyId)
    {
        var now = factory.Clock.GetUtcNow();
        var notification = Notification.Create(userId, companyId, NotificationKind.LicenseExpired, $"victim:{Guid.CreateVersion7():N}", "Victim", "/", now);
        var email = OutboxEmail.For(notification, "victim@contoso-msp.example", new RenderedMessage("Victim", "Victim"), now);
        email.Claim(now);
        email.MarkFailed("refused", permanent: true, now);
        db.Notifications.Add(notification);
        db.OutboxEmails.Add(email);
        await db.SaveChangesAsync();
        return (notification.Id, email.Id);
    }

    /// <summary>A webhook endpoint of one of Northwind's partners, with a failed delivery (so "send again" would change it).</summary>
    private async Task<(Guid Endpoint, Guid Delivery)> WebhookOfAsync(PortalDbContext db, Guid companyId)
    {
        var now = factory.Clock.GetUtcNow();
        var endpoint = WebhookEndpoint.Create(companyId, new Uri("https://hooks.contoso.example/in"), WebhookEvents.LicenseChanged, "Victim", "protected", "Victim", now);
        var delivery = WebhookDelivery.Create(endpoint, WebhookEvents.LicenseChanged, $"victim:{Guid.CreateVersion7():N}", now, id => "{}", now);
        db.WebhookEndpoints.Add(endpoint);
        db.WebhookDeliveries.Add(delivery);
        await db.SaveChangesAsync();
        return (endpoint.Id, delivery.Id);
    }

    private async Task<string> ContosoApiKeyIdAsync()
    {
        await ApiKeys.CreateAsync(factory, ApiKeys.Contoso);
        await using var db = factory.CreateDbContext();
        return (await db.ApiKeys.Where(k => k.RevokedAt == null).Join(db.Companies.Where(c => c.Name == ApiKeys.Contoso), k => k.CompanyId, c => c.Id, (k, _) => k.Id).FirstAsync()).ToString();
    }

    private async Task<string> RivalApiKeyAsync()
    {
        await using var db = factory.CreateDbContext();
        var rival = await db.Companies.SingleAsync(c => c.Name == "Rival Distribution");
        var (key, secret) = ApiKey.Create(rival.Id, "Rival integration", Roles.Administrator, "Rival Admin", factory.Clock.GetUtcNow());
        db.ApiKeys.Add(key);
        await db.SaveChangesAsync();
        return secret;
    }

    private async Task<PortalClient> RivalClientAsync()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            if (!await db.Users.AnyAsync(u => u.Email == RivalAdmin))
            {
                var rival = Company.CreateProvider("Rival Distribution", "US", "US", factory.Clock.GetUtcNow());
                db.Companies.Add(rival);
                await db.SaveChangesAsync();
                var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
                var user = new PortalUser { Id = Guid.CreateVersion7(), UserName = RivalAdmin, Email = RivalAdmin, EmailConfirmed = true, DisplayName = "Rival Admin", CompanyId = rival.Id };
                Assert.True((await users.CreateAsync(user, Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, Roles.Administrator)).Succeeded);
            }
        }

        return await PortalClient.SignedInAsync(factory, RivalAdmin, Password);
    }

    /// <summary>Row counts and version sums of every business table: any write shows up here.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var db = factory.CreateDbContext();
        var parts = new[]
        {
            $"companies {await db.Companies.CountAsync()}/{await db.Companies.SumAsync(c => c.Version)}",
            $"customers {await db.Customers.CountAsync()}/{await db.Customers.SumAsync(c => c.Version)}",
            $"licenses {await db.CustomerLicenses.CountAsync()}/{await db.CustomerLicenses.SumAsync(c => c.Version)}",
            $"pools {await db.LicensePools.CountAsync()}/{await db.LicensePools.SumAsync(c => c.Version)}",
            $"plans {await db.ServicePlans.CountAsync()}/{await db.ServicePlans.SumAsync(c => c.Version)}",
            $"scheduled {await db.ScheduledLicenseChanges.CountAsync()}",
            $"assignments {await db.ResellerPlanAssignments.CountAsync()}",
            $"approvals {await db.SuiteChangeApprovals.CountAsync()}",
            $"transactions {await db.LicenseTransactions.CountAsync()}",
            $"notifications {await db.Notifications.CountAsync()}/{await db.Notifications.CountAsync(n => n.ReadAt != null)}",
            $"emails {await db.OutboxEmails.CountAsync()}/{await db.OutboxEmails.SumAsync(e => e.Version)}",
            $"templates {await db.NotificationTemplates.CountAsync()}/{await db.NotificationTemplates.SumAsync(t => t.Version)}",
            $"opt-outs {await db.NotificationOptOuts.CountAsync()}",
            $"customers named Hijacked {await db.Customers.CountAsync(c => c.Name == "Hijacked")}",
            $"api keys revoked {await db.ApiKeys.CountAsync(k => k.RevokedAt != null)}",
            $"webhook endpoints {await db.WebhookEndpoints.CountAsync()}/{await db.WebhookEndpoints.SumAsync(e => e.Version)}",
            $"webhook deliveries {await db.WebhookDeliveries.CountAsync()}/{await db.WebhookDeliveries.SumAsync(d => d.Version)}",
            $"usage {await db.LicenseUsages.CountAsync()}/{await db.LicenseUsages.SumAsync(u => u.Version)}",
            $"over-provisioned days {await db.OverProvisionedDays.CountAsync()}",
            $"plan prices {await db.PlanPrices.CountAsync()}",
            $"license requests {await db.LicenseRequests.CountAsync()}/{await db.LicenseRequests.SumAsync(r => r.Version)}",
            $"brands {await db.CompanyBrands.CountAsync()}/{await db.CompanyBrands.SumAsync(b => b.Version)}",
            $"partner prices {await db.PartnerPrices.CountAsync()}",
            $"charging policies {string.Join(",", await db.ServicePlans.OrderBy(p => p.Id).Select(p => (int)p.ChargingPolicy).ToListAsync())}",
            $"statements {await db.Statements.CountAsync()}/{await db.Statements.SumAsync(s => s.Version)}/{await db.Statements.SumAsync(s => s.Total)}",
            $"statement lines adjusted {await db.Statements.SelectMany(s => s.Lines).CountAsync(l => l.AdjustedChargeable != null || l.Comment != null)}",
            $"users {await db.Users.CountAsync()}/{string.Join(",", await db.Users.OrderBy(u => u.Id).Select(u => u.SecurityStamp).ToListAsync())}",
        };
        return string.Join("; ", parts);
    }
}
