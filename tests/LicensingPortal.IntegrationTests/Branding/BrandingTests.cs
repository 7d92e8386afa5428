using FluentValidation;
using LicensingPortal.Application;
using LicensingPortal.Application.Branding;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests.Branding;

/// <summary>
/// R25's brands through the use cases on a real database: saved with the logo and audited, a host name one company's
/// only, a stale version refused (R19), and the brand a customer's users see: their partner's, else the provider's,
/// else none.
/// </summary>
public abstract class BrandingTests : MigratedDatabaseTests
{
    private readonly TestClock _clock = new(TestToday.Now);
    private Company _provider = null!;
    private Company _contoso = null!;
    private Company _fabrikam = null!;
    private Customer _contosoCustomer = null!;
    private Customer _fabrikamCustomer = null!;
    private Customer _directCustomer = null!;

    [Fact]
    public async Task A_brand_is_saved_with_its_logo_and_audited_and_a_stale_form_is_refused_R25()
    {
        await SeedAsync();
        var contoso = new CompanyAdministrator(_contoso);
        var logo = TestImages.Png(120, 40);
        var saved = await Run(contoso, s => s.GetRequiredService<SaveBrand>().HandleAsync(_contoso.Id, Input("Contoso IT", "#1A5276", "Portal.Contoso.Example"), logo));
        Assert.True(saved.Succeeded, saved.Message);

        var view = (await Run(contoso, s => s.GetRequiredService<GetBrand>().HandleAsync(_contoso.Id)))!;
        Assert.Equal(("Contoso IT", "#1a5276", "portal.contoso.example", "image/png", logo.Length), (view.DisplayName, view.Colour, view.HostName, view.LogoContentType, view.LogoBytes));
        var file = await Run(contoso, s => s.GetRequiredService<GetBrandLogo>().HandleAsync(_contoso.Id));
        Assert.Equal(logo, file!.Content);

        var changed = await Run(contoso, s => s.GetRequiredService<SaveBrand>().HandleAsync(_contoso.Id, Input("Contoso", "#000000", null, view.Version)));
        Assert.True(changed.Succeeded, changed.Message);
        var stale = await Run(contoso, s => s.GetRequiredService<SaveBrand>().HandleAsync(_contoso.Id, Input("Contoso again", "#000000", null, view.Version)));
        Assert.Equal(ResultKind.Conflict, stale.Kind);

        await using var db = Database.CreateContext();
        var brand = await db.CompanyBrands.AsNoTracking().SingleAsync(b => b.CompanyId == _contoso.Id);
        Assert.Equal(("Contoso", null, logo.Length), (brand.DisplayName, brand.HostName, brand.Logo!.Length));
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.CompanyId == _contoso.Id && a.EntityType == "CompanyBrand").OrderBy(a => a.At).Select(a => a.Action).ToListAsync();
        Assert.Equal(["BrandCreated", "BrandChanged"], audit);
    }

    [Fact]
    public async Task A_host_name_belongs_to_one_company_only_R25()
    {
        await SeedAsync();
        Assert.True((await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<SaveBrand>().HandleAsync(_contoso.Id, Input("Contoso IT", "#1a5276", "portal.shared.example")))).Succeeded);

        var taken = await Run(new CompanyAdministrator(_fabrikam), s => s.GetRequiredService<SaveBrand>().HandleAsync(_fabrikam.Id, Input("Fabrikam", "#1a5276", "PORTAL.shared.example")));
        Assert.Equal(("R25", ResultKind.Refused), (taken.RuleCode, taken.Kind));
        Assert.Equal("portal.shared.example is already the host name of another company; each host name shows one brand.", taken.Errors["HostName"].Single());

        await using var db = Database.CreateContext();
        Assert.False(await db.CompanyBrands.AnyAsync(b => b.CompanyId == _fabrikam.Id));

        // The database keeps it so too, whatever the use case checked.
        db.CompanyBrands.Add(Domain.Branding.CompanyBrand.Create(_fabrikam.Id, "Fabrikam", "#1a5276", "portal.shared.example", _clock.GetUtcNow()));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_partner_changes_its_own_brand_only_and_the_provider_its_partners_R25()
    {
        await SeedAsync();
        var contoso = new CompanyAdministrator(_contoso);
        Assert.Equal(ResultKind.NotFound, (await Run(contoso, s => s.GetRequiredService<SaveBrand>().HandleAsync(_fabrikam.Id, Input("Not mine", "#1a5276", null)))).Kind);
        Assert.Equal(ResultKind.NotFound, (await Run(contoso, s => s.GetRequiredService<SaveBrand>().HandleAsync(_provider.Id, Input("Not mine", "#1a5276", null)))).Kind);
        Assert.Null(await Run(contoso, s => s.GetRequiredService<GetBrand>().HandleAsync(_fabrikam.Id)));
        Assert.True((await Run(new CompanyAdministrator(_provider), s => s.GetRequiredService<SaveBrand>().HandleAsync(_fabrikam.Id, Input("Fabrikam", "#1a5276", null)))).Succeeded);

        await using var db = Database.CreateContext();
        Assert.Equal(["Fabrikam"], await db.CompanyBrands.Select(b => b.DisplayName).ToListAsync());
    }

    [Fact]
    public async Task A_customers_users_see_their_partners_brand_else_the_providers_else_the_portals_R25()
    {
        await SeedAsync();
        Assert.Null(await BrandSeenBy(_contosoCustomer));

        Assert.True((await Run(new CompanyAdministrator(_provider), s => s.GetRequiredService<SaveBrand>().HandleAsync(_provider.Id, Input("Northwind", "#1f2a44", null)))).Succeeded);
        Assert.True((await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<SaveBrand>().HandleAsync(_contoso.Id, Input("Contoso IT", "#1a5276", "portal.contoso.example"), TestImages.Png(10, 10)))).Succeeded);

        var contosos = await BrandSeenBy(_contosoCustomer);
        Assert.Equal(("Contoso IT", "#1a5276", _contoso.Id), (contosos!.DisplayName, contosos.Colour, contosos.CompanyId));
        Assert.Equal($"/brand/{_contoso.Id}/logo?v={contosos.Version}", contosos.LogoPath);
        Assert.Equal("Northwind", (await BrandSeenBy(_fabrikamCustomer))!.DisplayName);
        Assert.Equal("Northwind", (await BrandSeenBy(_directCustomer))!.DisplayName);
        Assert.Null(await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<GetCurrentBrand>().HandleAsync()));

        Assert.Equal(_contoso.Id, (await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<GetHostBrand>().HandleAsync("Portal.Contoso.Example")))!.CompanyId);
        Assert.Null(await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<GetHostBrand>().HandleAsync("localhost")));
    }

    [Fact]
    public async Task The_brand_lookup_is_one_command_kept_for_a_minute_and_read_again_after_a_save_R25()
    {
        await SeedAsync();
        var lookup = new BrandLookup(_clock);
        await using (var db = Database.CreateContext())
        {
            db.CompanyBrands.Add(Domain.Branding.CompanyBrand.Create(_contoso.Id, "Contoso IT", "#1a5276", null, _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        await using (var db = Database.CreateContext())
        {
            Assert.Equal("Contoso IT", (await lookup.ForCustomerAsync(db, _contosoCustomer.Id))!.DisplayName);
            var brand = await db.CompanyBrands.SingleAsync(b => b.CompanyId == _contoso.Id);
            brand.Update("Contoso renamed", "#1a5276", null, _clock.GetUtcNow());
            await db.SaveChangesAsync();
            Assert.Equal("Contoso IT", (await lookup.ForCustomerAsync(db, _contosoCustomer.Id))!.DisplayName);
            _clock.Advance(BrandLookup.Lifetime);
            Assert.Equal("Contoso renamed", (await lookup.ForCustomerAsync(db, _contosoCustomer.Id))!.DisplayName);
            brand.Update("Contoso again", "#1a5276", null, _clock.GetUtcNow());
            await db.SaveChangesAsync();
            lookup.Forget();
            Assert.Equal("Contoso again", (await lookup.ForCustomerAsync(db, _contosoCustomer.Id))!.DisplayName);
        }
    }

    private static BrandInput Input(string name, string colour, string? host, int version = 0) =>
        new() { DisplayName = name, Colour = colour, HostName = host, Version = version };

    private Task<Brand?> BrandSeenBy(Customer customer) =>
        Run(new CustomerUser(customer), s => s.GetRequiredService<GetCurrentBrand>().HandleAsync());

    private async Task<T> Run<T>(ICurrentUser user, Func<IServiceProvider, Task<T>> action)
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        await using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPortalDatabase(Database.Settings)
            .AddPortalUseCases()
            .AddSingleton<IValidator<BrandInput>, BrandInputValidator>()
            .AddSingleton(user)
            .BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private async Task SeedAsync()
    {
        var at = _clock.GetUtcNow();
        await using var db = Database.CreateContext();
        _provider = Company.CreateProvider("Northwind", "US", "US", at);
        _contoso = Company.CreatePartner(_provider, CompanyType.Msp, new CompanyProfile("Contoso MSP", null, "ops@example.com", null, null, "US", "US"), at);
        _fabrikam = Company.CreatePartner(_provider, CompanyType.Reseller, new CompanyProfile("Fabrikam", null, "ops@example.com", null, null, "US", "US"), at);
        _contosoCustomer = Customer.Create(_contoso, "Contoso's customer", null, "US", at);
        _fabrikamCustomer = Customer.Create(_fabrikam, "Fabrikam's customer", null, "US", at);
        _directCustomer = Customer.Create(_provider, "Northwind's customer", null, "US", at);
        db.AddRange(_provider, _contoso, _fabrikam, _contosoCustomer, _fabrikamCustomer, _directCustomer);
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteBrandingTests : BrandingTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlBrandingTests : BrandingTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
