using LicensingPortal.Application;
using LicensingPortal.Application.MyLicenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests.CustomerAccounts;

/// <summary>
/// R25 on real databases: a reseller's customer sees its licenses at the provider's list price (a reseller keeps no resale
/// prices), with this month's estimate from the statement's lines of that customer alone, only while the reseller shows prices.
/// </summary>
public sealed class CustomerPricesDatabaseTests
{
    [Fact]
    public async Task A_resellers_customer_sees_list_prices_and_an_estimate_only_when_shown_on_PostgreSql_R25()
    {
        await using var database = await TestDatabase.PostgreSqlAsync();
        await RunAsync(database);
    }

    [Fact]
    public async Task A_resellers_customer_sees_list_prices_and_an_estimate_only_when_shown_on_Sqlite_R25()
    {
        await using var database = TestDatabase.Sqlite();
        await RunAsync(database);
    }

    private static async Task RunAsync(TestDatabase database)
    {
        await database.MigrateAsync();
        var clock = new TestClock();
        await using (var seed = Services(database, clock, null))
        await using (var scope = seed.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        await using var db = database.CreateContext();
        var isar = await db.Customers.AsNoTracking().SingleAsync(c => c.Name == "Isar Kliniken");
        var reseller = await db.Companies.SingleAsync(c => c.Id == isar.OwnerId);
        var provider = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == reseller.ProviderId);
        var currency = Currency.Of(provider.BillingCurrency);
        var list = new PriceBook(await db.PlanPrices.AsNoTracking().Where(p => p.ProviderId == provider.Id).ToListAsync());
        var licenses = await db.CustomerLicenses.AsNoTracking().Where(l => l.CustomerId == isar.Id).ToListAsync();
        await using var services = Services(database, clock, new CustomerUser(isar));

        var hidden = await ListAsync(services);
        reseller.SetShowPricesToCustomers(true);
        await db.SaveChangesAsync();
        var shown = await ListAsync(services);

        Assert.All(hidden.Licenses, l => Assert.Null(l.Price));
        Assert.Equal(licenses.Select(l => l.Id).Order(), shown.Licenses.Select(l => l.Id).Order());
        var priced = licenses.Where(l => l.LicenseType == LicenseType.Full && list.ListMonthlyUnitPrice(l.ServicePlanId, clock.Today) is not null).ToList();
        Assert.NotEmpty(priced);
        foreach (var license in licenses)
        {
            var row = shown.Licenses.Single(r => r.Id == license.Id);
            if (priced.Contains(license))
            {
                Assert.Equal(currency.Format(currency.Round(license.Units * list.ListMonthlyUnitPrice(license.ServicePlanId, clock.Today)!.Value)), row.Price?.Monthly);
                Assert.NotNull(row.Price!.ThisMonth);
            }
            else
            {
                Assert.Null(row.Price);
            }
        }
    }

    private static async Task<MyLicensesView> ListAsync(ServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<ListMyLicenses>().HandleAsync(TestContext.Current.CancellationToken))!;
    }

    private static ServiceProvider Services(TestDatabase database, TimeProvider clock, ICurrentUser? user)
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
        services.AddPortalAccounts();
        if (user is not null)
        {
            services.AddSingleton(user);
        }

        return services.BuildServiceProvider();
    }
}
