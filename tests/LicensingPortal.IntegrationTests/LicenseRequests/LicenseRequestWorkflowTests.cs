using FluentValidation;
using LicensingPortal.Application;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.LicenseRequests;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.LicenseRequests;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests.LicenseRequests;

/// <summary>
/// R25 through the use cases on a real database: a customer user asks, the owner approves (through the license's own
/// change, under R4, R7, R12) or declines; a refusal stays on the open request; deciding twice is R19; other customers'
/// licenses and other partners' queues are 404 (R1).
/// </summary>
public abstract class LicenseRequestWorkflowTests : MigratedDatabaseTests
{
    private readonly TestClock _clock = new(TestToday.Now);
    private Company _contoso = null!;
    private Company _fabrikam = null!;
    private Product _product = null!;
    private Customer _acme = null!;
    private Customer _globex = null!;
    private Guid _acmeLicense;
    private Guid _globexLicense;

    [Fact]
    public async Task A_request_approved_on_a_date_becomes_the_licenses_pending_change_and_a_second_approval_is_a_conflict_R25_R19()
    {
        await SeedAsync(poolUnits: 100);
        var requestId = await AskAsync(_acme, _acmeLicense, 15);
        var msp = new CompanyAdministrator(_contoso);
        var queue = await Run(msp, s => s.GetRequiredService<ListLicenseRequests>().HandleAsync(new LicenseRequestFilter()));
        var row = Assert.Single(queue.Rows);
        Assert.Equal((requestId, LicenseRequestState.Open, 1), (row.Id, row.State, queue.OpenCount));

        var applyOn = DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime).AddDays(10);
        var approval = new ApproveLicenseRequestInput { ApplyMode = ApplyMode.OnDate, ApplyOn = applyOn, Version = row.Version };
        var approved = await Run(msp, s => s.GetRequiredService<ApproveLicenseRequest>().HandleAsync(requestId, approval));
        Assert.True(approved.Succeeded, approved.Message);

        // The same click again (the stale version) and a fresh one: both conflicts, nothing applied twice.
        var stale = await Run(msp, s => s.GetRequiredService<ApproveLicenseRequest>().HandleAsync(requestId, approval));
        var fresh = (await Run(msp, s => s.GetRequiredService<ListLicenseRequests>().FindAsync(requestId)))!;
        var again = await Run(msp, s => s.GetRequiredService<ApproveLicenseRequest>().HandleAsync(
            requestId, new ApproveLicenseRequestInput { ApplyMode = ApplyMode.OnDate, ApplyOn = applyOn, Version = fresh.Version }));
        Assert.Equal((ResultKind.Conflict, "R19"), (stale.Kind, stale.RuleCode));
        Assert.Equal((ResultKind.Conflict, "R19"), (again.Kind, again.RuleCode));
        Assert.Contains("was approved by", again.Message, StringComparison.Ordinal);

