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
/// <remarks>
/// The page (<see cref="PageAsync"/>) reads one page of customers' lines and the adjustments as entities, and the rest as
/// sums in the database (the customers with their lines' count, the lines alike in their resale amount, the chart by
/// month and plan) beside the total kept with the statement: a statement of 26,818 lines is no longer read whole for a
/// hundred customers (docs/performance.md). The API and the files read every line (<see cref="HandleAsync"/>).
/// </remarks>
public sealed class GetStatement(IPortalDbContext db, ICurrentUser user, TimeProvider clock, StatementCalculator calculator)
{
    /// <summary>
    /// Customers the statement page lists at a time: a partner with thousands of customers has tens of thousands of
    /// lines, more than a browser lays out quickly (docs/performance.md). The totals, the chart, the adjustments and
    /// the downloads stay the whole statement's.
    /// </summary>
    public const int CustomersPerPage = 100;

    private const int ChartMonths = 12;

    /// <summary>A stored statement with every line, its customers all listed (the API, the files).</summary>
    public async Task<StatementView?> HandleAsync(Guid statementId, CancellationToken cancellationToken = default)
    {
        var statement = await db.VisibleStatements(user).AsNoTracking().Include(s => s.Lines).SingleOrDefaultAsync(s => s.Id == statementId, cancellationToken);
        return statement is null
            ? null
            : await StoredAsync(statement, resale => Task.FromResult(InMemory(statement.Lines, resale, Currency.Of(statement.CurrencyCode), page: null)), cancellationToken);
    }

    /// <summary>
    /// A stored statement as its page shows it: the <paramref name="page"/>th hundred customers by name (within range),
    /// or the page of <paramref name="lineId"/>'s customer (a refused adjustment shown again next to its line).
    /// </summary>
    public async Task<StatementView?> PageAsync(Guid statementId, int page, Guid? lineId = null, CancellationToken cancellationToken = default)
    {
        var statement = await db.VisibleStatements(user).AsNoTracking().SingleOrDefaultAsync(s => s.Id == statementId, cancellationToken);
        return statement is null
            ? null
            : await StoredAsync(statement, resale => PageOfStoredAsync(statement, resale, page, lineId, cancellationToken), cancellationToken);
    }

    /// <summary>This month so far for a buyer: a partner's own, or, for a provider, one of its partners' or its direct customers' (its own id).</summary>
    public Task<StatementView?> EstimateAsync(Guid companyId, CancellationToken cancellationToken = default) => EstimateAsync(companyId, null, cancellationToken);

    /// <summary>This month so far for a buyer, a page of its customers as the statement page lists them.</summary>
    public Task<StatementView?> EstimatePageAsync(Guid companyId, int page, CancellationToken cancellationToken = default) => EstimateAsync(companyId, page, cancellationToken);

    /// <summary>R1: the company whose bill the user may read: its own, or one of a provider's partners.</summary>
    internal static Task<Company?> BuyerAsync(IPortalDbContext db, ICurrentUser user, Guid companyId, CancellationToken cancellationToken) =>
        db.Companies.AsNoTracking()
            .Where(c => c.Id == companyId && (c.Id == user.CompanyId || (user.CompanyType == CompanyType.Provider && c.ProviderId == user.CompanyId)))
            .SingleOrDefaultAsync(cancellationToken);

