using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Billing;

/// <summary>A statement as its page shows it: totals, lines grouped by customer, the adjustments, and 12 months of chargeable units by product.</summary>
/// <param name="Id">Null for the live estimate of the current month (stored statements begin at the month's close).</param>
/// <param name="Total">The whole statement's, as kept with it (the sum of its lines' amounts, carried corrections included).</param>
/// <param name="Deadline">When the statement is submitted automatically if the partner has not (Preparing, Rejected).</param>
/// <param name="Customers">The customers listed with their lines: all of them (the API, the files), or one page of them (<see cref="Extent"/>).</param>
/// <param name="Adjustments">The whole statement's adjusted lines and carried corrections, whichever customers are listed.</param>
/// <param name="Extent">The whole statement's counts, and which page of its customers <see cref="Customers"/> lists.</param>
public sealed record StatementView(
    Guid? Id,
    Guid CompanyId,
    string CompanyName,
    CompanyType CompanyType,
    DateOnly Month,
    StatementState State,
    string CurrencyCode,
    decimal Total,
    int Version,
    string? SubmittedBy,
    DateTimeOffset? SubmittedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? RejectionReason,
    DateOnly? Deadline,
    StatementPermissions Can,
    IReadOnlyList<StatementCustomer> Customers,
    IReadOnlyList<StatementLineView> Adjustments,
    StatementChart Chart,
    StatementExtent Extent)
{
    public bool IsEstimate => Id is null;

    /// <summary>The whole statement's customer lines (carried corrections aside), whichever customers are listed.</summary>
    public int Lines => Extent.Lines;

    public DateOnly LastDay => Month.AddMonths(1).AddDays(-1);

    /// <summary>
    /// An MSP reading its own statement with resale prices set: what its customers' lines come to at those prices.
    /// Null otherwise (no page shows the provider an MSP's resale prices).
    /// </summary>
    public decimal? Resale { get; init; }

    /// <summary>The MSP's margin on the month: <see cref="Resale"/> less what its customers' lines cost it (the total without carried corrections).</summary>
    public decimal? Margin => Resale - (Total - Adjustments.Where(l => l.Carried).Sum(l => l.Amount));
}

/// <summary>
/// A statement's size, and which of its customers a view lists: the statement page lists <see cref="GetStatement.CustomersPerPage"/>
/// at a time, whatever the statement's size (docs/performance.md); the API and the files list them all (one page).
/// </summary>
/// <param name="Page">The page listed, from 1.</param>
/// <param name="Pages">The statement's pages of customers (at least 1).</param>
/// <param name="First">How many customers come before the first one listed.</param>
/// <param name="Customers">The whole statement's customers.</param>
/// <param name="Lines">The whole statement's customer lines (carried corrections aside).</param>
/// <param name="Unpriced">Of those, the lines without a resale price (an MSP's own statement with resale prices; 0 otherwise).</param>
public sealed record StatementExtent(int Page, int Pages, int First, int Customers, int Lines, int Unpriced);

/// <summary>What the signed-in user may do with the statement now (its state, their company and role).</summary>
public sealed record StatementPermissions(bool Adjust, bool Submit, bool Approve, bool Reject, bool Complete);

public sealed record StatementCustomer(Guid CustomerId, string Name, decimal Subtotal, IReadOnlyList<StatementLineView> Lines);

public sealed record StatementLineView(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    Guid LicenseId,
    string PlanName,
    DateOnly From,
    DateOnly To,
    int Days,
    int DaysInMonth,
    int Provisioned,
    int? Used,
    int Calculated,
    int Chargeable,
    string? Comment,
    decimal MonthlyUnitPrice,
    decimal Amount,
    bool Carried)
{
    /// <summary>Used above provisioned (R24).</summary>
    public int OverProvisioned => Used is { } used && used > Provisioned ? used - Provisioned : 0;

    public bool Adjusted => !Carried && Chargeable != Calculated;

    /// <summary>The line at the MSP's resale prices (see <see cref="StatementView.Resale"/>); null without them.</summary>
    public decimal? Resale { get; init; }

    public decimal? Margin => Resale - Amount;

    public static StatementLineView Of(StatementLine line) => new(
        line.Id, line.CustomerId, line.CustomerName, line.LicenseId, line.PlanName, line.From, line.To, line.Days, line.DaysInMonth,
        line.Provisioned, line.Used, line.CalculatedChargeable, line.Chargeable, line.Comment, line.MonthlyUnitPrice, line.Amount, line.IsCarriedAdjustment);
}

/// <summary>Chargeable units by product, month by month (a month's figure is the units averaged over its days).</summary>
public sealed record StatementChart(IReadOnlyList<DateOnly> Months, IReadOnlyList<ChartSeries> Series)
{
    public decimal Max => Series.SelectMany(s => s.Units).DefaultIfEmpty(0).Max();
}

public sealed record ChartSeries(string Product, IReadOnlyList<decimal> Units);
