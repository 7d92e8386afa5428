using FluentValidation;
using LicensingPortal.Application;
using LicensingPortal.Application.Auditing;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Customers;
using LicensingPortal.Application.Notifications;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Support;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests.Support;

/// <summary>
/// R26 through the use cases on a real database: every audit entry carries its channel, client address and (in a
/// support session) the company acted as, stamped as it is saved; the audit log finds entries by them; a read-only
/// session's writes are refused with R26's sentence and nothing is saved, whichever way they would write.
/// </summary>
public abstract class SupportAccessTests : MigratedDatabaseTests
{
    private const string EngineerIp = "203.0.113.9";
    private const string PartnerIp = "198.51.100.7";
    private readonly TestClock _clock = new();
    private Company _provider = null!;
    private Company _msp = null!;
    private CompanyAdministrator _engineer = null!;

    [Fact]
    public async Task Entries_carry_channel_address_and_acting_as_and_the_log_finds_them_by_them_R26()
    {
        await SeedAsync();
        var mspAdmin = new CompanyAdministrator(_msp);
        var web = new AuditOrigin(AuditChannel.Web, PartnerIp, null, false);
        Assert.True((await Run(mspAdmin, web, s => s.GetRequiredService<SaveCustomer>().CreateAsync(Customer("Own customer")))).Succeeded);

        var started = await Run(_engineer, new AuditOrigin(AuditChannel.Web, EngineerIp, null, false), s => s.GetRequiredService<StartSupportSession>()
            .HandleAsync(_msp.Id, new StartSupportSessionInput { Reason = "Ticket 4711", Minutes = 30, AskForWriteAccess = true }));
        Assert.True(started.Succeeded, started.Message);
        var view = new SupportViewUser(_engineer, _msp, started.Value, Roles.Administrator);
        var readOnly = new AuditOrigin(AuditChannel.Support, EngineerIp, _msp.Id, WritesRefused: true);

        // Read-only: the use case's refusal is R26's sentence, and nothing is saved.
        var refused = await Run(view, readOnly, s => s.GetRequiredService<SaveCustomer>().CreateAsync(Customer("Refused customer")));
        Assert.Equal(("R26", ResultKind.Refused, "This is a read-only support session: changes need the consent of the company's administrator."), (refused.RuleCode, refused.Kind, refused.Message));

        // A write that is no save (ExecuteUpdate) is refused at the database's door.
        await using (var db = Database.CreateContext())
        {
            db.Users.Add(new PortalUser { Id = _engineer.UserId, UserName = "support@northwind.example", Email = "support@northwind.example", DisplayName = _engineer.Name, CompanyId = _provider.Id });
            db.Notifications.Add(Notification.Create(_engineer.UserId, _provider.Id, NotificationKind.PartnerSuspended, $"k:{Guid.NewGuid():N}", "Unread", "/", _clock.GetUtcNow()));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var bulk = await Assert.ThrowsAsync<DomainRuleViolation>(() => Run(view, readOnly, s => s.GetRequiredService<MarkAllNotificationsRead>().HandleAsync()));
        Assert.Equal("R26", bulk.Code);

        // The company's administrator consents; the session writes, as the real user acting as the company.
        var session = (await Run(mspAdmin, web, s => s.GetRequiredService<ListSupportSessions>().HandleAsync())).Active.Single();
        Assert.True((await Run(mspAdmin, web, s => s.GetRequiredService<GrantSupportWriteAccess>().HandleAsync(session.Id, 15, session.Version))).Succeeded);
        var allowed = await Run(view, readOnly with { WritesRefused = false }, s => s.GetRequiredService<SaveCustomer>().CreateAsync(Customer("Support's customer")));
        Assert.True(allowed.Succeeded, allowed.Message);

        // A job's entry: no request, channel "system".
        await Run(mspAdmin, null, async s =>
        {
            var db = s.GetRequiredService<IPortalDbContext>();
            db.AuditEntries.Add(AuditEntry.Record("PoolWarningSet", "LicensePool", null, _msp.Id, Actor.Scheduler, _clock.GetUtcNow()));
            await db.SaveChangesAsync();
            return 0;
        });

        await using (var db = Database.CreateContext())
        {
            var entries = await db.AuditEntries.AsNoTracking().Where(a => a.CompanyId == _msp.Id).ToListAsync(TestContext.Current.CancellationToken);
            var own = entries.Single(a => a.Action == "CustomerCreated" && a.ActorUserId == mspAdmin.UserId);
            Assert.Equal((AuditChannel.Web, PartnerIp, (Guid?)null), (own.Channel, own.ClientIp, own.ActingAsCompanyId));
            var bySupport = entries.Single(a => a.Action == "CustomerCreated" && a.ActorUserId == _engineer.UserId);
            Assert.Equal((AuditChannel.Support, EngineerIp, (Guid?)_msp.Id, _engineer.Name), (bySupport.Channel, bySupport.ClientIp, bySupport.ActingAsCompanyId, bySupport.ActorName));
            var start = entries.Single(a => a.Action == StartSupportSession.StartedAction);
            Assert.Equal((AuditChannel.Web, EngineerIp, (Guid?)_msp.Id), (start.Channel, start.ClientIp, start.ActingAsCompanyId));
            Assert.Equal(AuditChannel.System, entries.Single(a => a.Action == "PoolWarningSet").Channel);
            Assert.DoesNotContain(await db.Customers.Select(c => c.Name).ToListAsync(TestContext.Current.CancellationToken), n => n == "Refused customer");
            Assert.Equal(1, await db.Notifications.CountAsync(n => n.RecipientUserId == _engineer.UserId && n.ReadAt == null, TestContext.Current.CancellationToken));
        }

        // The partner's audit log: by channel, by address (a prefix), and what support did acting as it.
        var support = await Search(mspAdmin, new AuditLogQuery(null, null, null, null, Channel: AuditChannel.Support));
        Assert.Equal(["CustomerCreated"], support.Rows.Select(r => r.Action));
        Assert.Equal(_msp.Name, support.Rows.Single().ActingAsCompanyName);
        var byAddress = await Search(mspAdmin, new AuditLogQuery(null, null, null, null, ClientIp: "203.0.113."));
        Assert.Equal(["CustomerCreated", StartSupportSession.StartedAction], byAddress.Rows.Select(r => r.Action));
        Assert.All(byAddress.Rows, r => Assert.Equal(EngineerIp, r.ClientIp));
        var system = await Search(mspAdmin, new AuditLogQuery(null, null, null, null, Channel: AuditChannel.System));
        Assert.Equal(["PoolWarningSet"], system.Rows.Select(r => r.Action));
    }

    [Fact]
    public async Task The_engineer_acting_as_the_company_cannot_consent_to_their_own_session_R26()
    {
        await SeedAsync();
        var started = await Run(_engineer, AuditOrigin.System, s => s.GetRequiredService<StartSupportSession>()
            .HandleAsync(_msp.Id, new StartSupportSessionInput { Reason = "Ticket 4712", Minutes = 10 }));
        var view = new SupportViewUser(_engineer, _msp, started.Value, Roles.Administrator);

        var granted = await Run(view, AuditOrigin.System, s => s.GetRequiredService<GrantSupportWriteAccess>().HandleAsync(started.Value, 15, 0));
        var listed = await Run(view, AuditOrigin.System, s => s.GetRequiredService<ListSupportSessions>().HandleAsync());

        Assert.Equal(ResultKind.NotFound, granted.Kind);
        Assert.False(listed.Visible);
    }

    private static CustomerInput Customer(string name) => new() { Name = name, Country = "US" };

    private Task<AuditLogPage> Search(ICurrentUser user, AuditLogQuery query) =>
        Run(user, AuditOrigin.System, s => s.GetRequiredService<SearchAuditLog>().HandleAsync(query));

    private async Task SeedAsync()
    {
        await using var db = Database.CreateContext();
        _provider = Company.CreateProvider("Northwind", "US", "US", _clock.GetUtcNow());
        _msp = Company.CreatePartner(_provider, CompanyType.Msp, new CompanyProfile("Contoso MSP", null, "ops@contoso.example", null, null, "US", "US"), _clock.GetUtcNow());
        db.AddRange(_provider, _msp);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        _engineer = new CompanyAdministrator(_provider);
    }

    /// <summary>One request of <paramref name="user"/> from <paramref name="origin"/> (null: no request, as a job), a second after the one before.</summary>
    private async Task<T> Run<T>(ICurrentUser user, AuditOrigin? origin, Func<IServiceProvider, Task<T>> action)
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPortalDatabase(Database.Settings)
            .AddPortalUseCases()
            .AddSingleton<IValidator<CustomerInput>, CustomerInputValidator>()
            .AddSingleton<IValidator<StartSupportSessionInput>, StartSupportSessionInputValidator>()
            .AddSingleton(user);
        if (origin is not null)
        {
            services.AddSingleton<IAuditOrigin>(new FixedOrigin(origin));
        }

        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private sealed class FixedOrigin(AuditOrigin origin) : IAuditOrigin
    {
        public AuditOrigin Current => origin;
    }

    /// <summary>The engineer as a support session makes them: the same person, seen as the company viewed.</summary>
    private sealed class SupportViewUser(ICurrentUser real, Company company, Guid sessionId, string role) : ICurrentUser
    {
        public Guid UserId => real.UserId;

        public string Name => real.Name;

        public Guid CompanyId => company.Id;

        public CompanyType CompanyType => company.Type;

        public IReadOnlyCollection<string> Roles { get; } = [role];

        public Guid? SupportSessionId => sessionId;
    }
}

public sealed class SqliteSupportAccessTests : SupportAccessTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlSupportAccessTests : SupportAccessTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}

