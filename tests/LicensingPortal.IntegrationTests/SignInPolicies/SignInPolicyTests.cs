using FluentValidation;
using LicensingPortal.Application;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.SignInPolicies;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.SignInPolicies;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Infrastructure.Seeding;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests.SignInPolicies;

/// <summary>
/// R26's sign-in policies through the use cases on a real database (the demo data): the provider tightens, a partner
/// cannot loosen (refused with the sentence, nothing saved) but may tighten, each save audited and versioned (R19), the
/// policy in force the strictest from the provider down; single sign-on needs an identity provider and a break-glass
/// administrator with two-factor.
/// </summary>
public abstract class SignInPolicyTests : MigratedDatabaseTests
{
    private readonly TestClock _clock = new(TestToday.Now);
    private Company _provider = null!;
    private Company _contoso = null!;
    private bool _hasSso;

    [Fact]
    public async Task A_partner_cannot_loosen_the_providers_policy_and_may_tighten_it_each_save_audited_R26()
    {
        await SeedAsync();
        var provider = new CompanyAdministrator(_provider);
        var contoso = new CompanyAdministrator(_contoso);

        var tightened = await SaveAsync(provider, _provider.Id, Input(TwoFactorRequirement.Administrators, 20, 8));
        Assert.True(tightened.Succeeded, tightened.Message);

        var looser = await SaveAsync(contoso, _contoso.Id, Input(TwoFactorRequirement.Everyone, 30, 8));
        Assert.Equal((ResultKind.Refused, "R26"), (looser.Kind, looser.RuleCode));
        Assert.Equal(
            "Northwind Distribution signs users out after 20 minutes without activity; a company under it may choose a shorter idle timeout, never a longer one.",
            looser.Errors[nameof(SignInPolicyInput.IdleTimeoutMinutes)].Single());
        var fewerTwoFactor = await SaveAsync(contoso, _contoso.Id, Input(TwoFactorRequirement.Nobody, 20, 8));
        Assert.Equal("R26", fewerTwoFactor.RuleCode);

        var stricter = await SaveAsync(contoso, _contoso.Id, Input(TwoFactorRequirement.Everyone, 15, 8));
        Assert.True(stricter.Succeeded, stricter.Message);

        var view = (await Run(contoso, s => s.GetRequiredService<GetSignInPolicy>().HandleAsync(_contoso.Id)))!;
        Assert.Equal(new SignInSettings(TwoFactorRequirement.Everyone, 15, 8, false), view.InForce.Settings);
        Assert.Equal(("Contoso Managed Services", "Northwind Distribution"), (view.InForce.TwoFactor.SetBy, view.InForce.SessionLifetimeHours.SetBy));
        Assert.Equal(20, view.Floor!.IdleTimeoutMinutes.Value);

        // R19: a form read before the last save is refused.
        Assert.True((await SaveAsync(contoso, _contoso.Id, Input(TwoFactorRequirement.Everyone, 15, 6, version: view.Version))).Succeeded);
        var stale = await SaveAsync(contoso, _contoso.Id, Input(TwoFactorRequirement.Everyone, 15, 4, version: view.Version));
        Assert.Equal(ResultKind.Conflict, stale.Kind);

        await using var db = Database.CreateContext();
        var saved = await db.SignInPolicies.AsNoTracking().SingleAsync(p => p.CompanyId == _contoso.Id);
        Assert.Equal(new SignInSettings(TwoFactorRequirement.Everyone, 15, 6, false), saved.Settings);
        var audit = await db.AuditEntries.AsNoTracking().Where(a => a.EntityType == nameof(SignInPolicy)).OrderBy(a => a.At).Select(a => new { a.Action, a.CompanyId, a.After }).ToListAsync();
        Assert.Equal(
            [("SignInPolicyCreated", (Guid?)_provider.Id), ("SignInPolicyCreated", _contoso.Id), ("SignInPolicyChanged", _contoso.Id)],
            audit.Select(a => (a.Action, a.CompanyId)));
        Assert.Equal("two-factor required for everyone, idle timeout 15 min, session 6 h, single sign-on not required", audit[^1].After);
    }

