using LicensingPortal.Application;
using LicensingPortal.Application.Partners;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests.Partners;

/// <summary>The cancel use case (R11) against real databases: one save for the partner, the licenses, their transactions and the accounts.</summary>
[Trait("Category", "Calendar")]
public sealed class CancelPartnerDatabaseTests
{
    [Fact]
    public async Task Cancel_expires_licenses_records_transactions_and_disables_accounts_on_PostgreSql_R11()
    {
        await using var database = await TestDatabase.PostgreSqlAsync();
        await CancelAndCheckAsync(database);
    }

    [Fact]
    public async Task Cancel_expires_licenses_records_transactions_and_disables_accounts_on_Sqlite_R11()
    {
        await using var database = TestDatabase.Sqlite();
        await CancelAndCheckAsync(database);
    }

    private static async Task CancelAndCheckAsync(TestDatabase database)
    {
        await database.MigrateAsync();
        var clock = new TestClock(new DateTimeOffset(2026, 5, 20, 10, 0, 0, TimeSpan.Zero));
        var user = new CurrentUser();
        await using var services = Services(database, clock, user);

        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        Guid partnerId;
        List<Guid> licenseIds;
        await using (var db = database.CreateContext())
        {
            var provider = await db.Companies.SingleAsync(c => c.Type == CompanyType.Provider);
            var admin = await db.Users.SingleAsync(u => u.Email == DemoAccounts.ProviderAdmin);
            (user.UserId, user.CompanyId) = (admin.Id, provider.Id);
            partnerId = await db.Companies.Where(c => c.Name == "Contoso Managed Services").Select(c => c.Id).SingleAsync();
            licenseIds = await db.CustomerLicenses.Where(l => l.Customer.OwnerId == partnerId && (l.ExpiresOn > clock.Today || l.AutoRenew)).Select(l => l.Id).ToListAsync();
        }

        clock.AdvanceDays(1);
        var cancelDate = clock.Today;
        await using (var scope = services.CreateAsyncScope())
        {
            var version = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Companies.Where(c => c.Id == partnerId).Select(c => c.Version).SingleAsync();
            var result = await scope.ServiceProvider.GetRequiredService<CancelPartner>().HandleAsync(partnerId, "Contoso Managed Services", version);
            Assert.True(result.Succeeded, result.Message);
        }

        await using var check = database.CreateContext();
        Assert.Equal(PartnerStatus.Canceled, (await check.Companies.SingleAsync(c => c.Id == partnerId)).Status);
        Assert.NotEmpty(licenseIds);
        var licenses = await check.CustomerLicenses.Where(l => licenseIds.Contains(l.Id)).ToListAsync();
        Assert.All(licenses, l => Assert.True(l.ExpiresOn <= cancelDate && !l.AutoRenew));
        Assert.Contains(licenses, l => l.ExpiresOn == cancelDate);
        Assert.Equal(licenseIds.Count, await check.LicenseTransactions.CountAsync(t => t.Type == TransactionType.Expiration && licenseIds.Contains(t.LicenseId)));
        Assert.All(await check.Users.Where(u => u.CompanyId == partnerId).ToListAsync(), u => Assert.True(u.IsDisabled));
        Assert.Equal(1, await check.AuditEntries.CountAsync(a => a.CompanyId == partnerId && a.Action == "PartnerCanceled"));

        // R24: the cancel is in the partner's status history, written in the same save.
        var history = await check.CompanyStatusChanges.Where(c => c.CompanyId == partnerId).ToListAsync();
        Assert.Equal(PartnerStatus.Canceled, Assert.Single(history).Status);
        Assert.Equal(cancelDate, history[0].Day);
    }

    private static ServiceProvider Services(TestDatabase database, TimeProvider clock, ICurrentUser user)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddPortalDatabase(database.Settings);
        services.AddIdentityCore<PortalUser>(o => o.User.RequireUniqueEmail = true)
            .AddRoles<PortalRole>()
            .AddEntityFrameworkStores<PortalDbContext>();
        services.AddScoped<DemoDataSeeder>();
        services.AddPortalUseCases();
        services.AddPortalAccounts();
        services.AddSingleton(user);
        return services.BuildServiceProvider();
    }

    private sealed class CurrentUser : ICurrentUser
    {
        public Guid UserId { get; set; }

        public string Name => "Paula Provider";

        public Guid CompanyId { get; set; }

        public CompanyType CompanyType => CompanyType.Provider;

        public IReadOnlyCollection<string> Roles => [Application.Security.Roles.Administrator];
    }
}