/// <summary>R26: what a read-only support session's commands may write: its own record only, however the SQL names the table.</summary>
public sealed class ReadOnlySupportCommandTests
{
    [Theory]
    [InlineData("INSERT INTO \"AuditEntries\" (\"Id\") VALUES (@p0);", false)]
    [InlineData("UPDATE \"SupportSessions\" SET \"EndedAt\" = @p0 WHERE \"Id\" = @p1;", false)]
    [InlineData("SELECT \"c\".\"Id\", \"c\".\"LastUpdate\" FROM \"Customers\" AS \"c\"", false)]
    [InlineData("UPDATE \"Notifications\" AS \"n\" SET \"ReadAt\" = @p WHERE \"n\".\"ReadAt\" IS NULL", true)]
    [InlineData("UPDATE [n] SET [n].[ReadAt] = @p FROM [Notifications] AS [n]", true)]
    [InlineData("DELETE FROM \"NotificationOptOuts\" WHERE \"Id\" = @p0;", true)]
    [InlineData("INSERT INTO \"AuditEntries\" (\"Id\") VALUES (@p0);\nINSERT INTO \"Customers\" (\"Id\") VALUES (@p1);", true)]
    [InlineData("INSERT INTO public.\"Customers\" (\"Id\") VALUES (@p0)", true)]
    public void A_read_only_session_writes_nothing_but_its_own_record_R26(string sql, bool refused) =>
        Assert.Equal(refused, ReadOnlySupportCommandInterceptor.WritesOutsideSession(sql));
}
