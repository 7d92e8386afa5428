using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Billing;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

public sealed class StatementFilter
{
    public const int PageSize = 50;

    /// <summary>Any day of the month; empty: last month (the one being reviewed).</summary>
    public DateOnly? Month { get; set; }

    public StatementState? State { get; set; }

    /// <summary>Part of the partner's name.</summary>
    public string? Search { get; set; }

    public int Page { get; set; } = 1;
}

public sealed record StatementRow(Guid Id, Guid CompanyId, string CompanyName, DateOnly Month, StatementState State, decimal Total, string CurrencyCode, DateTimeOffset? SubmittedAt, string? SubmittedBy);

/// <param name="ByState">How many of the month's statements are in each state (the filter's counts).</param>
/// <param name="Totals">The month's total per currency, of the statements the filter shows.</param>
public sealed record StatementList(DateOnly Month, StatementFilter Filter, IReadOnlyList<StatementRow> Rows, int Count, IReadOnlyDictionary<StatementState, int> ByState, IReadOnlyDictionary<string, decimal> Totals)
{
    public int Pages => Math.Max(1, (Count + StatementFilter.PageSize - 1) / StatementFilter.PageSize);
}

/// <summary>
/// Billing › Statements (R24): every statement of a month the user may see (a provider: its partners' and its own;
/// a partner: its own), filtered by state and name, by partner name, a page at a time. Sums come from the stored totals.
/// </summary>
public sealed class ListStatements(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<StatementList> HandleAsync(StatementFilter filter, CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var day = filter.Month ?? today.AddMonths(-1);
        var month = new DateOnly(day.Year, day.Month, 1);
        filter.Month = month;
        filter.Page = Math.Max(1, filter.Page);

        var ofMonth = db.VisibleStatements(user).AsNoTracking().Where(s => s.Month == month);
        var byState = await ofMonth.GroupBy(s => s.State).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);

        var rows = from s in ofMonth
                   join c in db.Companies on s.CompanyId equals c.Id
                   select new { Statement = s, c.Name };
        if (filter.State is { } state)
        {
            rows = rows.Where(r => r.Statement.State == state);
        }

        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var search = filter.Search.Trim().ToUpperInvariant();
#pragma warning disable CA1862 // Translated to SQL UPPER(): the StringComparison overloads are not translatable by EF Core.
            rows = rows.Where(r => r.Name.ToUpper().Contains(search));
#pragma warning restore CA1862
        }

        var count = await rows.CountAsync(cancellationToken);
        var totals = (await rows.GroupBy(r => r.Statement.CurrencyCode).Select(g => new { g.Key, Total = g.Sum(r => r.Statement.Total) }).ToListAsync(cancellationToken))
            .ToDictionary(t => t.Key, t => t.Total);
        var page = await rows
            .OrderBy(r => r.Name).ThenBy(r => r.Statement.Id)
            .Skip((filter.Page - 1) * StatementFilter.PageSize).Take(StatementFilter.PageSize)
            .Select(r => new StatementRow(r.Statement.Id, r.Statement.CompanyId, r.Name, r.Statement.Month, r.Statement.State, r.Statement.Total, r.Statement.CurrencyCode, r.Statement.SubmittedAt, r.Statement.SubmittedBy))
            .ToListAsync(cancellationToken);
        return new StatementList(month, filter, page, count, byState, totals);
    }
}
