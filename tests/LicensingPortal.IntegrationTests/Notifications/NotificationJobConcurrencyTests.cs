using System.Collections.Concurrent;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.TestSupport;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests.Notifications;

/// <summary>
/// R20 exactly once across nodes: three notification jobs ("nodes", each with its own services) run at the
/// same instant on one database after the scheduler applied many changes. Each change is announced once to
/// each recipient, and each email is sent once.
/// </summary>
[Trait("Category", "Calendar")]
public abstract class NotificationJobConcurrencyTests : MigratedDatabaseTests
{
    private static readonly DateTimeOffset Now = TestToday.Now;
    private readonly TestClock _clock = new(Now);
    private readonly CountingSender _sender = new();

    protected virtual int Licenses => 40;

    [Fact]
    public async Task Three_nodes_announce_each_applied_change_once_per_recipient_and_send_each_email_once_R20()
    {
        await DueChangesSeed.SeedAsync(Database, Licenses, Now);
        await AddUsersAsync();
        _clock.AdvanceDays(7);
        var nodes = Enumerable.Range(0, 3).Select(_ => Node()).ToList();
        await nodes[0].Services.GetRequiredService<LicenseScheduler>().RunOnceAsync(TestContext.Current.CancellationToken);

        var runs = await Task.WhenAll(nodes.Select(n => Task.Run(() => n.Job.RunOnceAsync(TestContext.Current.CancellationToken))));
        var again = await nodes[1].Job.RunOnceAsync(TestContext.Current.CancellationToken);

        await using var db = Database.CreateContext();
        var notices = await db.Notifications.Where(n => n.Kind == NotificationKind.ScheduledChangeApplied)
            .Join(db.Users, n => n.RecipientUserId, u => u.Id, (n, u) => u.Email).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(Licenses, notices.Count);
        Assert.All(notices, email => Assert.Equal("admin@scale.example", email));
        Assert.Equal(Licenses, runs.Sum(r => r.Created));
        Assert.Equal(0, again.Created);

        Assert.Equal(Licenses, _sender.Sent.Count);
        Assert.All(_sender.Sent.Values, count => Assert.Equal(1, count));
        Assert.Equal(Licenses, await db.OutboxEmails.CountAsync(e => e.State == OutboxEmailState.Sent, TestContext.Current.CancellationToken));
        foreach (var node in nodes)
        {
            await node.Services.DisposeAsync();
        }
    }

    private async Task AddUsersAsync()
    {
        await using var db = Database.CreateContext();
        var msp = await db.Companies.SingleAsync(c => c.Name == "Scale MSP");
        foreach (var (email, role) in new[] { ("admin@scale.example", Roles.Administrator), ("support@scale.example", Roles.SupportEngineer) })
        {
            var roleRow = await db.Roles.SingleOrDefaultAsync(r => r.Name == role) ?? db.Roles.Add(new PortalRole(role)).Entity;
            var user = new PortalUser { Id = Guid.CreateVersion7(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = email, CompanyId = msp.Id, SecurityStamp = Guid.NewGuid().ToString() };
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleRow.Id });
        }

        await db.SaveChangesAsync();
    }

    private (ServiceProvider Services, NotificationJob Job) Node()
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPortalDatabase(Database.Settings)
            .AddSingleton(new NotificationSettings(14, "https://portal.example", "smtp.invalid", 25, SecureSocketOptions.None, null, null, "portal@example.com", TimeSpan.FromSeconds(5)))
            .AddSingleton<IEmailSender>(_sender)
            .AddSingleton<LicenseScheduler>()
            .AddSingleton<LicensingPortal.Application.Branding.BrandLookup>()
            .AddSingleton<NotificationJob>()
            .BuildServiceProvider();
        return (services, services.GetRequiredService<NotificationJob>());
    }

    private sealed class CountingSender : IEmailSender
    {
        public ConcurrentDictionary<Guid, int> Sent { get; } = new();

        public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            // A real server takes a moment: long enough for the other nodes to try to claim the same email.
            await Task.Delay(5, cancellationToken);
            Sent.AddOrUpdate(message.Id, 1, (_, count) => count + 1);
        }
    }
}

public sealed class SqliteNotificationJobConcurrencyTests : NotificationJobConcurrencyTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlNotificationJobConcurrencyTests : NotificationJobConcurrencyTests
{
    protected override int Licenses => 300;

    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
