using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Reports;

public sealed record TransactionQuery(string? Customer, TransactionType? Type, DateOnly? From, DateOnly? To, DateTimeOffset? Before = null, int PageSize = ListTransactions.PageSize);

public sealed record TransactionRow(DateTimeOffset At, TransactionType Type, Guid CustomerId, string CustomerName, Guid LicenseId, string PlanName, string ActorName, string? Before, string? After, string? Note)
{
    /// <summary>What changed, for the page and the CSV (the API keeps the full before and after).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public (string? Before, string? After) Changed => LicenseTransaction.ChangedParts(Before, After);
}

public sealed record TransactionPage(IReadOnlyList<TransactionRow> Rows, bool HasMore, TransactionQuery Query, DateOnly From, DateOnly To);

/// <summary>
/// R9: every new purchase, change, conversion, renewal and suite change, newest first, filtered by customer,
/// type and dates (last 90 days by default, two years at most), keyset-paged on time; exportable.
/// </summary>
public sealed class ListTransactions(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    /// <summary>The default page size (the report shows this many; API callers may ask for up to <see cref="Paging.MaxPageSize"/>).</summary>
    public const int PageSize = 50;

    public async Task<TransactionPage> HandleAsync(TransactionQuery query, CancellationToken cancellationToken = default)
    {
        var (filtered, from, to) = Filter(query);
        if (query.Before is { } before)
        {
            filtered = filtered.Where(t => t.At < before);
        }

        var size = Paging.Size(query.PageSize);
        var rows = await Project(filtered.OrderByDescending(t => t.At).Take(size + 1)).ToListAsync(cancellationToken);
        return new TransactionPage(rows.Take(size).ToList(), rows.Count > size, query, from, to);
    }

    public IAsyncEnumerable<TransactionRow> StreamAsync(TransactionQuery query) =>
        Project(Filter(query).Transactions.OrderByDescending(t => t.At)).AsAsyncEnumerable();

    private (IQueryable<LicenseTransaction> Transactions, DateOnly From, DateOnly To) Filter(TransactionQuery query)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var to = InputPolicy.ClampToDateWindow(query.To ?? today);
        var from = InputPolicy.ClampToDateWindow(query.From ?? to.AddDays(-90));
        if (from < to.AddYears(-2))
        {
            from = to.AddYears(-2);
        }

        var start = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = new DateTimeOffset(to.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var companies = db.VisibleCompanyIds(user);
        var transactions = db.LicenseTransactions.AsNoTracking().Where(t => companies.Contains(t.CompanyId) && t.At >= start && t.At < end);
        if (!string.IsNullOrWhiteSpace(query.Customer))
        {
            var name = query.Customer.Trim();
            transactions = transactions.Where(t => t.CustomerName.Contains(name));
        }

        if (query.Type is { } type)
        {
            transactions = transactions.Where(t => t.Type == type);
        }

        return (transactions, from, to);
    }

    private static IQueryable<TransactionRow> Project(IQueryable<LicenseTransaction> transactions) =>
        transactions.Select(t => new TransactionRow(t.At, t.Type, t.CustomerId, t.CustomerName, t.LicenseId, t.PlanName, t.ActorName, t.Before, t.After, t.Note));
}
