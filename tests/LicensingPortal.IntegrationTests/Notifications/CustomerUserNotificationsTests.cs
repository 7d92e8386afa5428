using LicensingPortal.Application;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Branding;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Notifications;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using MailKit.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests.Notifications;

/// <summary>
/// R25 with R20 on real databases: a customer's own users are told of their licenses' expiry and renewal, linked to their own
/// pages and in their partner's colours by email; another customer's users, disabled users and partner-level kinds never reach them.
/// </summary>
[Trait("Category", "Calendar")]
public sealed class CustomerUserNotificationsTests
{
    private static readonly NotificationKind[] CustomerKinds =
        [NotificationKind.LicenseExpiringSoon, NotificationKind.LicenseExpired, NotificationKind.AutoRenewalComingUp, NotificationKind.AutoRenewalDone];

    [Fact]
    public async Task Customer_users_get_their_own_licenses_expiry_and_renewal_notices_and_nothing_else_on_PostgreSql_R25_R20()
    {
        await using var database = await TestDatabase.PostgreSqlAsync();
        await RunAsync(database);
    }

    [Fact]
    public async Task Customer_users_get_their_own_licenses_expiry_and_renewal_notices_and_nothing_else_on_Sqlite_R25_R20()
    {
        await using var database = TestDatabase.Sqlite();
        await RunAsync(database);
    }

