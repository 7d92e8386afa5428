using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

/// <summary>
/// The statement page (R24): a stored statement, or this month's live estimate for a buyer, with what the user may do
/// and the chart of the last 12 months. A statement or buyer the user may not see is not found (R1).
/// </summary>
public sealed class GetStatement(IPortalDbContext db, ICurrentUser user, TimeProvider clock, StatementCalculator calculator)
{
    private const int ChartMonths = 12;

    public async Task<StatementView?> HandleAsync(Guid statementId, CancellationToken cancellationToken = default)
    {
        var statement = await db.VisibleStatements(user).AsNoTracking().Include(s => s.Lines).SingleOrDefaultAsync(s => s.Id == statementId, cancellationToken);
        if (statement is null)
        {
            return null;
        }

        var buyer = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == statement.CompanyId, cancellationToken);
        var deadlineDay = await db.Companies.Where(c => c.Id == statement.ProviderId).Select(c => c.StatementDeadlineDay).SingleAsync(cancellationToken);
        return await ViewAsync(statement, buyer, deadlineDay, cancellationToken);
    }

    /// <summary>This month so far for a buyer: a partner's own, or, for a provider, one of its partners' or its direct customers' (its own id).</summary>
    public async Task<StatementView?> EstimateAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        var buyer = await BuyerAsync(db, user, companyId, cancellationToken);
        if (buyer is null)
        {
            return null;
        }

        var provider = buyer.ProviderId is { } providerId ? await db.Companies.AsNoTracking().SingleAsync(c => c.Id == providerId, cancellationToken) : buyer;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var estimate = Statement.Open(provider.Id, buyer.Id, today, Currency.Of(provider.BillingCurrency));
        var lines = await calculator.LinesAsync(provider, buyer, today, cancellationToken);
        estimate.Refresh(lines.Select(l => l.ForStatement));
        return await ViewAsync(estimate, buyer, provider.StatementDeadlineDay, cancellationToken, isEstimate: true);
    }

    /// <summary>R1: the company whose bill the user may read: its own, or one of a provider's partners.</summary>
    internal static Task<Company?> BuyerAsync(IPortalDbContext db, ICurrentUser user, Guid companyId, CancellationToken cancellationToken) =>
        db.Companies.AsNoTracking()
            .Where(c => c.Id == companyId && (c.Id == user.CompanyId || (user.CompanyType == CompanyType.Provider && c.ProviderId == user.CompanyId)))
            .SingleOrDefaultAsync(cancellationToken);

    private async Task<StatementView> ViewAsync(Statement statement, Company buyer, int deadlineDay, CancellationToken cancellationToken, bool isEstimate = false)
    {
        var resale = statement.CompanyId == user.CompanyId && buyer.Type == CompanyType.Msp
            ? new PriceBook(await db.PlanPrices.AsNoTracking().Where(p => p.ProviderId == buyer.Id).ToListAsync(cancellationToken))
            : null;
        var currency = Currency.Of(statement.CurrencyCode);
        var lines = statement.Lines.Select(l => StatementLineView.Of(l) with { Resale = l.IsCarriedAdjustment ? null : ResaleAmount(resale, l, currency) }).ToList();
        var customers = lines.Where(l => !l.Carried)
            .GroupBy(l => (l.CustomerId, l.CustomerName))
            .OrderBy(g => g.Key.CustomerName, StringComparer.OrdinalIgnoreCase)
            .Select(g => new StatementCustomer(g.Key.CustomerId, g.Key.CustomerName, g.Sum(l => l.Amount), [.. g.OrderBy(l => l.PlanName).ThenBy(l => l.From)]))
            .ToList();
        var adjustments = lines.Where(l => l.Carried || l.Adjusted).OrderBy(l => l.CustomerName, StringComparer.OrdinalIgnoreCase).ThenBy(l => l.From).ToList();
        var reviewing = statement.State is StatementState.Preparing or StatementState.Rejected;
        var buyerActs = !isEstimate && statement.CompanyId == user.CompanyId && user.Can(Permission.ManageStatements);
        var sellerActs = !isEstimate && statement.ProviderId == user.CompanyId && user.Can(Permission.ManageStatements);
        var can = new StatementPermissions(
            Adjust: buyerActs && reviewing,
            Submit: buyerActs && reviewing,
            Approve: sellerActs && statement.State == StatementState.Submitted,
            Reject: sellerActs && statement.State == StatementState.Submitted,
            Complete: sellerActs && statement.State == StatementState.Approved);
        return new StatementView(
            isEstimate ? null : statement.Id, buyer.Id, buyer.Name, buyer.Type, statement.Month, statement.State, statement.CurrencyCode, statement.Total, statement.Version,
            statement.SubmittedBy, statement.SubmittedAt, statement.DecidedBy, statement.DecidedAt, statement.RejectionReason,
            reviewing ? Statement.DeadlineOf(statement.Month, deadlineDay) : null,
            can, customers, adjustments, await ChartAsync(statement, cancellationToken))
        {
            Resale = lines.Any(l => l.Resale is not null) ? lines.Where(l => !l.Carried).Sum(l => l.Resale ?? 0m) : null,
        };
    }

    /// <summary>
    /// A line at the MSP's resale prices, day by day (a resale price may change within the line's days), rounded once like
    /// every amount (ADR 0019). Null when the MSP sets no resale price for the plan on any of the line's days.
    /// </summary>
    private static decimal? ResaleAmount(PriceBook? resale, StatementLine line, Currency currency) =>
        resale is null ? null : ResaleAmount(resale, line.PlanId, line.From, line.To, line.Chargeable, line.DaysInMonth, currency);

    /// <summary>
    /// Chargeable units of a plan from <paramref name="from"/> to <paramref name="to"/> at a seller's prices to its customers
    /// (<paramref name="prices"/>: its <see cref="PlanPrice"/> rows), day by day, rounded once; null without a price on any of the days.
    /// R25: a customer's estimate on its own pages is the same sum.
    /// </summary>
    internal static decimal? ResaleAmount(PriceBook prices, Guid planId, DateOnly from, DateOnly to, int chargeable, int daysInMonth, Currency currency)
    {
        decimal? sum = null;
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            if (prices.ListMonthlyUnitPrice(planId, day) is { } price)
            {
                sum = (sum ?? 0m) + (chargeable * price / daysInMonth);
            }
        }

        return sum is { } value ? currency.Round(value) : null;
    }

    /// <summary>The buyer's stored months before this one, and this one (stored or estimated), as chargeable units by product.</summary>
    private async Task<StatementChart> ChartAsync(Statement statement, CancellationToken cancellationToken)
    {
        var months = Enumerable.Range(0, ChartMonths).Select(i => statement.Month.AddMonths(i - ChartMonths + 1)).ToList();
        var earlier = await db.Statements.AsNoTracking()
            .Where(s => s.CompanyId == statement.CompanyId && s.ProviderId == statement.ProviderId && s.Month >= months[0] && s.Month < statement.Month)
            .Select(s => new { s.Month, Lines = s.Lines.Where(l => !l.IsCarriedAdjustment).Select(l => new { l.PlanId, Chargeable = l.AdjustedChargeable ?? l.CalculatedChargeable, l.Days, l.DaysInMonth }).ToList() })
            .ToListAsync(cancellationToken);
        var rows = earlier
            .SelectMany(s => s.Lines.Select(r => (s.Month, r.PlanId, Units: (decimal)r.Chargeable * r.Days / r.DaysInMonth)))
            .Concat(statement.Lines.Where(l => !l.IsCarriedAdjustment).Select(l => (statement.Month, l.PlanId, Units: (decimal)l.Chargeable * l.Days / l.DaysInMonth)))
            .ToList();
        var planIds = rows.Select(r => r.PlanId).Distinct().ToList();
        var products = await db.ServicePlans.AsNoTracking()
            .Where(p => planIds.Contains(p.Id))
            .Select(p => new { p.Id, Product = p.Product.Name })
            .ToDictionaryAsync(p => p.Id, p => p.Product, cancellationToken);
        var series = rows
            .GroupBy(r => products.GetValueOrDefault(r.PlanId, "(removed plan)"))
            .OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new ChartSeries(g.Key, [.. months.Select(m => decimal.Round(g.Where(r => r.Month == m).Sum(r => r.Units), 1, MidpointRounding.AwayFromZero))]))
            .ToList();
        return new StatementChart(months, series);
    }
}
