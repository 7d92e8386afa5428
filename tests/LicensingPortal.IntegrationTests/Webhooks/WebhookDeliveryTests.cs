using System.Text.Json;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Webhooks;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Domain.Webhooks;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Webhooks;
using LicensingPortal.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;

namespace LicensingPortal.IntegrationTests.Webhooks;

/// <summary>
/// ADR 0011 end to end: the webhook job ("nodes", each with its own services) reads what happened to an MSP's
/// licenses and delivers it to a real HTTPS receiver on 127.0.0.1: signed with the endpoint's secret, retried
/// while the receiver is down, once however many nodes race, and the endpoint disabled (its owner told) after
/// days of failures. A host that resolves to loopback is not delivered to when private targets are not allowed.
/// </summary>
public abstract class WebhookDeliveryTests : IAsyncLifetime
{
    private const int Licenses = 4;
    private static readonly DateTimeOffset Now = TestToday.Now;
    private readonly TestClock _clock = new(Now);
    private readonly List<ServiceProvider> _nodes = [];

    protected TestDatabase Database { get; private set; } = null!;

    private WebhookReceiver Receiver { get; set; } = null!;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Database = await CreateDatabaseAsync();
        await Database.MigrateAsync();
        Receiver = await WebhookReceiver.StartAsync();
        await DueChangesSeed.SeedAsync(Database, Licenses, Now);
        await AddAdministratorAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Receiver.DisposeAsync();
        await Database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected abstract Task<TestDatabase> CreateDatabaseAsync();

