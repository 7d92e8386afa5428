using LicensingPortal.Domain.Billing;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>
/// The demo data with statements (R24), made the way the portal makes them: every plan gets a list price of 10.00 USD
/// from two years back, <see cref="MonthCloseJob"/> runs on the test day (last month closes and, its deadline past, is
/// submitted), then the clock moves to the 1st of next month and it runs again (this month closes: Preparing until the
/// deadline). Each of the five demo companies then has a Submitted and a Preparing statement. Sign in after this: the
/// clock moved past the sessions' lifetime.
/// </summary>
public sealed class ClosedMonthsFactory : PortalFactory, IAsyncLifetime
{
    public const decimal ListPrice = 10.00m;

    /// <summary>Last month: closed and submitted at its deadline.</summary>
    public DateOnly SubmittedMonth { get; private set; }

    /// <summary>The test day's month, closed on the 1st of the next: the partners review it.</summary>
    public DateOnly PreparingMonth { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var today = Clock.Today;
        PreparingMonth = new DateOnly(today.Year, today.Month, 1);
        SubmittedMonth = PreparingMonth.AddMonths(-1);
        await using (var db = CreateDbContext())
        {
            var provider = await db.Companies.SingleAsync(c => c.Name == "Northwind Distribution");
            var from = today.AddYears(-2);
            var plans = await db.ServicePlans.Select(p => p.Id).ToListAsync();
            db.PlanPrices.AddRange(plans.Select(plan => PlanPrice.Set(provider.Id, plan, BillingPeriod.Monthly, ListPrice, from, Currency.Usd, from, Clock.GetUtcNow())));
            await db.SaveChangesAsync();
        }

        var job = Services.GetRequiredService<MonthCloseJob>();
        await job.RunOnceAsync();
        Clock.Set(new DateTimeOffset(PreparingMonth.AddMonths(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        await job.RunOnceAsync();
    }

    /// <summary>The statement of <paramref name="company"/> for <paramref name="month"/>, as stored now.</summary>
    public async Task<Statement> StatementAsync(string company, DateOnly month)
    {
        await using var db = CreateDbContext();
        return await db.Statements.AsNoTracking().Include(s => s.Lines)
            .SingleAsync(s => s.Month == month && db.Companies.Any(c => c.Id == s.CompanyId && c.Name == company));
    }
}