    private async Task<StatementView?> EstimateAsync(Guid companyId, int? page, CancellationToken cancellationToken)
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
        var listing = InMemory(estimate.Lines, await ResalePricesAsync(estimate, buyer, cancellationToken), Currency.Of(estimate.CurrencyCode), page);
        return View(estimate, buyer, provider.StatementDeadlineDay, listing, await ChartAsync(estimate, estimate.Lines, cancellationToken), isEstimate: true);
    }

    private async Task<StatementView> StoredAsync(Statement statement, Func<PriceBook?, Task<Listing>> list, CancellationToken cancellationToken)
    {
        var buyer = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == statement.CompanyId, cancellationToken);
        var deadlineDay = await db.Companies.Where(c => c.Id == statement.ProviderId).Select(c => c.StatementDeadlineDay).SingleAsync(cancellationToken);
        var listing = await list(await ResalePricesAsync(statement, buyer, cancellationToken));
        return View(statement, buyer, deadlineDay, listing, await ChartAsync(statement, null, cancellationToken));
    }

    /// <summary>An MSP reading its own statement: its resale prices to its customers; null for anyone else.</summary>
    private async Task<PriceBook?> ResalePricesAsync(Statement statement, Company buyer, CancellationToken cancellationToken) =>
        statement.CompanyId == user.CompanyId && buyer.Type == CompanyType.Msp
            ? new PriceBook(await db.PlanPrices.AsNoTracking().Where(p => p.ProviderId == buyer.Id).ToListAsync(cancellationToken))
            : null;

    /// <summary>A statement whose lines are all in memory (a stored one read whole, an estimate): every customer (<paramref name="page"/> null), or a page of them.</summary>
    private static Listing InMemory(IReadOnlyList<StatementLine> lines, PriceBook? resale, Currency currency, int? page)
    {
        var customerLines = lines.Where(l => !l.IsCarriedAdjustment).ToList();
        var customers = CustomerPage.Of(customerLines.GroupBy(CustomerKey.Of).Select(g => (g.Key, g.Count())), page, null);
        var alike = resale is null ? [] : customerLines.GroupBy(ResaleKey.Of).Select(g => (g.Key, g.Count()));
        return List(customers, customerLines, lines.Where(IsAdjustment), alike, resale, currency);
    }

    /// <summary>
    /// A page of a stored statement, without reading its other lines: its customers with their lines' count (GROUP BY),
    /// then in one query the lines of the page's customers and the statement's adjustments, and, for an MSP's resale
    /// prices, the lines grouped where their resale amount is the same.
    /// </summary>
    private async Task<Listing> PageOfStoredAsync(Statement statement, PriceBook? resale, int page, Guid? lineId, CancellationToken cancellationToken)
    {
        var lines = db.Statements.AsNoTracking().Where(s => s.Id == statement.Id).SelectMany(s => s.Lines);
        var customerLines = lines.Where(l => !l.IsCarriedAdjustment);
        var counted = await customerLines
            .GroupBy(l => new { l.CustomerId, l.CustomerName })
            .Select(g => new { g.Key.CustomerId, g.Key.CustomerName, Lines = g.Count() })
            .ToListAsync(cancellationToken);
        var showing = lineId is { } id
            ? await customerLines.Where(l => l.Id == id).Select(l => new CustomerKey(l.CustomerId, l.CustomerName)).FirstOrDefaultAsync(cancellationToken)
            : null;
        var customers = CustomerPage.Of(counted.Select(c => (new CustomerKey(c.CustomerId, c.CustomerName), c.Lines)), page, showing);

        var listedIds = customers.Listed.Select(c => c.CustomerId).Distinct().ToList();
        var read = await lines
            .Where(l => l.IsCarriedAdjustment || listedIds.Contains(l.CustomerId) || (l.AdjustedChargeable != null && l.AdjustedChargeable != l.CalculatedChargeable))
            .ToListAsync(cancellationToken);

        var alike = resale is null
            ? []
            : (await customerLines
                .GroupBy(l => new { l.PlanId, l.From, l.To, Chargeable = l.AdjustedChargeable ?? l.CalculatedChargeable, l.DaysInMonth })
                .Select(g => new { g.Key.PlanId, g.Key.From, g.Key.To, g.Key.Chargeable, g.Key.DaysInMonth, Lines = g.Count() })
                .ToListAsync(cancellationToken))
                .Select(g => (new ResaleKey(g.PlanId, g.From, g.To, g.Chargeable, g.DaysInMonth), g.Lines));
        return List(customers, read.Where(l => !l.IsCarriedAdjustment), read.Where(IsAdjustment), alike, resale, Currency.Of(statement.CurrencyCode));
    }

    private static bool IsAdjustment(StatementLine line) => line.IsCarriedAdjustment || line.Chargeable != line.CalculatedChargeable;

    /// <summary>
    /// The listed customers with their lines (<paramref name="lines"/> holds at least theirs), the adjustments, and the
    /// whole statement's resale amount from its lines grouped where their resale amount is the same (<paramref name="alike"/>).
    /// </summary>
    private static Listing List(
        CustomerPage customers, IEnumerable<StatementLine> lines, IEnumerable<StatementLine> adjustments, IEnumerable<(ResaleKey Key, int Lines)> alike,
        PriceBook? resale, Currency currency)
    {
        StatementLineView View(StatementLine l) => StatementLineView.Of(l) with { Resale = l.IsCarriedAdjustment ? null : ResaleAmount(resale, l, currency) };

        var listed = customers.Listed.ToHashSet();
        var byCustomer = lines.Where(l => listed.Contains(CustomerKey.Of(l))).Select(View).ToLookup(l => new CustomerKey(l.CustomerId, l.CustomerName));
        var shown = customers.Listed
            .Select(c => byCustomer[c].OrderBy(l => l.PlanName).ThenBy(l => l.From).ToList())
            .Select((l, i) => new StatementCustomer(customers.Listed[i].CustomerId, customers.Listed[i].CustomerName, l.Sum(line => line.Amount), l))
            .ToList();
        var adjusted = adjustments.Select(View).OrderBy(l => l.CustomerName, StringComparer.OrdinalIgnoreCase).ThenBy(l => l.From).ToList();

        decimal? resaleTotal = null;
        var unpriced = 0;
        if (resale is not null)
        {
            foreach (var (key, count) in alike)
            {
                if (ResaleAmount(resale, key.PlanId, key.From, key.To, key.Chargeable, key.DaysInMonth, currency) is { } amount)
                {
                    resaleTotal = (resaleTotal ?? 0m) + (amount * count);
                }
                else
                {
                    unpriced += count;
                }
            }
        }

        return new Listing(shown, adjusted, resaleTotal, new StatementExtent(customers.Page, customers.Pages, customers.First, customers.Count, customers.Lines, unpriced));
    }

    private StatementView View(Statement statement, Company buyer, int deadlineDay, Listing listing, StatementChart chart, bool isEstimate = false)
    {
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
            can, listing.Customers, listing.Adjustments, chart, listing.Extent)
        {
            Resale = listing.Resale,
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

    /// <summary>
    /// The buyer's stored months up to this one, as chargeable units by product, summed by month and plan in the
    /// database; for an estimate (<paramref name="estimated"/>: its lines), the stored months before it and its own lines.
    /// </summary>
    private async Task<StatementChart> ChartAsync(Statement statement, IReadOnlyList<StatementLine>? estimated, CancellationToken cancellationToken)
    {
        var months = Enumerable.Range(0, ChartMonths).Select(i => statement.Month.AddMonths(i - ChartMonths + 1)).ToList();
        var lastStored = estimated is null ? statement.Month : statement.Month.AddMonths(-1);
        var stored = await db.Statements.AsNoTracking()
            .Where(s => s.CompanyId == statement.CompanyId && s.ProviderId == statement.ProviderId && s.Month >= months[0] && s.Month <= lastStored)
            .SelectMany(s => s.Lines.Where(l => !l.IsCarriedAdjustment), (s, l) => new { s.Month, l.PlanId, l.DaysInMonth, UnitDays = (long)(l.AdjustedChargeable ?? l.CalculatedChargeable) * l.Days })
            .GroupBy(r => new { r.Month, r.PlanId, r.DaysInMonth })
            .Select(g => new { g.Key.Month, g.Key.PlanId, g.Key.DaysInMonth, UnitDays = g.Sum(r => r.UnitDays) })
            .ToListAsync(cancellationToken);
        var rows = stored
            .Select(r => (r.Month, r.PlanId, Units: (decimal)r.UnitDays / r.DaysInMonth))
            .Concat((estimated ?? []).Where(l => !l.IsCarriedAdjustment)
                .GroupBy(l => (l.PlanId, l.DaysInMonth))
                .Select(g => (statement.Month, g.Key.PlanId, Units: (decimal)g.Sum(l => (long)l.Chargeable * l.Days) / g.Key.DaysInMonth)))
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

    /// <summary>What a view lists of a statement: its customers (all, or a page), its adjustments, the whole statement's resale amount and extent.</summary>
    private sealed record Listing(IReadOnlyList<StatementCustomer> Customers, IReadOnlyList<StatementLineView> Adjustments, decimal? Resale, StatementExtent Extent);

    /// <summary>A customer as a statement groups its lines (the name as the lines carry it).</summary>
    private sealed record CustomerKey(Guid CustomerId, string CustomerName)
    {
        public static CustomerKey Of(StatementLine line) => new(line.CustomerId, line.CustomerName);
    }

    /// <summary>What a line's resale amount depends on: lines alike in these have the same one.</summary>
    private sealed record ResaleKey(Guid PlanId, DateOnly From, DateOnly To, int Chargeable, int DaysInMonth)
    {
        public static ResaleKey Of(StatementLine line) => new(line.PlanId, line.From, line.To, line.Chargeable, line.DaysInMonth);
    }

    /// <summary>
    /// A statement's customers by name, with their lines' count, and the ones listed: all of them (<c>page</c> null), the
    /// page asked for (within range), or the page of the customer <c>showing</c>.
    /// </summary>
    private sealed record CustomerPage(int Page, int Pages, int First, int Count, int Lines, IReadOnlyList<CustomerKey> Listed)
    {
        public static CustomerPage Of(IEnumerable<(CustomerKey Key, int Lines)> customers, int? page, CustomerKey? showing)
        {
            var all = customers
                .OrderBy(c => c.Key.CustomerName, StringComparer.OrdinalIgnoreCase)
                .ThenBy(c => c.Key.CustomerName, StringComparer.Ordinal)
                .ThenBy(c => c.Key.CustomerId)
                .ToList();
            var perPage = page is null ? Math.Max(1, all.Count) : CustomersPerPage;
            var pages = Math.Max(1, (all.Count + perPage - 1) / perPage);
            var index = showing is null ? -1 : all.FindIndex(c => c.Key == showing);
            var shown = index >= 0 ? (index / perPage) + 1 : Math.Clamp(page ?? 1, 1, pages);
            var first = (shown - 1) * perPage;
            return new(shown, pages, first, all.Count, all.Sum(c => c.Lines), [.. all.Skip(first).Take(perPage).Select(c => c.Key)]);
        }
    }
}
