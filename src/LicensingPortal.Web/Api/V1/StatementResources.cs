using LicensingPortal.Application.Billing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Web.Api.V1;

/// <summary>One page of a month's statements (50 a page), with the month's count per state and total per currency.</summary>
public sealed record StatementPageResource(
    DateOnly Month,
    IReadOnlyList<StatementRow> Items,
    int Total,
    int Page,
    int PageCount,
    IReadOnlyDictionary<StatementState, int> ByState,
    IReadOnlyDictionary<string, decimal> Totals)
{
    public static StatementPageResource From(StatementList list) =>
        new(list.Month, list.Rows, list.Count, list.Filter.Page, list.Pages, list.ByState, list.Totals);
}

/// <summary>
/// A statement as its page shows it (R24): totals, the lines grouped by customer, the adjustments (a partner's own
/// figures and corrections carried from approved months), 12 months of chargeable units by product, and what the
/// key may do with it now (<c>can</c>). <c>id</c> is null for the live estimate of the current month. The ETag is its version.
/// <c>resale</c> and <c>margin</c> (and each line's) are an MSP's own statement at its resale prices; null for anyone else.
/// </summary>
public sealed record StatementResource(
    Guid? Id,
    Guid CompanyId,
    string Company,
    CompanyType CompanyType,
    DateOnly Month,
    StatementState State,
    string Currency,
    decimal Total,
    int Lines,
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
    decimal? Resale,
    decimal? Margin)
{
    public static StatementResource From(StatementView v) => new(
        v.Id, v.CompanyId, v.CompanyName, v.CompanyType, v.Month, v.State, v.CurrencyCode, v.Total, v.Lines, v.Version,
        v.SubmittedBy, v.SubmittedAt, v.DecidedBy, v.DecidedAt, v.RejectionReason, v.Deadline, v.Can, v.Customers, v.Adjustments, v.Chart, v.Resale, v.Margin);
}

/// <summary>The partner's own chargeable units for a line, and why (required: the provider reads it before approving).</summary>
public sealed record StatementAdjustmentRequest(int? Chargeable, string? Comment);

/// <summary>Why the statement is rejected: the partner reads it to correct the statement.</summary>
public sealed record StatementRejectionRequest(string? Reason);