    [Fact]
    public async Task The_policy_in_force_follows_a_providers_save_at_once_and_customers_users_follow_their_partners_R26()
    {
        await SeedAsync();
        var lookup = new SignInPolicyLookup(_clock, new SignInPolicyDefaults(TwoFactorForProviderAdministrators: true));
        await using (var db = Database.CreateContext())
        {
            // Before the provider saves: the switch asks its own administrators only; the timeouts flow down.
            Assert.Equal(TwoFactorRequirement.Administrators, (await lookup.InForceAsync(db, _provider.Id))!.TwoFactor.Value);
            Assert.Equal(new SignInSettings(TwoFactorRequirement.Nobody, 30, 12, false), (await lookup.InForceAsync(db, _contoso.Id))!.Settings);
        }

        Assert.True((await SaveAsync(new CompanyAdministrator(_provider), _provider.Id, Input(TwoFactorRequirement.Everyone, 60, 12))).Succeeded);

        await using (var db = Database.CreateContext())
        {
            // Kept for a minute; a save through the use case forgets (here another process's lookup: read again after the minute).
            Assert.Equal(TwoFactorRequirement.Nobody, (await lookup.InForceAsync(db, _contoso.Id))!.TwoFactor.Value);
            _clock.Advance(SignInPolicyLookup.Lifetime);
            var inForce = (await lookup.InForceAsync(db, _contoso.Id))!;
            Assert.Equal((TwoFactorRequirement.Everyone, "Northwind Distribution"), (inForce.TwoFactor.Value, inForce.TwoFactor.SetBy));
        }
    }

    [Fact]
    public async Task Single_sign_on_needs_an_identity_provider_and_a_break_glass_administrator_with_two_factor_R26()
    {
        await SeedAsync();
        var contoso = new CompanyAdministrator(_contoso);
        Guid adminId;
        await using (var db = Database.CreateContext())
        {
            adminId = await db.Users.Where(u => u.Email == DemoAccounts.MspAdmin).Select(u => u.Id).SingleAsync();
        }

        var noProvider = await SaveAsync(contoso, _contoso.Id, Input(TwoFactorRequirement.Nobody, 30, 12, sso: true, breakGlass: adminId));
        Assert.Equal("Contoso Managed Services has no enabled single sign-on provider yet: register one before requiring single sign-on.", noProvider.Errors[nameof(SignInPolicyInput.SsoRequired)].Single());

        _hasSso = true;
        var noBreakGlass = await SaveAsync(contoso, _contoso.Id, Input(TwoFactorRequirement.Nobody, 30, 12, sso: true));
        Assert.Equal(ResultKind.Invalid, noBreakGlass.Kind);
        var noTwoFactor = await SaveAsync(contoso, _contoso.Id, Input(TwoFactorRequirement.Nobody, 30, 12, sso: true, breakGlass: adminId));
        Assert.Equal("R26", noTwoFactor.RuleCode);
        Assert.Contains("must set up two-factor sign-in", noTwoFactor.Errors[nameof(SignInPolicy.BreakGlassAdministratorId)].Single(), StringComparison.Ordinal);
        var notAnAdmin = await SaveAsync(contoso, _contoso.Id, Input(TwoFactorRequirement.Nobody, 30, 12, sso: true, breakGlass: Guid.NewGuid()));
        Assert.Equal("Choose one of Contoso Managed Services's enabled administrators to keep password sign-in.", notAnAdmin.Errors[nameof(SignInPolicyInput.BreakGlassAdministratorId)].Single());

        await using (var db = Database.CreateContext())
        {
            Assert.False(await db.SignInPolicies.AnyAsync(p => p.CompanyId == _contoso.Id));
            await db.Users.Where(u => u.Id == adminId).ExecuteUpdateAsync(u => u.SetProperty(x => x.TwoFactorEnabled, true));
        }

        var saved = await SaveAsync(contoso, _contoso.Id, Input(TwoFactorRequirement.Nobody, 30, 12, sso: true, breakGlass: adminId));
        Assert.True(saved.Succeeded, saved.Message);
        await using var check = Database.CreateContext();
        Assert.Equal(adminId, (await check.SignInPolicies.SingleAsync(p => p.CompanyId == _contoso.Id)).BreakGlassAdministratorId);
    }