    private static async Task RunAsync(TestDatabase database)
    {
        var cancel = TestContext.Current.CancellationToken;
        await database.MigrateAsync();
        var clock = new TestClock(TestToday.Now);
        var sender = new RecordingSender();
        await using var services = Services(database, clock, sender);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        await using var db = database.CreateContext();
        var contoso = await db.Companies.AsNoTracking().SingleAsync(c => c.Name == "Contoso Managed Services", cancel);
        var evergreen = await db.Customers.AsNoTracking().SingleAsync(c => c.Name == "Evergreen Clinic", cancel);
        var cedar = await db.Customers.AsNoTracking().SingleAsync(c => c.Name == "Cedar Law Group", cancel);
        var admin = await AddCustomerUserAsync(db, evergreen.OwnerId, evergreen.Id, "ada@evergreen-r25.example", Roles.CustomerAdministrator);
        var viewer = await AddCustomerUserAsync(db, evergreen.OwnerId, evergreen.Id, "vic@evergreen-r25.example", Roles.CustomerViewer);
        var disabled = await AddCustomerUserAsync(db, evergreen.OwnerId, evergreen.Id, "dis@evergreen-r25.example", Roles.CustomerAdministrator, disabled: true);
        var other = await AddCustomerUserAsync(db, cedar.OwnerId, cedar.Id, "cid@cedar-r25.example", Roles.CustomerAdministrator);
        db.CompanyBrands.Add(CompanyBrand.Create(contoso.Id, "Contoso IT", "#1a5276", null, clock.GetUtcNow()));
        await db.SaveChangesAsync(cancel);

        // Evergreen: one license expires in ten days without renewing, another renews automatically today.
        var today = clock.Today;
        var licenses = await db.CustomerLicenses.AsNoTracking().Where(l => l.CustomerId == evergreen.Id).OrderBy(l => l.Id).Select(l => l.Id).Take(2).ToListAsync(cancel);
        Assert.Equal(2, licenses.Count);
        var (expiring, renewing) = (licenses[0], licenses[1]);
        await db.CustomerLicenses.Where(l => l.Id == expiring).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.ExpiresOn, today.AddDays(10)).SetProperty(l => l.AutoRenew, false).SetProperty(l => l.NotifyDaysBefore, 30), cancel);
        await db.CustomerLicenses.Where(l => l.Id == renewing).ExecuteUpdateAsync(s => s
            .SetProperty(l => l.ExpiresOn, today).SetProperty(l => l.AutoRenew, true).SetProperty(l => l.AutoRenewMonths, 12), cancel);

        await services.GetRequiredService<LicenseScheduler>().RunOnceAsync(cancel);
        var job = services.GetRequiredService<NotificationJob>();
        await job.RunOnceAsync(cancel);
        await job.RunOnceAsync(cancel);

        // Evergreen's enabled users (the demo's administrator, ours), each once, linked to their own page; not the disabled one, not Cedar's.
        var evergreenUsers = await db.Users.AsNoTracking().Where(u => u.CustomerId == evergreen.Id && !u.IsDisabled).Select(u => u.Id).ToListAsync(cancel);
        Assert.Contains(admin, evergreenUsers);
        Assert.Contains(viewer, evergreenUsers);
        var expiryNotices = await ToAsync(db, $"{NotificationKind.LicenseExpiringSoon}:{expiring:N}:");
        Assert.Equal(evergreenUsers.Order(), expiryNotices.Where(n => n.Link.StartsWith("/my/", StringComparison.Ordinal)).Select(n => n.UserId).Order());
        Assert.All(expiryNotices.Where(n => evergreenUsers.Contains(n.UserId)), n => Assert.Equal($"/my/licenses/{expiring}", n.Link));
        Assert.Contains(expiryNotices, n => n.Link == $"/customers/{evergreen.Id}/licenses/{expiring}");
        var renewed = await db.Notifications.AsNoTracking()
            .Where(n => n.Kind == NotificationKind.AutoRenewalDone && n.Link == $"/my/licenses/{renewing}").Select(n => n.RecipientUserId).ToListAsync(cancel);
        Assert.Equal(evergreenUsers.Order(), renewed.Order());

        // Nobody else: every notice a customer user got is an expiry or renewal of a license of their own customer.
        var customerUsers = await db.Users.AsNoTracking().Where(u => u.CustomerId != null).Select(u => new { u.Id, u.CustomerId }).ToDictionaryAsync(u => u.Id, u => u.CustomerId!.Value, cancel);
        var received = await db.Notifications.AsNoTracking().Where(n => customerUsers.Keys.Contains(n.RecipientUserId)).ToListAsync(cancel);
        var licenseCustomers = await db.CustomerLicenses.AsNoTracking().ToDictionaryAsync(l => l.Id, l => l.CustomerId, cancel);
        Assert.NotEmpty(received);
        Assert.All(received, n =>
        {
            Assert.Contains(n.Kind, CustomerKinds);
            Assert.StartsWith("/my/licenses/", n.Link, StringComparison.Ordinal);
            Assert.Equal(customerUsers[n.RecipientUserId], licenseCustomers[Guid.Parse(n.Link["/my/licenses/".Length..])]);
        });
        Assert.DoesNotContain(received, n => n.RecipientUserId == disabled);
        Assert.DoesNotContain(received, n => n.RecipientUserId == other && n.Link.Contains(expiring.ToString(), StringComparison.Ordinal));
        Assert.Equal(1, expiryNotices.Count(n => n.UserId == admin));

        // The customer users' emails carry Contoso's brand and their own link; the MSP's staff get the portal's own look.
        var toAdmin = Assert.Single(sender.Sent, m => m.To == "ada@evergreen-r25.example" && m.Subject.Contains("expires on", StringComparison.Ordinal));
        Assert.Contains("Contoso IT", toAdmin.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("#1a5276", toAdmin.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"https://portal.example/my/licenses/{expiring}", toAdmin.HtmlBody, StringComparison.Ordinal);
        var toStaff = sender.Sent.Where(m => m.HtmlBody.Contains($"/customers/{evergreen.Id}/licenses/{expiring}", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(toStaff);
        Assert.All(toStaff, m => Assert.DoesNotContain("Contoso IT", m.HtmlBody, StringComparison.Ordinal));
    }

    private sealed record Received(Guid UserId, string Link);

    private static async Task<List<Received>> ToAsync(PortalDbContext db, string keyPrefix) =>
        (await db.Notifications.AsNoTracking().Where(n => n.Key.StartsWith(keyPrefix)).Select(n => new { n.RecipientUserId, n.Link }).ToListAsync(TestContext.Current.CancellationToken))
        .Select(n => new Received(n.RecipientUserId, n.Link)).ToList();

    private static async Task<Guid> AddCustomerUserAsync(PortalDbContext db, Guid ownerId, Guid customerId, string email, string role, bool disabled = false)
    {
        var roleRow = await db.Roles.SingleOrDefaultAsync(r => r.Name == role) ?? db.Roles.Add(new PortalRole(role)).Entity;
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            NormalizedUserName = email.ToUpperInvariant(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            DisplayName = email,
            CompanyId = ownerId,
            CustomerId = customerId,
            IsDisabled = disabled,
            SecurityStamp = Guid.NewGuid().ToString(),
        };
        db.Users.Add(user);
        db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = roleRow.Id });
        await db.SaveChangesAsync();
        return user.Id;
    }

    private static ServiceProvider Services(TestDatabase database, TestClock clock, IEmailSender sender)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(clock);
        services.AddPortalDatabase(database.Settings);
        services.AddIdentityCore<PortalUser>(o => o.User.RequireUniqueEmail = true)
            .AddRoles<PortalRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddTokenProvider<EmailTokenProvider<PortalUser>>(TokenOptions.DefaultProvider);
        services.AddPortalAccounts();
        services.AddScoped<DemoDataSeeder>();
        services.AddPortalUseCases();
        services.AddSingleton<ICurrentUser>(new SystemUser());
        services.AddSingleton(new NotificationSettings(14, "https://portal.example", "smtp.invalid", 25, SecureSocketOptions.None, null, null, "portal@example.com", TimeSpan.FromSeconds(5)));
        services.AddSingleton(sender);
        services.AddSingleton<LicenseScheduler>();
        services.AddSingleton<NotificationJob>();
        return services.BuildServiceProvider();
    }

    private sealed class SystemUser : ICurrentUser
    {
        public Guid UserId => Guid.Empty;

        public string Name => "test";

        public Guid CompanyId => Guid.Empty;

        public Domain.Partners.CompanyType CompanyType => Domain.Partners.CompanyType.Provider;

        public Guid? OwnerCompanyId => null;

        public IReadOnlyCollection<string> Roles => [];
    }

    private sealed class RecordingSender : IEmailSender
    {
        public System.Collections.Concurrent.ConcurrentBag<EmailMessage> Sent { get; } = [];

        public Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
        {
            Sent.Add(message);
            return Task.CompletedTask;
        }
    }
}