        await using var db = Database.CreateContext();
        var license = await db.CustomerLicenses.Include(l => l.ScheduledChanges).SingleAsync(l => l.Id == _acmeLicense, TestContext.Current.CancellationToken);
        var pending = Assert.Single(license.ScheduledChanges);
        Assert.Equal((applyOn, 15), (pending.ApplyOn, pending.Changes.Units));
        Assert.Equal(10, license.Units);
        Assert.Equal(1, await db.LicenseTransactions.CountAsync(t => t.LicenseId == _acmeLicense && t.Type == TransactionType.ChangeScheduled, TestContext.Current.CancellationToken));
        var request = await db.LicenseRequests.SingleAsync(r => r.Id == requestId, TestContext.Current.CancellationToken);
        Assert.Equal((LicenseRequestState.Approved, applyOn), (request.State, request.ApplyOn));
        var actions = await db.AuditEntries.Where(a => a.EntityId == requestId.ToString()).Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(new[] { ApproveLicenseRequest.ApprovedAction, CreateLicenseRequest.CreatedAction }, actions.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_request_refused_at_approval_because_the_pool_is_empty_stays_open_with_the_sentence_for_both_R25_R12()
    {
        await SeedAsync(poolUnits: 12);
        var requestId = await AskAsync(_acme, _acmeLicense, 15);
        var msp = new CompanyAdministrator(_contoso);
        var row = (await Run(msp, s => s.GetRequiredService<ListLicenseRequests>().FindAsync(requestId)))!;

        var refused = await Run(msp, s => s.GetRequiredService<ApproveLicenseRequest>().HandleAsync(requestId, new ApproveLicenseRequestInput { Version = row.Version }));

        Assert.Equal((ResultKind.Refused, "R12"), (refused.Kind, refused.RuleCode));
        var customerSees = (await Run(new CustomerUser(_acme), s => s.GetRequiredService<ListLicenseRequests>().FindAsync(requestId)))!;
        Assert.Equal(LicenseRequestState.Open, customerSees.State);
        Assert.Equal("R12", customerSees.RefusalCode);
        Assert.Equal(refused.Message, customerSees.Refusal);
        Assert.Contains("from the license pool, which has 2 free", customerSees.Refusal, StringComparison.Ordinal);
        await using var db = Database.CreateContext();
        Assert.Equal(10, await db.CustomerLicenses.Where(l => l.Id == _acmeLicense).Select(l => l.Units).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(2, await db.LicensePools.Where(p => p.PartnerId == _contoso.Id).Select(p => p.UnitsTotal - p.UnitsUsed).SingleAsync(TestContext.Current.CancellationToken));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.EntityId == requestId.ToString() && a.Action == ApproveLicenseRequest.RefusedAction, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_request_refused_at_approval_because_the_plan_reached_End_of_Life_R25_R4()
    {
        await SeedAsync(poolUnits: 100);
        var requestId = await AskAsync(_acme, _acmeLicense, 15);
        await using (var db = Database.CreateContext())
        {
            var product = await db.Products.SingleAsync(p => p.Id == _product.Id, TestContext.Current.CancellationToken);
            product.MarkEndOfSale(_clock.GetUtcNow());
            product.MarkEndOfLife(_clock.GetUtcNow());
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var msp = new CompanyAdministrator(_contoso);
        var row = (await Run(msp, s => s.GetRequiredService<ListLicenseRequests>().FindAsync(requestId)))!;
        var refused = await Run(msp, s => s.GetRequiredService<ApproveLicenseRequest>().HandleAsync(requestId, new ApproveLicenseRequestInput { Version = row.Version }));

        Assert.Equal((ResultKind.Refused, "R4"), (refused.Kind, refused.RuleCode));
        Assert.Contains("End of Life", refused.Message, StringComparison.Ordinal);
        var after = (await Run(msp, s => s.GetRequiredService<ListLicenseRequests>().FindAsync(requestId)))!;
        Assert.Equal((LicenseRequestState.Open, "R4"), (after.State, after.RefusalCode));
    }

    [Fact]
    public async Task Declining_needs_a_reason_and_the_customer_sees_it_R25()
    {
        await SeedAsync(poolUnits: 100);
        var requestId = await AskAsync(_acme, _acmeLicense, 15);
        var msp = new CompanyAdministrator(_contoso);
        var row = (await Run(msp, s => s.GetRequiredService<ListLicenseRequests>().FindAsync(requestId)))!;

        var noReason = await Run(msp, s => s.GetRequiredService<DeclineLicenseRequest>().HandleAsync(requestId, " ", row.Version));
        var declined = await Run(msp, s => s.GetRequiredService<DeclineLicenseRequest>().HandleAsync(requestId, "Your contract caps you at 10 seats.", row.Version));

        Assert.Equal((ResultKind.Refused, "R25"), (noReason.Kind, noReason.RuleCode));
        Assert.True(declined.Succeeded, declined.Message);
        var mine = await Run(new CustomerUser(_acme), s => s.GetRequiredService<ListLicenseRequests>().HandleAsync(new LicenseRequestFilter()));
        Assert.Equal(("Your contract caps you at 10 seats.", LicenseRequestState.Declined), (Assert.Single(mine.Rows).DeclineReason, mine.Rows[0].State));
    }

    [Fact]
    public async Task A_customer_cannot_ask_on_another_customers_license_and_a_partner_cannot_see_or_decide_another_partners_requests_R25_R1()
    {
        await SeedAsync(poolUnits: 100);
        var foreign = await Run(new CustomerUser(_acme), s => s.GetRequiredService<CreateLicenseRequest>()
            .HandleAsync(_globexLicense, new LicenseRequestInput { Kind = LicenseRequestKind.Units, Units = 20, Comment = "Not mine." }));
        Assert.Equal(ResultKind.NotFound, foreign.Kind);

        // A partner's own user cannot ask on its customer's behalf: requests are the customer's.
        var byPartner = await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<CreateLicenseRequest>()
            .HandleAsync(_acmeLicense, new LicenseRequestInput { Kind = LicenseRequestKind.Units, Units = 20, Comment = "x" }));
        Assert.Equal(ResultKind.NotFound, byPartner.Kind);

        var requestId = await AskAsync(_acme, _acmeLicense, 15);
        var other = new CompanyAdministrator(_fabrikam);
        Assert.Empty((await Run(other, s => s.GetRequiredService<ListLicenseRequests>().HandleAsync(new LicenseRequestFilter()))).Rows);
        Assert.Null(await Run(other, s => s.GetRequiredService<ListLicenseRequests>().FindAsync(requestId)));
        Assert.Equal(ResultKind.NotFound, (await Run(other, s => s.GetRequiredService<ApproveLicenseRequest>().HandleAsync(requestId, new ApproveLicenseRequestInput { Version = 0 }))).Kind);
        Assert.Equal(ResultKind.NotFound, (await Run(other, s => s.GetRequiredService<DeclineLicenseRequest>().HandleAsync(requestId, "No.", 0))).Kind);
        Assert.Empty((await Run(new CustomerUser(_globex), s => s.GetRequiredService<ListLicenseRequests>().HandleAsync(new LicenseRequestFilter()))).Rows);
    }

    [Fact]
    public async Task A_second_open_request_on_the_same_license_is_refused_until_the_first_is_withdrawn_R25()
    {
        await SeedAsync(poolUnits: 100);
        var first = await AskAsync(_acme, _acmeLicense, 15);
        var customer = new CustomerUser(_acme);
        var second = await Run(customer, s => s.GetRequiredService<CreateLicenseRequest>()
            .HandleAsync(_acmeLicense, new LicenseRequestInput { Kind = LicenseRequestKind.AutoRenewal, AutoRenew = false, Comment = "Stop renewing." }));
        Assert.Equal((ResultKind.Refused, "R25"), (second.Kind, second.RuleCode));

        var row = (await Run(customer, s => s.GetRequiredService<ListLicenseRequests>().FindAsync(first)))!;
        Assert.True((await Run(customer, s => s.GetRequiredService<WithdrawLicenseRequest>().HandleAsync(first, row.Version))).Succeeded);
        var third = await Run(customer, s => s.GetRequiredService<CreateLicenseRequest>()
            .HandleAsync(_acmeLicense, new LicenseRequestInput { Kind = LicenseRequestKind.AutoRenewal, AutoRenew = false, Comment = "Stop renewing." }));
        Assert.True(third.Succeeded, third.Message);
    }

    private async Task<Guid> AskAsync(Customer customer, Guid licenseId, int units)
    {
        var created = await Run(new CustomerUser(customer), s => s.GetRequiredService<CreateLicenseRequest>()
            .HandleAsync(licenseId, new LicenseRequestInput { Kind = LicenseRequestKind.Units, Units = units, Comment = "A new office opens next month." }));
        Assert.True(created.Succeeded, created.Message);
        return created.Value;
    }

    private async Task<T> Run<T>(ICurrentUser user, Func<IServiceProvider, Task<T>> action)
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPortalDatabase(Database.Settings)
            .AddPortalUseCases()
            .AddSingleton<IValidator<LicenseRequestInput>, LicenseRequestInputValidator>()
            .AddSingleton<IValidator<ApproveLicenseRequestInput>, ApproveLicenseRequestInputValidator>()
            .AddSingleton<IValidator<LicenseModifyInput>, LicenseModifyInputValidator>()
            .AddSingleton(user);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    /// <summary>Two MSPs, each with a customer holding a 10-unit WFBSS Standard license; Contoso's pool holds <paramref name="poolUnits"/> (refill off).</summary>
    private async Task SeedAsync(int poolUnits)
    {
        await using var db = Database.CreateContext();
        var at = _clock.GetUtcNow().AddMonths(-2);
        var today = DateOnly.FromDateTime(at.UtcDateTime);
        var provider = Company.CreateProvider("Northwind", "US", "US", at);
        _product = Product.Create("WFBSS", ["Standard", "Advanced"]);
        db.AddRange(provider, _product);
        var someone = new Actor(null, "Tester");
        (Company, Customer, Guid) Partner(string name, int units)
        {
            var msp = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile(name, null, "ops@example.com", null, null, "US", "US"), at);
            var pool = LicensePool.Assign(msp, _product, _product.ServiceLevels[0].Id, LicenseType.Full, units, today.AddDays(-1), today.AddYears(3));
            var plan = ServicePlan.Create(msp, _product, new ServicePlanDefinition("WFBSS Standard", _product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 1, true, false), at);
            var customer = Customer.Create(msp, $"{name} customer", null, "US", at);
            var (license, bought) = CustomerLicense.Purchase(customer, plan, 10, pool, someone, at);
            db.AddRange(msp, pool, plan, customer, license);
            db.LicenseTransactions.Add(bought);
            return (msp, customer, license.Id);
        }

        (_contoso, _acme, _acmeLicense) = Partner("Contoso MSP", poolUnits);
        (_fabrikam, _globex, _globexLicense) = Partner("Fabrikam MSP", 100);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
    }
}

public sealed class SqliteLicenseRequestWorkflowTests : LicenseRequestWorkflowTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlLicenseRequestWorkflowTests : LicenseRequestWorkflowTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
