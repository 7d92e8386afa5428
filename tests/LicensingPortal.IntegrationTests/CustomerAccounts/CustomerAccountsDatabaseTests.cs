using FluentValidation;
using LicensingPortal.Application;
using LicensingPortal.Application.ApiKeys;
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
/// for a partner's customer, and the customer user reads its own licenses and not another customer's; a customer's own API keys.
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
        var user = new SwitchableUser();
        await using var services = await SeededAsync(database, user);

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

    [Fact]
    public async Task A_customers_own_key_belongs_to_it_and_acts_as_its_user_on_PostgreSql_R25()
    {
        await using var database = await TestDatabase.PostgreSqlAsync();
        await RunKeysAsync(database);
    }

    [Fact]
    public async Task A_customers_own_key_belongs_to_it_and_acts_as_its_user_on_Sqlite_R25()
    {
        await using var database = TestDatabase.Sqlite();
        await RunKeysAsync(database);
    }

    /// <summary>
    /// R25: a customer's administrator creates its customer's own key (held under the owner, audited in the owner's log), which
    /// authenticates as the customer's user; a company role is refused; the owner's list does not show it; another customer's
    /// administrator cannot revoke it; revoked, it no longer authenticates.
    /// </summary>
    private static async Task RunKeysAsync(TestDatabase database)
    {
        var user = new SwitchableUser();
        await using var services = await SeededAsync(database, user);

        await using var db = database.CreateContext();
        var contoso = await db.Companies.AsNoTracking().SingleAsync(c => c.Name == "Contoso Managed Services");
        var cedar = await db.Customers.AsNoTracking().SingleAsync(c => c.Name == "Cedar Law Group");
        var evergreen = await db.Customers.AsNoTracking().SingleAsync(c => c.Name == "Evergreen Clinic");

        user.Current = new CustomerUser(cedar);
        var escalated = await RunAsync<CreateApiKey, Result<string>>(services, c => c.HandleAsync(new ApiKeyInput { Name = "Escalate", Role = Roles.Administrator }));
        var created = await RunAsync<CreateApiKey, Result<string>>(services, c => c.HandleAsync(new ApiKeyInput { Name = "Cedar sync", Role = Roles.CustomerAdministrator }));

        Assert.Equal(ResultKind.Invalid, escalated.Kind);
        Assert.True(created.Succeeded, created.Message);
        var key = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.CustomerId == cedar.Id);
        Assert.Equal(contoso.Id, key.CompanyId);
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "ApiKeyCreated" && a.EntityId == key.Id.ToString() && a.CompanyId == contoso.Id));
        Assert.Equal([key.Id], (await RunAsync<ListApiKeys, IReadOnlyList<ApiKeyRow>>(services, l => l.HandleAsync())).Select(k => k.Id));

        var holder = await RunAsync<AuthenticateApiKey, ApiKeyHolder?>(services, a => a.HandleAsync(created.Value!));
        Assert.Equal(new ApiKeyHolder(key.Id, "Cedar sync", Roles.CustomerAdministrator, cedar.Id, CompanyType.Customer, cedar.Name, contoso.Id), holder);

        user.Current = new CompanyAdministrator(contoso);
        Assert.DoesNotContain(key.Id, (await RunAsync<ListApiKeys, IReadOnlyList<ApiKeyRow>>(services, l => l.HandleAsync())).Select(k => k.Id));
        user.Current = new CustomerUser(evergreen);
        Assert.Equal(ResultKind.NotFound, (await RunAsync<RevokeApiKey, Result>(services, r => r.HandleAsync(key.Id))).Kind);
        Assert.Empty(await RunAsync<ListApiKeys, IReadOnlyList<ApiKeyRow>>(services, l => l.HandleAsync()));

        user.Current = new CustomerUser(cedar);
        Assert.True((await RunAsync<RevokeApiKey, Result>(services, r => r.HandleAsync(key.Id))).Succeeded);
        Assert.Null(await RunAsync<AuthenticateApiKey, ApiKeyHolder?>(services, a => a.HandleAsync(created.Value!)));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "ApiKeyRevoked" && a.EntityId == key.Id.ToString() && a.CompanyId == contoso.Id));
    }

    private static async Task<TResult> RunAsync<TUseCase, TResult>(ServiceProvider services, Func<TUseCase, Task<TResult>> run)
        where TUseCase : notnull
    {
        await using var scope = services.CreateAsyncScope();
        return await run(scope.ServiceProvider.GetRequiredService<TUseCase>());
    }

    private static async Task<Result<Application.Partners.CreatedPartnerAccount>> InviteAsync(ServiceProvider services, Guid customerId, InviteCustomerAccountInput input)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<InviteCustomerAccount>().HandleAsync(customerId, input);
    }

    /// <summary>The database migrated and seeded with the demo data, and the use cases acting as <paramref name="user"/>.</summary>
    private static async Task<ServiceProvider> SeededAsync(TestDatabase database, SwitchableUser user)
    {
        await database.MigrateAsync();
        var services = Services(database, new TestClock(), user);
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        return services;
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
        services.AddSingleton<IValidator<ApiKeyInput>, ApiKeyInputValidator>();
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
