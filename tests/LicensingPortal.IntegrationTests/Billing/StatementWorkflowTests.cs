using FluentValidation;
using LicensingPortal.Application;
using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Infrastructure.Jobs;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.IntegrationTests.Billing;

/// <summary>
/// R24's review through the use cases on a real database: November closes on the 1st of December, the partner adjusts
/// a line and submits, the provider rejects with a reason, the partner submits again, the provider approves; then the
/// month is frozen. Each partner sees its own statements only (R1); a stale version is refused (R19).
/// </summary>
public abstract class StatementWorkflowTests : MigratedDatabaseTests
{
    private static readonly DateOnly LongAgo = new(2026, 1, 1);
    private static readonly DateOnly November = new(2026, 11, 1);
    private readonly TestClock _clock = new(new DateTimeOffset(2026, 12, 1, 0, 5, 0, TimeSpan.Zero));
    private Company _provider = null!;
    private Company _contoso = null!;
    private Company _fabrikam = null!;

    [Fact]
    public async Task The_partner_adjusts_and_submits_the_provider_rejects_then_approves_and_the_month_is_frozen_R24()
    {
        var (contosoStatement, _) = await CloseNovemberAsync();
        var contoso = new CompanyAdministrator(_contoso);
        var provider = new CompanyAdministrator(_provider);
        var view = await Run(contoso, s => s.GetRequiredService<GetStatement>().HandleAsync(contosoStatement));
        Assert.NotNull(view);
        Assert.Equal(StatementState.Preparing, view.State);
        Assert.Equal(125.00m, view.Total); // 10 × 10.00 × 15/30 + 15 × 10.00 × 15/30
        Assert.True(view.Can.Adjust && view.Can.Submit && !view.Can.Approve);
        var line = view.Customers.Single().Lines.Single(l => l.Provisioned == 15);

        // The comment is required, and nothing is saved without it.
        var noComment = await Run(contoso, s => s.GetRequiredService<AdjustStatementLine>()
            .HandleAsync(contosoStatement, new AdjustStatementLineInput { LineId = line.Id, Chargeable = 12, Version = view.Version }));
        Assert.Equal(ResultKind.Invalid, noComment.Kind);
        Assert.Contains(nameof(AdjustStatementLineInput.Comment), noComment.Errors.Keys);

        // The provider reads the partner's statement but does not adjust it.
        var providerAdjusts = await Run(provider, s => s.GetRequiredService<AdjustStatementLine>()
            .HandleAsync(contosoStatement, new AdjustStatementLineInput { LineId = line.Id, Chargeable = 12, Comment = "x", Version = view.Version }));
        Assert.Equal(("R24", ResultKind.Refused), (providerAdjusts.RuleCode, providerAdjusts.Kind));

        var adjusted = await Run(contoso, s => s.GetRequiredService<AdjustStatementLine>()
            .HandleAsync(contosoStatement, new AdjustStatementLineInput { LineId = line.Id, Chargeable = 12, Comment = "Three seats were never handed out", Version = view.Version }));
        Assert.True(adjusted.Succeeded, adjusted.Message);

        // A second tab still holding the old version is refused (R19).
        var stale = await Run(contoso, s => s.GetRequiredService<SubmitStatement>().HandleAsync(contosoStatement, view.Version));
        Assert.Equal(ResultKind.Conflict, stale.Kind);

        view = (await Run(contoso, s => s.GetRequiredService<GetStatement>().HandleAsync(contosoStatement)))!;
        Assert.Equal(110.00m, view.Total); // 50.00 + 12 × 10.00 × 15/30
        Assert.Equal("Three seats were never handed out", Assert.Single(view.Adjustments).Comment);
        Assert.True((await Run(contoso, s => s.GetRequiredService<SubmitStatement>().HandleAsync(contosoStatement, view.Version))).Succeeded);

        view = (await Run(provider, s => s.GetRequiredService<GetStatement>().HandleAsync(contosoStatement)))!;
        Assert.True(view.Can.Approve && view.Can.Reject && !view.Can.Adjust);
        var noReason = await Run(provider, s => s.GetRequiredService<DecideStatement>().HandleAsync(contosoStatement, StatementDecision.Reject, " ", view.Version));
        Assert.Equal(("R24", ResultKind.Refused), (noReason.RuleCode, noReason.Kind));
        Assert.True((await Run(provider, s => s.GetRequiredService<DecideStatement>()
            .HandleAsync(contosoStatement, StatementDecision.Reject, "Three seats were handed out on the 20th: see the activity log.", view.Version))).Succeeded);

        view = (await Run(contoso, s => s.GetRequiredService<GetStatement>().HandleAsync(contosoStatement)))!;
        Assert.Equal(StatementState.Rejected, view.State);
        Assert.Equal("Three seats were handed out on the 20th: see the activity log.", view.RejectionReason);
        Assert.True((await Run(contoso, s => s.GetRequiredService<AdjustStatementLine>()
            .HandleAsync(contosoStatement, new AdjustStatementLineInput { LineId = line.Id, Chargeable = 15, Comment = "As calculated", Version = view.Version }))).Succeeded);
        view = (await Run(contoso, s => s.GetRequiredService<GetStatement>().HandleAsync(contosoStatement)))!;
        Assert.True((await Run(contoso, s => s.GetRequiredService<SubmitStatement>().HandleAsync(contosoStatement, view.Version))).Succeeded);
        view = (await Run(provider, s => s.GetRequiredService<GetStatement>().HandleAsync(contosoStatement)))!;
        Assert.True((await Run(provider, s => s.GetRequiredService<DecideStatement>().HandleAsync(contosoStatement, StatementDecision.Approve, null, view.Version))).Succeeded);

        view = (await Run(contoso, s => s.GetRequiredService<GetStatement>().HandleAsync(contosoStatement)))!;
        Assert.Equal((StatementState.Approved, 125.00m), (view.State, view.Total));
        Assert.False(view.Can.Adjust || view.Can.Submit);
        var afterApproval = await Run(contoso, s => s.GetRequiredService<AdjustStatementLine>()
            .HandleAsync(contosoStatement, new AdjustStatementLineInput { LineId = line.Id, Chargeable = 1, Comment = "Late", Version = view.Version }));
        Assert.Equal(("R24", ResultKind.Refused), (afterApproval.RuleCode, afterApproval.Kind));
        Assert.Contains("approved", afterApproval.Message, StringComparison.Ordinal);

        await using var db = Database.CreateContext();
        var actions = await db.AuditEntries.Where(a => a.EntityId == contosoStatement.ToString()).OrderBy(a => a.At).Select(a => a.Action).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["StatementClosed", "StatementLineAdjusted", "StatementSubmitted", "StatementRejected", "StatementLineAdjusted", "StatementSubmitted", "StatementApproved"], actions);
    }

    [Fact]
    public async Task A_partner_sees_only_its_own_statements_and_estimate_R1_R24()
    {
        var (contosoStatement, fabrikamStatement) = await CloseNovemberAsync();
        var contoso = new CompanyAdministrator(_contoso);

        Assert.Null(await Run(contoso, s => s.GetRequiredService<GetStatement>().HandleAsync(fabrikamStatement)));
        Assert.Null(await Run(contoso, s => s.GetRequiredService<GetStatement>().EstimateAsync(_fabrikam.Id)));
        Assert.Null(await Run(contoso, s => s.GetRequiredService<GetBillingOverview>().HandleAsync(_fabrikam.Id)));
        var submit = await Run(contoso, s => s.GetRequiredService<SubmitStatement>().HandleAsync(fabrikamStatement, 1));
        Assert.Equal(ResultKind.NotFound, submit.Kind);

        var mine = await Run(contoso, s => s.GetRequiredService<ListStatements>().HandleAsync(new StatementFilter { Month = November }));
        Assert.Equal([contosoStatement], mine.Rows.Select(r => r.Id));
        var all = await Run(new CompanyAdministrator(_provider), s => s.GetRequiredService<ListStatements>().HandleAsync(new StatementFilter()));
        Assert.Equal(November, all.Month); // last month by default
        Assert.Equal(3, all.Count); // Contoso, Fabrikam, and the provider's own for its direct customers
        Assert.Equal(3, all.ByState[StatementState.Preparing]);
        var found = await Run(new CompanyAdministrator(_provider), s => s.GetRequiredService<ListStatements>().HandleAsync(new StatementFilter { Search = "fabri" }));
        Assert.Equal([fabrikamStatement], found.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task The_estimate_of_the_month_so_far_is_computed_from_the_history_R24()
    {
        await CloseNovemberAsync();
        _clock.Set(new DateTimeOffset(2026, 12, 16, 9, 0, 0, TimeSpan.Zero));
        var estimate = await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<GetStatement>().EstimateAsync(_contoso.Id));
        Assert.NotNull(estimate);
        Assert.True(estimate.IsEstimate);
        Assert.Equal((new DateOnly(2026, 12, 1), StatementState.Open), (estimate.Month, estimate.State));
        Assert.Equal(150.00m, estimate.Total); // 15 units the whole of December at 10.00
        Assert.Equal(12, estimate.Chart.Months.Count);
        var series = Assert.Single(estimate.Chart.Series);
        Assert.Equal(12.5m, series.Units[^2]); // November: 10 units for 15 days, 15 for 15
        Assert.Equal(15m, series.Units[^1]);

        var overview = await Run(new CompanyAdministrator(_provider), s => s.GetRequiredService<GetBillingOverview>().HandleAsync(_contoso.Id));
        Assert.NotNull(overview);
        Assert.Equal(150.00m, overview.Estimate);
        Assert.Equal(November, Assert.Single(overview.Statements).Month);
    }

    [Fact]
    public async Task An_MSP_with_resale_prices_sees_its_margin_and_the_provider_does_not_R24()
    {
        var (contosoStatement, _) = await CloseNovemberAsync();
        await using (var db = Database.CreateContext())
        {
            var plan = await db.ServicePlans.SingleAsync(p => p.OwnerId == _contoso.Id, TestContext.Current.CancellationToken);
            db.PlanPrices.Add(PlanPrice.Set(_contoso.Id, plan.Id, BillingPeriod.Monthly, 12.00m, LongAgo, Currency.Usd, LongAgo, _clock.GetUtcNow()));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var mine = await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<GetStatement>().HandleAsync(contosoStatement));
        var providers = await Run(new CompanyAdministrator(_provider), s => s.GetRequiredService<GetStatement>().HandleAsync(contosoStatement));

        Assert.Equal(150.00m, mine!.Resale); // 10 × 12.00 × 15/30 + 15 × 12.00 × 15/30
        Assert.Equal(25.00m, mine.Margin); // 150.00 − 125.00
        Assert.Equal([60.00m, 90.00m], mine.Customers.Single().Lines.OrderBy(l => l.From).Select(l => l.Resale!.Value));
        Assert.Null(providers!.Resale);
        Assert.All(providers.Customers.SelectMany(c => c.Lines), l => Assert.Null(l.Resale));
    }

    [Fact]
    public async Task Approving_in_bulk_previews_first_and_refuses_a_statement_that_is_not_submitted_R22_R24()
    {
        var (contosoStatement, fabrikamStatement) = await CloseNovemberAsync();
        var version = await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<GetStatement>().HandleAsync(contosoStatement));
        Assert.True((await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<SubmitStatement>().HandleAsync(contosoStatement, version!.Version))).Succeeded);
        var provider = new CompanyAdministrator(_provider);
        var input = new DecideStatementsInput { StatementIds = [contosoStatement, fabrikamStatement, Guid.NewGuid()], Decision = StatementDecision.Approve };

        var preview = (await Run(provider, s => s.GetRequiredService<DecideStatements>().PreviewAsync(input))).Value!;
        Assert.False(preview.Applied);
        Assert.Equal((1, 1), (preview.Decided, preview.Refused));
        Assert.Equal("R24", preview.Lines.Single(l => l.StatementId == fabrikamStatement).RuleCode);
        Assert.Equal(2, preview.Lines.Count); // the unknown id is not there
        await using (var db = Database.CreateContext())
        {
            Assert.Equal(StatementState.Submitted, (await db.Statements.SingleAsync(s => s.Id == contosoStatement, TestContext.Current.CancellationToken)).State);
        }

        var applied = (await Run(provider, s => s.GetRequiredService<DecideStatements>().ApplyAsync(input))).Value!;
        Assert.Equal((true, 1, 1), (applied.Applied, applied.Decided, applied.Refused));
        await using (var db = Database.CreateContext())
        {
            Assert.Equal(StatementState.Approved, (await db.Statements.SingleAsync(s => s.Id == contosoStatement, TestContext.Current.CancellationToken)).State);
            Assert.Equal(StatementState.Preparing, (await db.Statements.SingleAsync(s => s.Id == fabrikamStatement, TestContext.Current.CancellationToken)).State);
        }

        // A partner's "bulk" reaches nothing: the statements are not its to decide, nor to see.
        var partner = (await Run(new CompanyAdministrator(_fabrikam), s => s.GetRequiredService<DecideStatements>().ApplyAsync(input))).Value!;
        Assert.Equal("R24", Assert.Single(partner.Lines).RuleCode);
    }

    [Fact]
    public async Task An_approved_month_stays_as_it_was_after_later_changes_and_the_same_history_gives_the_same_lines_R24()
    {
        var (contosoStatement, _) = await CloseNovemberAsync();
        var before = await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<GetStatement>().HandleAsync(contosoStatement));
        Assert.True((await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<SubmitStatement>().HandleAsync(contosoStatement, before!.Version))).Succeeded);
        var submitted = await Run(new CompanyAdministrator(_provider), s => s.GetRequiredService<GetStatement>().HandleAsync(contosoStatement));
        Assert.True((await Run(new CompanyAdministrator(_provider), s => s.GetRequiredService<DecideStatement>().HandleAsync(contosoStatement, StatementDecision.Approve, null, submitted!.Version))).Succeeded);

        // December: the license grows to 40 units, the price rises, and the month-close job runs again.
        await using (var db = Database.CreateContext())
        {
            var license = await db.CustomerLicenses.Include(l => l.Plan).ThenInclude(p => p.Product).Include(l => l.Customer).ThenInclude(c => c.Owner).SingleAsync(l => l.Customer.OwnerId == _contoso.Id, TestContext.Current.CancellationToken);
            var pool = await db.LicensePools.SingleAsync(p => p.PartnerId == _contoso.Id, TestContext.Current.CancellationToken);
            db.LicenseTransactions.Add(license.Modify(license.Settings with { Units = 40 }, null, _ => pool, new Actor(null, "Tester"), new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero)));
            var plan = await db.ServicePlans.SingleAsync(p => p.OwnerId == _contoso.Id, TestContext.Current.CancellationToken);
            db.PlanPrices.Add(PlanPrice.Set(_provider.Id, plan.Id, BillingPeriod.Monthly, 99m, new DateOnly(2026, 12, 2), Currency.Usd, new DateOnly(2026, 12, 2), _clock.GetUtcNow()));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        _clock.Set(new DateTimeOffset(2026, 12, 3, 0, 5, 0, TimeSpan.Zero));
        await RunMonthCloseAsync();
        var after = await Run(new CompanyAdministrator(_contoso), s => s.GetRequiredService<GetStatement>().HandleAsync(contosoStatement));
        Assert.Equal(before!.Total, after!.Total);
        Assert.Equal(
            before.Customers.SelectMany(c => c.Lines).Select(l => (l.From, l.To, l.Chargeable, l.Amount)),
            after.Customers.SelectMany(c => c.Lines).Select(l => (l.From, l.To, l.Chargeable, l.Amount)));

        // The history up to November's end gives November's lines again, whatever came after.
        var again = await Run(new CompanyAdministrator(_contoso), async s =>
        {
            var db = s.GetRequiredService<PortalDbContext>();
            var provider = await db.Companies.SingleAsync(c => c.Id == _provider.Id);
            var buyer = await db.Companies.SingleAsync(c => c.Id == _contoso.Id);
            return await s.GetRequiredService<StatementCalculator>().LinesAsync(provider, buyer, November);
        });
        Assert.Equal(after.Customers.SelectMany(c => c.Lines).Select(l => (l.From, l.To, l.Chargeable, l.Amount)), again.Select(l => (l.Charge.From, l.Charge.To, l.Charge.Chargeable, l.Charge.Amount)));
    }

    /// <summary>One request of <paramref name="user"/>, a second after the one before (the audit entries keep their order).</summary>
    private async Task<T> Run<T>(ICurrentUser user, Func<IServiceProvider, Task<T>> action)
    {
        _clock.Advance(TimeSpan.FromSeconds(1));
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPortalDatabase(Database.Settings)
            .AddPortalUseCases()
            .AddSingleton<IValidator<AdjustStatementLineInput>, AdjustStatementLineInputValidator>()
            .AddSingleton(user);
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private async Task RunMonthCloseAsync()
    {
        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(_clock)
            .AddPortalDatabase(Database.Settings)
            .AddSingleton<MonthCloseJob>()
            .BuildServiceProvider();
        await services.GetRequiredService<MonthCloseJob>().RunOnceAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Two MSPs with one customer license each, list price 10.00; November closed on the 1st of December.</summary>
    private async Task<(Guid Contoso, Guid Fabrikam)> CloseNovemberAsync()
    {
        await using (var db = Database.CreateContext())
        {
            var at = new DateTimeOffset(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);
            _provider = Company.CreateProvider("Northwind", "US", "US", at);
            var product = Product.Create("Email Security", ["Standard"]);
            db.AddRange(_provider, product);
            foreach (var name in new[] { "Contoso MSP", "Fabrikam MSP" })
            {
                var msp = Company.CreatePartner(_provider, CompanyType.Msp, new CompanyProfile(name, null, "ops@example.com", null, null, "US", "US"), at);
                var pool = LicensePool.Assign(msp, product, product.ServiceLevels[0].Id, LicenseType.Full, 1000, LongAgo, LongAgo.AddYears(3));
                var plan = ServicePlan.Create(msp, product, new ServicePlanDefinition("Email Standard", product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 1, true, false), at);
                var customer = Customer.Create(msp, $"{name} customer", null, "US", at);
                var someone = new Actor(null, "Tester");
                var (license, bought) = CustomerLicense.Purchase(customer, plan, 10, pool, someone, new DateTimeOffset(2026, 10, 3, 9, 0, 0, TimeSpan.Zero));
                var changed = license.Modify(license.Settings with { Units = 15 }, null, _ => pool, someone, new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero));
                db.AddRange(msp, pool, plan, customer, license);
                db.LicenseTransactions.AddRange(bought, changed);
                db.PlanPrices.Add(PlanPrice.Set(_provider.Id, plan.Id, BillingPeriod.Monthly, 10.00m, LongAgo, Currency.Usd, LongAgo, at));
                if (name.StartsWith("Contoso", StringComparison.Ordinal))
                {
                    _contoso = msp;
                }
                else
                {
                    _fabrikam = msp;
                }
            }

            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await RunMonthCloseAsync();
        await using var check = Database.CreateContext();
        var ids = await check.Statements.Where(s => s.Month == November).ToDictionaryAsync(s => s.CompanyId, s => s.Id, TestContext.Current.CancellationToken);
        return (ids[_contoso.Id], ids[_fabrikam.Id]);
    }
}

public sealed class SqliteStatementWorkflowTests : StatementWorkflowTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlStatementWorkflowTests : StatementWorkflowTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
