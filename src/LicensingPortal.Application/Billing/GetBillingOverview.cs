using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Billing;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

public sealed record StatementSummary(Guid Id, DateOnly Month, StatementState State, decimal Total, string CurrencyCode, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt);

/// <param name="Estimate">This month so far: its total and line count (the page links to the full estimate).</param>
public sealed record BillingOverview(Guid CompanyId, string CompanyName, DateOnly Month, decimal Estimate, int EstimateLines, string CurrencyCode, IReadOnlyList<StatementSummary> Statements)
{
    /// <summary>Statements waiting for the user's company: to review and submit (buyer) or to decide (provider).</summary>
    public int Waiting(bool provider) => Statements.Count(s => provider ? s.State == StatementState.Submitted : s.State is StatementState.Preparing or StatementState.Rejected);
}

/// <summary>Partner › Billing tab (R24): this month's estimate and the past statements with their state, newest first.</summary>
public sealed class GetBillingOverview(IPortalDbContext db, ICurrentUser user, TimeProvider clock, StatementCalculator calculator)
{
    public const int Months = 24;

    public async Task<BillingOverview?> HandleAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        var buyer = await GetStatement.BuyerAsync(db, user, companyId, cancellationToken);
        if (buyer is null)
        {
            return null;
        }

        var provider = buyer.ProviderId is { } providerId ? await db.Companies.AsNoTracking().SingleAsync(c => c.Id == providerId, cancellationToken) : buyer;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var currency = Currency.Of(provider.BillingCurrency);
        var lines = await calculator.LinesAsync(provider, buyer, today, cancellationToken);
        var from = new DateOnly(today.Year, today.Month, 1).AddMonths(-Months);
        var statements = await db.VisibleStatements(user).AsNoTracking()
            .Where(s => s.CompanyId == buyer.Id && s.Month >= from)
            .OrderByDescending(s => s.Month)
            .Select(s => new StatementSummary(s.Id, s.Month, s.State, s.Total, s.CurrencyCode, s.SubmittedAt, s.DecidedAt))
            .ToListAsync(cancellationToken);
        return new BillingOverview(
            buyer.Id, buyer.Name, new DateOnly(today.Year, today.Month, 1), lines.Sum(l => l.Charge.Amount), lines.Count, currency.Code, statements);
    }
}
