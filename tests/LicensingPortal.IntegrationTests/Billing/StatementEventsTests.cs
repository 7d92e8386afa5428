using System.Text.Json;
using LicensingPortal.Application.Notifications;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Webhooks;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Domain.Partners;
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

namespace LicensingPortal.IntegrationTests.Billing;

/// <summary>
/// R24 with R20 and the webhooks, on each database: a statement's audited state changes become one notification per
/// billing reader of the company that acts next and one delivery per subscribed endpoint of the buyer, even with three
/// nodes running both jobs at once; another partner hears nothing of it (R1).
/// </summary>
public abstract class StatementEventsTests : MigratedDatabaseTests
{
    private static readonly DateOnly November = new(2026, 11, 1);
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 12, 1, 0, 5, 0, TimeSpan.Zero));
    private readonly List<ServiceProvider> _nodes = [];

    [Fact]
    public async Task R24_R20_a_ready_submitted_and_approved_statement_is_announced_once_to_the_right_company_on_three_nodes()
    {
        var (provider, contoso, fabrikam, statementId) = await SeedAsync();
        var nodes = Enumerable.Range(0, 3).Select(_ => Node()).ToList();
        var endpoint = await AddEndpointAsync(nodes[0], contoso.Id, WebhookEvents.StatementReady | WebhookEvents.StatementApproved);
        var rival = await AddEndpointAsync(nodes[0], fabrikam.Id, WebhookEvents.StatementReady | WebhookEvents.StatementApproved);
        var statement = await AuditAsync(statementId, "StatementClosed", contoso, s => s.Close([], November.AddMonths(1)));
        await AuditAsync(statementId, "StatementSubmitted", contoso, s => s.Submit(new Actor(null, "Contoso admin"), _clock.GetUtcNow()));
        await AuditAsync(statementId, "StatementApproved", contoso, s => s.Approve(new Actor(null, "Northwind admin"), _clock.GetUtcNow()));

        await Task.WhenAll(nodes.Select(n => Task.Run(() => n.GetRequiredService<NotificationJob>().RunOnceAsync(TestContext.Current.CancellationToken))));
        await Task.WhenAll(nodes.Select(n => Task.Run(() => n.GetRequiredService<WebhookJob>().RunOnceAsync(TestContext.Current.CancellationToken))));
        await nodes[1].GetRequiredService<NotificationJob>().RunOnceAsync(TestContext.Current.CancellationToken);
        await nodes[2].GetRequiredService<WebhookJob>().RunOnceAsync(TestContext.Current.CancellationToken);

        await using var db = Database.CreateContext();
        var notices = await db.Notifications.AsNoTracking()
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => new { n.Kind, u.Email, n.Link, n.CompanyId })
            .ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(
            [(NotificationKind.StatementReady, "billing@contoso.example"), (NotificationKind.StatementSubmitted, "admin@northwind.example"), (NotificationKind.StatementApproved, "billing@contoso.example")],
            notices.OrderBy(n => n.Kind).Select(n => (n.Kind, n.Email)));
        Assert.All(notices, n => Assert.Equal($"/billing/statements/{statement.Id}", n.Link));
        Assert.DoesNotContain(notices, n => n.CompanyId == fabrikam.Id);

        var deliveries = await db.WebhookDeliveries.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["statement.approved", "statement.ready"], deliveries.Where(d => d.EndpointId == endpoint).Select(d => d.EventType.Name()).Order());
        Assert.DoesNotContain(deliveries, d => d.EndpointId == rival);
        var ready = JsonDocument.Parse(deliveries.Single(d => d.EventType == WebhookEvents.StatementReady).Payload).RootElement.GetProperty("data");
        Assert.Equal((statement.Id, "Contoso MSP", "2026-11-01", "2026-12-05"), (ready.GetProperty("statementId").GetGuid(), ready.GetProperty("company").GetString(),
            ready.GetProperty("month").GetString(), ready.GetProperty("deadline").GetString()));
        Assert.Equal(provider.Id, (await db.Statements.SingleAsync(s => s.Id == statement.Id, TestContext.Current.CancellationToken)).ProviderId);
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
    }

    /// <summary>
    /// Northwind with two MSPs; Contoso has a billing manager (reads billing) and a customer account manager (does not),
    /// Northwind an administrator and a support engineer, Fabrikam an administrator. Contoso's November statement is open.
    /// </summary>
    private async Task<(Company Provider, Company Contoso, Company Fabrikam, Guid StatementId)> SeedAsync()
    {
        await using var db = Database.CreateContext();
        var at = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
        var provider = Company.CreateProvider("Northwind", "US", "US", at);
        var contoso = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Contoso MSP", null, "ops@contoso.example", null, null, "US", "US"), at);
        var fabrikam = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Fabrikam MSP", null, "ops@fabrikam.example", null, null, "US", "US"), at);
        var statement = Statement.Open(provider.Id, contoso.Id, November, Currency.Usd);
        db.AddRange(provider, contoso, fabrikam, statement);
        foreach (var (company, email, role) in new[]
        {
            (contoso, "billing@contoso.example", Roles.BillingManager), (contoso, "staff@contoso.example", Roles.CustomerAccountManager),
            (provider, "admin@northwind.example", Roles.Administrator), (provider, "support@northwind.example", Roles.SupportEngineer),
            (fabrikam, "admin@fabrikam.example", Roles.Administrator),
        })
        {
            var roleRow = db.Roles.Local.SingleOrDefault(r => r.Name == role) ?? await db.Roles.SingleOrDefaultAsync(r => r.Name == role) ?? db.Roles.Add(new PortalRole(role)).Entity;
            var user = new PortalUser
            {
                Id = Guid.CreateVersion7(),
                UserName = email,
                NormalizedUserName = email.ToUpperInvariant(),
                Email = email,
                NormalizedEmail = email.ToUpperInvariant(),
                DisplayName = email,
                CompanyId = company.Id,
                SecurityStamp = Guid.NewGuid().ToString(),
            };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleRow.Id });
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        Assert.True(NotificationAudience.Receives(NotificationKind.StatementReady, [Roles.BillingManager], CompanyType.Msp));
        return (provider, contoso, fabrikam, statement.Id);
    }

    /// <summary>A state change of the statement with its audit entry, in one save, a minute after the one before.</summary>
    private async Task<Statement> AuditAsync(Guid statementId, string action, Company buyer, Action<Statement> change)
    {
        _clock.Advance(TimeSpan.FromMinutes(1));
        await using var db = Database.CreateContext();
        var statement = await db.Statements.Include(s => s.Lines).SingleAsync(s => s.Id == statementId, TestContext.Current.CancellationToken);
        var before = statement.State.ToString();
        change(statement);
        db.AuditEntries.Add(AuditEntry.Record(action, nameof(Statement), statement.Id.ToString(), buyer.Id, new Actor(null, "Test"), _clock.GetUtcNow(), before, statement.State.ToString()));
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return statement;
    }

    private static async Task<Guid> AddEndpointAsync(ServiceProvider node, Guid companyId, WebhookEvents events)
    {
        using var scope = node.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var secrets = scope.ServiceProvider.GetRequiredService<IWebhookSecrets>();
        var endpoint = WebhookEndpoint.Create(companyId, new Uri("https://127.0.0.1:9/in"), events, null, secrets.Protect(WebhookEndpoint.NewSecret()), "Test", DateTimeOffset.UnixEpoch);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync();
        return endpoint.Id;
    }

    /// <summary>A node: both jobs with their own services; email off; the endpoints are a closed local port, so every send fails at once.</summary>
    private ServiceProvider Node()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPortalDatabase(Database.Settings)
            .AddSingleton(new NotificationSettings(14, "https://portal.example", null, 25, MailKit.Security.SecureSocketOptions.None, null, null, "portal@example.com", TimeSpan.FromSeconds(5)))
            .AddSingleton<IEmailSender, NoEmail>()
            .AddSingleton<LicensingPortal.Application.Branding.BrandLookup>()
            .AddSingleton<NotificationJob>()
            .AddWebhooks(_ => new WebhookSettings(true, TimeSpan.FromDays(3), TimeSpan.FromSeconds(1)));
        services.AddDataProtection().SetApplicationName("LicensingPortal").PersistKeysToDbContext<PortalDbContext>();
        var node = services.BuildServiceProvider();
        _nodes.Add(node);
        return node;
    }

    private sealed class NoEmail : IEmailSender
    {
        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

public sealed class SqliteStatementEventsTests : StatementEventsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlStatementEventsTests : StatementEventsTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
