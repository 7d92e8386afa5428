using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using LicensingPortal.Application;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.SingleSignOn;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Security;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests.SingleSignOn;

/// <summary>
/// R26's registrations through the use cases on a real database: saved with the secret protected and audited without it,
/// a change of domains alone is a new version (R19), a domain one company's only, and home-realm discovery by the
/// email's domain for enabled providers of companies that may sign in.
/// </summary>
public abstract class SingleSignOnTests : MigratedDatabaseTests
{
    private readonly TestClock _clock = new(TestToday.Now);
    private Company _contoso = null!;
    private Company _fabrikam = null!;

    [Fact]
    public async Task A_provider_is_registered_with_its_secret_protected_and_a_stale_form_is_refused_R26()
    {
        await SeedAsync();
        var contoso = new CompanyAdministrator(_contoso);
        var saved = await Run(contoso, s => s.GetRequiredService<SaveSso>().HandleAsync(_contoso.Id, Input("contoso.example", "first-secret")));
        Assert.True(saved.Succeeded, saved.Message);
        var view = (await Run(contoso, s => s.GetRequiredService<GetSso>().HandleAsync(_contoso.Id)))!;
        Assert.Equal(["contoso.example"], view.Domains);

        // Only the domains change: still a new version, so the form read before is stale.
        Assert.True((await Run(contoso, s => s.GetRequiredService<SaveSso>().HandleAsync(_contoso.Id, Input("contoso.example, contoso.org", null, view.Version)))).Succeeded);
        Assert.Equal(ResultKind.Conflict, (await Run(contoso, s => s.GetRequiredService<SaveSso>().HandleAsync(_contoso.Id, Input("contoso.net", null, view.Version)))).Kind);

        var connection = await Run(contoso, s => s.GetRequiredService<ICompanySso>().FindConnectionAsync(_contoso.Id));
        Assert.Equal(("first-secret", "https://login.contoso.example/"), (connection!.ClientSecret, connection.Issuer));
        await using var db = Database.CreateContext();
        Assert.Equal(["contoso.example", "contoso.org"], await db.IdentityProviderDomains.Where(d => d.CompanyId == _contoso.Id).OrderBy(d => d.Domain).Select(d => d.Domain).ToListAsync());
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.CompanyId == _contoso.Id).OrderBy(a => a.At).ToListAsync();
        Assert.Equal(["SingleSignOnRegistered", "SingleSignOnChanged"], audit.Select(a => a.Action));
        Assert.DoesNotContain(audit, a => (a.After ?? string.Empty).Contains("first-secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_domain_belongs_to_one_company_and_discovery_finds_it_while_enabled_R26()
    {
        await SeedAsync();
        Assert.True((await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<SaveSso>().HandleAsync(_contoso.Id, Input("shared.example", "s")))).Succeeded);
        var taken = await Run(new CompanyAdministrator(_fabrikam), s => s.GetRequiredService<SaveSso>().HandleAsync(_fabrikam.Id, Input("SHARED.example", "s")));
        Assert.Equal("shared.example already signs in through another company's identity provider; each email domain belongs to one company.", taken.Message);
        Assert.Equal(ResultKind.NotFound, (await Run(new CompanyAdministrator(_fabrikam), s => s.GetRequiredService<SaveSso>().HandleAsync(_contoso.Id, Input("x.example", "s")))).Kind);

        var realm = await Run(new CompanyAdministrator(_fabrikam), s => s.GetRequiredService<ICompanySso>().FindForEmailAsync("Ada@Shared.Example"));
        Assert.Equal(_contoso.Id, realm!.CompanyId);
        Assert.Null(await Run(new CompanyAdministrator(_fabrikam), s => s.GetRequiredService<ICompanySso>().FindForEmailAsync("ada@other.example")));

        var view = (await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<GetSso>().HandleAsync(_contoso.Id)))!;
        var off = Input("shared.example", null, view.Version);
        off.Enabled = false;
        Assert.True((await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<SaveSso>().HandleAsync(_contoso.Id, off))).Succeeded);
        Assert.Null(await Run(new CompanyAdministrator(_fabrikam), s => s.GetRequiredService<ICompanySso>().FindForEmailAsync("ada@shared.example")));
    }

    private static SsoInput Input(string domains, string? secret, int version = 0) => new()
    {
        Issuer = "https://login.contoso.example/",
        ClientId = "portal",
        ClientSecret = secret,
        Domains = domains,
        Enabled = true,
        Version = version,
    };

    private async Task<T> Run<T>(ICurrentUser user, Func<IServiceProvider, Task<T>> action)
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPortalDatabase(Database.Settings)
            .AddPortalUseCases()
            .AddSingleton<IValidator<SsoInput>, SsoInputValidator>()
            .AddSingleton<ISsoSecrets, SsoSecrets>()
            .AddSingleton(user);
        services.AddDataProtection().SetApplicationName("LicensingPortal").PersistKeysToDbContext<PortalDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private async Task SeedAsync()
    {
        var at = _clock.GetUtcNow();
        await using var db = Database.CreateContext();
        var provider = Company.CreateProvider("Northwind", "US", "US", at);
        _contoso = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Contoso MSP", null, "ops@example.com", null, null, "US", "US"), at);
        _fabrikam = Company.CreatePartner(provider, CompanyType.Reseller, new CompanyProfile("Fabrikam", null, "ops@example.com", null, null, "US", "US"), at);
        db.AddRange(provider, _contoso, _fabrikam);
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteSingleSignOnTests : SingleSignOnTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlSingleSignOnTests : SingleSignOnTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