    [Fact]
    public async Task A_partner_sets_no_other_companys_policy_R26()
    {
        await SeedAsync();
        var contoso = new CompanyAdministrator(_contoso);

        Assert.Equal(ResultKind.NotFound, (await SaveAsync(contoso, _provider.Id, Input(TwoFactorRequirement.Everyone, 15, 1))).Kind);
        Assert.Null(await Run(contoso, s => s.GetRequiredService<GetSignInPolicy>().HandleAsync(_provider.Id)));
        Assert.True((await SaveAsync(new CompanyAdministrator(_provider), _contoso.Id, Input(TwoFactorRequirement.Everyone, 15, 1))).Succeeded);
    }

    private static SignInPolicyInput Input(TwoFactorRequirement twoFactor, int idle, int lifetime, bool sso = false, Guid? breakGlass = null, int version = -1) =>
        new() { TwoFactor = twoFactor, IdleTimeoutMinutes = idle, SessionLifetimeHours = lifetime, SsoRequired = sso, BreakGlassAdministratorId = breakGlass, Version = version };

    /// <summary>Saves with the version the page would show (the stored one), unless the test gives another.</summary>
    private async Task<Result> SaveAsync(ICurrentUser user, Guid companyId, SignInPolicyInput input)
    {
        if (input.Version < 0)
        {
            await using var db = Database.CreateContext();
            input.Version = await db.SignInPolicies.Where(p => p.CompanyId == companyId).Select(p => p.Version).SingleOrDefaultAsync();
        }

        return await Run(user, s => s.GetRequiredService<SaveSignInPolicy>().HandleAsync(companyId, input));
    }

    private async Task<T> Run<T>(ICurrentUser user, Func<IServiceProvider, Task<T>> action)
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        await using var provider = Services(user);
        await using var scope = provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private ServiceProvider Services(ICurrentUser user)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddPortalDatabase(Database.Settings);
        services.AddIdentityCore<PortalUser>(o => o.User.RequireUniqueEmail = true)
            .AddRoles<PortalRole>()
            .AddEntityFrameworkStores<PortalDbContext>();
        services.AddScoped<DemoDataSeeder>();
        services.AddSingleton<ICompanySsoDirectory>(new Sso(() => _hasSso));
        services.AddPortalUseCases();
        services.AddPortalAccounts();
        services.AddSingleton<IValidator<SignInPolicyInput>, SignInPolicyInputValidator>();
        services.AddSingleton(user);
        return services.BuildServiceProvider();
    }

    private async Task SeedAsync()
    {
        await using (var services = Services(new CompanyAdministrator(Company.CreateProvider("Seeder", "US", "US", _clock.GetUtcNow()))))
        await using (var scope = services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
        }

        await using var db = Database.CreateContext();
        _provider = await db.Companies.AsNoTracking().SingleAsync(c => c.Type == CompanyType.Provider);
        _contoso = await db.Companies.AsNoTracking().SingleAsync(c => c.Name == "Contoso Managed Services");
    }

    private sealed class Sso(Func<bool> has) : ICompanySsoDirectory
    {
        public Task<bool> HasEnabledProviderAsync(Guid companyId, CancellationToken cancellationToken) => Task.FromResult(has());
    }
}

public sealed class SqliteSignInPolicyTests : SignInPolicyTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlSignInPolicyTests : SignInPolicyTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
