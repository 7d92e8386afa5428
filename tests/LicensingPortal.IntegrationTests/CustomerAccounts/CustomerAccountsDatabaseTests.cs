using FluentValidation;
using LicensingPortal.Application;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.CustomerAccounts;
using LicensingPortal.Application.MyLicenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests.CustomerAccounts;

/// <summary>
/// R25 on real databases: the owner invites a customer user (account and audit entry in one save), the provider cannot
/// for a partner's customer, and the customer user reads its own licenses and not another customer's.
/// </summary>
public sealed class CustomerAccountsDatabaseTests
{
    [Fact]
    public async Task Customer_accounts_are_the_owners_to_manage_and_see_only_their_customer_on_PostgreSql_R25()
    {
        await using var database = await TestDatabase.PostgreSqlAsync();
        await RunAsync(database);
    }

    [Fact]
    public async Task Customer_accounts_are_the_owners_to_manage_and_see_only_their_customer_on_Sqlite_R25()
    {
        await using var database = TestDatabase.Sqlite();
        await RunAsync(database);
    }

    private static async Task RunAsync(TestDatabase database)
    {
        await database.MigrateAsync();
        var clock = new TestClock();
        var user = new SwitchableUser();
        await using var services = Services(database, clock, user);
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        await using var db = database.CreateContext();
        var contoso = await db.Companies.AsNoTracking().SingleAsync(c => c.Name == "Contoso Managed Services");
        var provider = await db.Companies.AsNoTracking().SingleAsync(c => c.Type == CompanyType.Provider);
        var evergreen = await db.Customers.AsNoTracking().SingleAsync(c => c.Name == "Evergreen Clinic");
        var cedar = await db.Customers.AsNoTracking().SingleAsync(c => c.Name == "Cedar Law Group");
        var input = new InviteCustomerAccountInput { Name = "Cora Cedar", Email = "cora@cedar-r25.example", Role = Roles.CustomerViewer };

        user.Current = new CompanyAdministrator(provider);
        var byProvider = await InviteAsync(services, cedar.Id, input);
        user.Current = new CompanyAdministrator(contoso);
        var byOwner = await InviteAsync(services, cedar.Id, input);

        Assert.Equal(ResultKind.NotFound, byProvider.Kind);
        Assert.True(byOwner.Succeeded, byOwner.Message);
        Assert.NotNull(byOwner.Value!.SetPasswordToken);
        var invited = await db.Users.AsNoTracking().SingleAsync(u => u.Email == input.Email);
        Assert.Equal((contoso.Id, (Guid?)cedar.Id), (invited.CompanyId, invited.CustomerId));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "CustomerAccountInvited" && a.EntityId == invited.Id.ToString() && a.CompanyId == contoso.Id));

        user.Current = new CustomerUser(cedar);
        await using var scope2 = services.CreateAsyncScope();
        var mine = await scope2.ServiceProvider.GetRequiredService<ListMyLicenses>().HandleAsync();
        var evergreenLicense = await db.CustomerLicenses.Where(l => l.CustomerId == evergreen.Id).Select(l => l.Id).FirstAsync();
        var foreign = await scope2.ServiceProvider.GetRequiredService<GetMyLicense>().HandleAsync(evergreenLicense);

        Assert.Equal(
            (await db.CustomerLicenses.Where(l => l.CustomerId == cedar.Id).Select(l => l.Id).ToListAsync()).Order(),
            mine!.Licenses.Select(l => l.Id).Order());
        Assert.Null(foreign);
        Assert.Null(mine.ReadOnlyReason);
    }

    private static async Task<Result<Application.Partners.CreatedPartnerAccount>> InviteAsync(ServiceProvider services, Guid customerId, InviteCustomerAccountInput input)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InviteCustomerAccount>().HandleAsync(customerId, input);
    }

    private static ServiceProvider Services(TestDatabase database, TimeProvider clock, ICurrentUser user)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddPortalDatabase(database.Settings);
        services.AddIdentityCore<PortalUser>(o => o.User.RequireUniqueEmail = true)
            .AddRoles<PortalRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddTokenProvider<EmailTokenProvider<PortalUser>>(TokenOptions.DefaultProvider);
        services.AddScoped<DemoDataSeeder>();
        services.AddPortalUseCases();
        services.AddSingleton<IValidator<InviteCustomerAccountInput>, InviteCustomerAccountInputValidator>();
        services.AddPortalAccounts();
        services.AddSingleton(user);
        return services.BuildServiceProvider();
    }

    private sealed class SwitchableUser : ICurrentUser
    {
        public ICurrentUser Current { get; set; } = null!;

        public Guid UserId => Current.UserId;

        public string Name => Current.Name;

        public Guid CompanyId => Current.CompanyId;

        public CompanyType CompanyType => Current.CompanyType;

        public Guid? OwnerCompanyId => Current.OwnerCompanyId;

        public IReadOnlyCollection<string> Roles => Current.Roles;
    }
}