    [Fact]
    public async Task Each_license_change_reaches_the_receiver_once_signed_with_the_endpoints_secret()
    {
        var node = Node();
        var (_, secret) = await AddEndpointAsync(node, Receiver.Url, WebhookEvents.LicenseChanged);

        var run = await Job(node).RunOnceAsync(Cancel);

        var transactions = await CountAsync(db => db.LicenseTransactions.CountAsync(Cancel));
        Assert.Equal(transactions, run.Delivered);
        Assert.Equal(transactions, Receiver.Received.Count);
        var company = await CountAsync(db => db.Companies.Where(c => c.Name == "Scale MSP").Select(c => c.Id).SingleAsync(Cancel));
        foreach (var hook in Receiver.Received)
        {
            Assert.True(WebhookSignature.Verify(secret, hook.Signature!, hook.Body, _clock.GetUtcNow(), TimeSpan.FromMinutes(5)), "The signature verifies with the secret shown once.");
            Assert.False(WebhookSignature.Verify("whsec_wrong", hook.Signature!, hook.Body, _clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
            Assert.Equal(_clock.GetUtcNow().ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), hook.Timestamp);
            using var body = JsonDocument.Parse(hook.Body);
            Assert.Equal(hook.Id, body.RootElement.GetProperty("id").GetString());
            Assert.Equal("license.changed", body.RootElement.GetProperty("type").GetString());
            Assert.Equal(company, body.RootElement.GetProperty("companyId").GetGuid());
            var data = body.RootElement.GetProperty("data");
            Assert.StartsWith("Customer ", data.GetProperty("customer").GetString(), StringComparison.Ordinal);
            Assert.Equal($"/api/v1/customers/{data.GetProperty("customerId").GetGuid()}/licenses/{data.GetProperty("licenseId").GetGuid()}", data.GetProperty("href").GetString());
        }

        var again = await Job(node).RunOnceAsync(Cancel);
        Assert.Equal(0, again.Created + again.Delivered);
        Assert.All(await CountAsync(db => db.WebhookDeliveries.ToListAsync(Cancel)), d => Assert.Equal(204, d.LastStatusCode));
    }

    [Fact]
    public async Task A_test_event_reaches_the_receiver_signed_whatever_the_endpoint_subscribes_to_and_only_its_owner_can_send_one_R1()
    {
        var node = Node();
        var (endpointId, secret) = await AddEndpointAsync(node, Receiver.Url, WebhookEvents.SuiteChangePending);
        Result sent, rival;
        await using (var db = Database.CreateContext())
        {
            var msp = await db.Companies.SingleAsync(c => c.Name == "Scale MSP", Cancel);
            var provider = await db.Companies.SingleAsync(c => c.Id == msp.ProviderId, Cancel);
            sent = await new SendWebhookPing(db, new CompanyAdministrator(msp), _clock).HandleAsync(endpointId, Cancel);
            rival = await new SendWebhookPing(db, new CompanyAdministrator(provider), _clock).HandleAsync(endpointId, Cancel);
        }

        var run = await Job(node).RunOnceAsync(Cancel);

        Assert.True(sent.Succeeded, sent.Message);
        Assert.Equal(ResultKind.NotFound, rival.Kind); // R1: another company's endpoint is not there
        Assert.Equal(1, run.Delivered);
        var hook = Assert.Single(Receiver.Received);
        Assert.True(WebhookSignature.Verify(secret, hook.Signature!, hook.Body, _clock.GetUtcNow(), TimeSpan.FromMinutes(5)));
        using var body = JsonDocument.Parse(hook.Body);
        Assert.Equal("ping", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(hook.Id, body.RootElement.GetProperty("id").GetString());
        Assert.Equal(endpointId, body.RootElement.GetProperty("data").GetProperty("endpointId").GetGuid());
        Assert.Equal(WebhookDeliveryState.Delivered, (await CountAsync(db => db.WebhookDeliveries.SingleAsync(Cancel))).State);
    }

    [Fact]
    public async Task A_receiver_that_is_down_gets_the_delivery_after_the_backoff_once()
    {
        var node = Node();
        await AddEndpointAsync(node, Receiver.Url, WebhookEvents.LicenseChanged);
        Receiver.Mode = ReceiverMode.Down;

        var down = await Job(node).RunOnceAsync(Cancel);

        Assert.Equal(0, down.Delivered);
        Assert.Equal(1, Receiver.Calls); // once the endpoint failed, its other deliveries wait for the next run
        var waiting = await CountAsync(db => db.WebhookDeliveries.OrderBy(d => d.DueAt).ToListAsync(Cancel));
        var tried = waiting.Single(d => d.Attempts == 1);
        Assert.Equal(WebhookDeliveryState.Pending, tried.State);
        Assert.Equal(_clock.GetUtcNow() + WebhookDelivery.FirstRetryDelay, tried.DueAt);
        Assert.NotNull(tried.LastError);
        Assert.NotNull(await CountAsync(db => db.WebhookEndpoints.Select(e => e.FailingSince).SingleAsync(Cancel)));

        Receiver.Mode = ReceiverMode.Up;
        _clock.Advance(WebhookDelivery.FirstRetryDelay);
        await Task.WhenAll(Job(node).RunOnceAsync(Cancel), Job(Node()).RunOnceAsync(Cancel));
        await Job(node).RunOnceAsync(Cancel);

        Assert.Equal(waiting.Count, Receiver.Received.Count);
        Assert.Equal(waiting.Count, Receiver.Received.Select(r => r.Id).Distinct().Count());
        Assert.All(await CountAsync(db => db.WebhookDeliveries.ToListAsync(Cancel)), d => Assert.Equal(WebhookDeliveryState.Delivered, d.State));
        Assert.Null(await CountAsync(db => db.WebhookEndpoints.Select(e => e.FailingSince).SingleAsync(Cancel)));
    }

    [Fact]
    public async Task Three_nodes_racing_create_and_send_each_delivery_once()
    {
        var nodes = Enumerable.Range(0, 3).Select(_ => Node()).ToList();
        await AddEndpointAsync(nodes[0], Receiver.Url, WebhookEvents.LicenseChanged);
        await AddEndpointAsync(nodes[0], Receiver.Url + "?second", WebhookEvents.LicenseChanged | WebhookEvents.LicenseRenewed);

        var runs = await Task.WhenAll(nodes.Select(n => Task.Run(() => Job(n).RunOnceAsync(Cancel))));
        await Job(nodes[1]).RunOnceAsync(Cancel);

        var transactions = await CountAsync(db => db.LicenseTransactions.CountAsync(Cancel));
        Assert.Equal(2 * transactions, await CountAsync(db => db.WebhookDeliveries.CountAsync(Cancel)));
        Assert.Equal(2 * transactions, runs.Sum(r => r.Created));
        Assert.Equal(2 * transactions, Receiver.Received.Count);
        Assert.Equal(2 * transactions, Receiver.Received.Select(r => r.Id).Distinct().Count());
    }

    [Fact]
    public async Task An_endpoint_failing_for_three_days_is_disabled_and_its_administrators_are_told()
    {
        var node = Node();
        var (endpointId, _) = await AddEndpointAsync(node, Receiver.Url, WebhookEvents.LicenseChanged);
        Receiver.Mode = ReceiverMode.Failing;
        var notifications = node.GetRequiredService<NotificationJob>();
        await notifications.RunOnceAsync(Cancel); // a running installation: the notification cursors exist

        WebhookRun run;
        var runs = 0;
        do
        {
            run = await Job(node).RunOnceAsync(Cancel);
            var next = await CountAsync(db => db.WebhookDeliveries.Where(d => d.State == WebhookDeliveryState.Pending).MinAsync(d => d.DueAt, Cancel));
            _clock.Set(next > _clock.GetUtcNow() ? next : _clock.GetUtcNow().AddMinutes(1));
        }
        while (run.EndpointsDisabled == 0 && ++runs < 100);

        var endpoint = await CountAsync(db => db.WebhookEndpoints.SingleAsync(e => e.Id == endpointId, Cancel));
        Assert.False(endpoint.Enabled);
        Assert.True(endpoint.FailingSince <= Now.AddDays(3) && _clock.GetUtcNow() - endpoint.FailingSince >= TimeSpan.FromDays(3));
        var lastDelivery = await CountAsync(db => db.WebhookDeliveries.Where(d => d.LastAttemptAt != null).OrderByDescending(d => d.LastAttemptAt).FirstAsync(Cancel));
        Assert.Equal(503, lastDelivery.LastStatusCode);

        // Disabled: nothing more is sent.
        var calls = Receiver.Calls;
        _clock.AdvanceDays(1);
        await Job(node).RunOnceAsync(Cancel);
        Assert.Equal(calls, Receiver.Calls);

        await notifications.RunOnceAsync(Cancel);
        var notices = await CountAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.WebhookEndpointDisabled)
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => new { n.Title, n.Link, u.Email }).ToListAsync(Cancel));
        var notice = Assert.Single(notices);
        Assert.Equal("admin@scale.example", notice.Email);
        Assert.Contains(Receiver.Url, notice.Title, StringComparison.Ordinal);
        Assert.Equal($"/webhooks/{endpointId}/deliveries", notice.Link);
    }

    [Fact]
    public async Task A_host_resolving_to_loopback_is_not_delivered_to_when_private_targets_are_not_allowed()
    {
        var node = Node(allowPrivateTargets: false);

        // Registered while it pointed elsewhere, now resolving to 127.0.0.1 (DNS rebinding): the send-time check refuses it.
        var (_, _) = await AddEndpointAsync(node, Receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), WebhookEvents.LicenseChanged);

        var run = await Job(node).RunOnceAsync(Cancel);

        Assert.Equal(0, run.Delivered);
        Assert.Equal(0, Receiver.Calls);
        var tried = await CountAsync(db => db.WebhookDeliveries.SingleAsync(d => d.Attempts == 1, Cancel));
        Assert.Contains("not a public address", tried.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delivered_deliveries_are_deleted_thirty_days_after_their_last_attempt_waiting_ones_stay_and_none_is_created_again()
    {
        var node = Node();
        await AddEndpointAsync(node, Receiver.Url, WebhookEvents.LicenseChanged);
        var delivered = (await Job(node).RunOnceAsync(Cancel)).Delivered;
        Assert.True(delivered > 0);

        // A second endpoint that failed once and was then disabled: its deliveries wait, whatever their age.
        var (downId, _) = await AddEndpointAsync(node, "https://127.0.0.1:1/", WebhookEvents.LicenseChanged);
        await Job(node).RunOnceAsync(Cancel);
        await using (var db = Database.CreateContext())
        {
            var down = await db.WebhookEndpoints.SingleAsync(e => e.Id == downId, Cancel);
            down.Disable("test");
            await db.SaveChangesAsync(Cancel);
        }

        var waiting = await CountAsync(db => db.WebhookDeliveries.CountAsync(d => d.EndpointId == downId && d.State == WebhookDeliveryState.Pending, Cancel));
        Assert.Equal(delivered, waiting);
        Assert.True(await CountAsync(db => db.WebhookDeliveries.AnyAsync(d => d.EndpointId == downId && d.LastAttemptAt != null, Cancel)));

        _clock.Advance(WebhookDelivery.Retention - TimeSpan.FromMinutes(1));
        Assert.Equal(0, (await Job(node).RunOnceAsync(Cancel)).Purged);

        _clock.Advance(TimeSpan.FromMinutes(2));
        var purging = await Job(node).RunOnceAsync(Cancel);

        Assert.Equal(delivered, purging.Purged);
        Assert.Equal(0, purging.Created);
        var left = await CountAsync(db => db.WebhookDeliveries.ToListAsync(Cancel));
        Assert.Equal(waiting, left.Count);
        Assert.All(left, d => Assert.Equal((downId, WebhookDeliveryState.Pending), (d.EndpointId, d.State)));
        Assert.Equal(delivered, Receiver.Received.Count);
    }

    private static WebhookJob Job(ServiceProvider node) => node.GetRequiredService<WebhookJob>();

    private async Task<T> CountAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var db = Database.CreateContext();
        return await query(db);
    }

    /// <summary>Adds an endpoint straight to the database (the page checks URLs; these tests are about sending).</summary>
    private async Task<(Guid Id, string Secret)> AddEndpointAsync(ServiceProvider node, string url, WebhookEvents events)
    {
        await using var db = Database.CreateContext();
        var msp = await db.Companies.SingleAsync(c => c.Name == "Scale MSP", Cancel);
        var secret = WebhookEndpoint.NewSecret();
        var endpoint = WebhookEndpoint.Create(msp.Id, new Uri(url), events, null, node.GetRequiredService<IWebhookSecrets>().Protect(secret), "Tester", _clock.GetUtcNow());
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(Cancel);
        return (endpoint.Id, secret);
    }

    private async Task AddAdministratorAsync()
    {
        await using var db = Database.CreateContext();
        var msp = await db.Companies.SingleAsync(c => c.Name == "Scale MSP");
        var role = await db.Roles.SingleOrDefaultAsync(r => r.Name == Roles.Administrator) ?? db.Roles.Add(new PortalRole(Roles.Administrator)).Entity;
        const string email = "admin@scale.example";
        var user = new PortalUser { Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = "Scale Admin", CompanyId = msp.Id, SecurityStamp = Guid.NewGuid().ToString() };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = role.Id });
        await db.SaveChangesAsync();
    }

    private ServiceProvider Node(bool allowPrivateTargets = true)
    {
        var certificate = Receiver.Certificate.GetCertHashString();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPortalDatabase(Database.Settings)
            .AddSingleton(new NotificationSettings(14, "https://portal.example", null, 25, MailKit.Security.SecureSocketOptions.None, null, null, "portal@example.com", TimeSpan.FromSeconds(5)))
            .AddSingleton<IEmailSender, NoEmail>()
            .AddSingleton<LicensingPortal.Application.Branding.BrandLookup>()
            .AddSingleton<NotificationJob>()
            .AddWebhooks(_ => new WebhookSettings(allowPrivateTargets, TimeSpan.FromDays(3), TimeSpan.FromSeconds(5)));
        services.AddDataProtection().SetApplicationName("LicensingPortal").PersistKeysToDbContext<PortalDbContext>();

        // The receiver's certificate is the test's own: trusted by its hash, nothing else changes in the client.
        services.Configure<HttpClientFactoryOptions>(WebhookSettings.HttpClientName, o => o.HttpMessageHandlerBuilderActions.Add(b =>
            ((SocketsHttpHandler)b.PrimaryHandler).SslOptions.RemoteCertificateValidationCallback = (_, c, _, _) => c?.GetCertHashString() == certificate));
        var node = services.BuildServiceProvider();
        _nodes.Add(node);
        return node;
    }

    private sealed class NoEmail : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) => throw new InvalidOperationException("Email is off in these tests.");
    }
}

public sealed class SqliteWebhookDeliveryTests : WebhookDeliveryTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlWebhookDeliveryTests : WebhookDeliveryTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
