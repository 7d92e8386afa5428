using System.Globalization;
using System.Text;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Customers;

public enum CustomerSort
{
    Name,
    Created,
}

public sealed record CustomerListQuery(
    string? Search = null,
    LicenseStatus? Status = null,
    Guid? ProductId = null,
    CustomerSort Sort = CustomerSort.Name,
    bool Descending = false,
    string? After = null,
    Guid? PlanId = null,
    int PageSize = ListCustomers.PageSize);

public sealed record CustomerRow(Guid Id, string Name, string Country, string OwnerName, CompanyType OwnerType, int Licenses, LicenseStatus? WorstStatus, DateOnly? NextExpiration, DateTimeOffset CreatedAt);

/// <param name="PlanName">The name of the plan the list is filtered by (<see cref="CustomerListQuery.PlanId"/>), when the user may see that plan.</param>
public sealed record CustomerListPage(IReadOnlyList<CustomerRow> Rows, string? NextCursor, CustomerListQuery Query, IReadOnlyList<(Guid Id, string Name)> Products, string? PlanName = null);

/// <summary>
/// Customers: search, filter by worst license status (R8, from the clock) and product, sort, keyset paging
/// (the cursor holds the last row's sort key and id; no OFFSET, so page 1,000 costs what page 1 does).
/// </summary>
public sealed class ListCustomers(IPortalDbContext db, ICurrentUser user, TimeProvider clock, Products.ProductNames productNames)
{
    /// <summary>The default page size (the page shows this many; API callers may ask for up to <see cref="Paging.MaxPageSize"/>).</summary>
    public const int PageSize = 25;

    public async Task<CustomerListPage> HandleAsync(CustomerListQuery query, CancellationToken cancellationToken = default)
    {
        var size = Paging.Size(query.PageSize);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var customers = Filter(db.VisibleCustomers(user).AsNoTracking(), query, today);
        customers = ApplyCursor(customers, query);
        customers = (query.Sort, query.Descending) switch
        {
            (CustomerSort.Name, false) => customers.OrderBy(c => c.NormalizedName).ThenBy(c => c.Id),
            (CustomerSort.Name, true) => customers.OrderByDescending(c => c.NormalizedName).ThenByDescending(c => c.Id),
            (CustomerSort.Created, false) => customers.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            (CustomerSort.Created, true) => customers.OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id),
        };

        // Two commands, each simple for the planner: the page of customers, then the license figures of those 25 (or pageSize) only
        // (one grouped read of their licenses): correlated aggregates per row would be planned again on every request (docs/performance.md).
        var rows = await customers
            .Take(size + 1)
            .Select(c => new
            {
                c.Id,
                c.Name,
                c.NormalizedName,
                c.Country,
                OwnerName = c.Owner.Name,
                OwnerType = c.Owner.Type,
                c.CreatedAt,
            })
            .ToListAsync(cancellationToken);
        var shown = rows.Take(size).ToList();
        var figures = await FiguresAsync(shown.Select(r => r.Id).ToList(), today, cancellationToken);

        var page = shown.Select(r =>
        {
            var f = figures.GetValueOrDefault(r.Id);
            return new CustomerRow(
                r.Id, r.Name, r.Country, r.OwnerName, r.OwnerType, f?.Licenses ?? 0,
                f is null ? null : f.FirstExpiration < today ? LicenseStatus.Expired : f.Soon > 0 ? LicenseStatus.ExpiringSoon : LicenseStatus.Normal,
                f?.NextExpiration,
                r.CreatedAt);
        }).ToList();
        var last = rows.Count > size ? rows[size - 1] : null;
        var next = last is null ? null : Cursor.Encode(query.Sort == CustomerSort.Name ? last.NormalizedName : last.CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture), last.Id);

        var products = await productNames.GetAsync(db, cancellationToken);
        var planName = query.PlanId is { } planId
            ? await ServicePlans.ListServicePlans.PlansOf(db, user).Where(p => p.Id == planId).Select(p => p.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        return new CustomerListPage(page, next, query, products, planName);
    }

    /// <summary>
    /// Per customer of the page: its license count, first expiration, next expiration from today and how many of its
    /// licenses are within their notification period (R8). The customers come from the visible page, so their licenses
    /// need no tenant filter of their own.
    /// </summary>
    private async Task<Dictionary<Guid, LicenseFigures>> FiguresAsync(List<Guid> customerIds, DateOnly today, CancellationToken cancellationToken)
    {
        if (customerIds.Count == 0)
        {
            return [];
        }

        return await db.CustomerLicenses.AsNoTracking()
            .Where(l => customerIds.Contains(l.CustomerId))
            .GroupBy(l => l.CustomerId)
            .Select(g => new LicenseFigures(
                g.Key,
                g.Count(),
                g.Min(l => (DateOnly?)l.ExpiresOn),
                g.Where(l => l.ExpiresOn >= today).Min(l => (DateOnly?)l.ExpiresOn),
                g.Count(l => l.ExpiresOn >= today && l.ExpiresOn.AddDays(-l.NotifyDaysBefore) <= today)))
            .ToDictionaryAsync(f => f.CustomerId, cancellationToken);
    }

    private sealed record LicenseFigures(Guid CustomerId, int Licenses, DateOnly? FirstExpiration, DateOnly? NextExpiration, int Soon);

    /// <summary>
    /// Every visible customer matching the filters (no paging), in name order: the CSV export. The license figures
    /// come from one grouped pass over the licenses (count, any expired, any expiring soon per customer), joined
    /// to the customers, instead of a count and two EXISTS per customer.
    /// </summary>
    public IAsyncEnumerable<CustomerExportRow> StreamAsync(CustomerListQuery query)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        // "Expiring soon" needs a date computed per license (R8); the bound first skips it for licenses further out
        // than any notification period, which is most of them.
        var latestSoon = today.AddDays(LicenseSettings.MaxNotifyDays);
        var perCustomer = db.CustomerLicenses
            .GroupBy(l => l.CustomerId)
            .Select(g => new
            {
                CustomerId = g.Key,
                Licenses = g.Count(),
                Expired = g.Count(l => l.ExpiresOn < today),
                Soon = g.Count(l => l.ExpiresOn >= today && l.ExpiresOn <= latestSoon && l.ExpiresOn.AddDays(-l.NotifyDaysBefore) <= today),
            });
        return (from c in Filter(db.VisibleCustomers(user).AsNoTracking(), query, today)
                join figures in perCustomer on c.Id equals figures.CustomerId into matched
                from f in matched.DefaultIfEmpty()
                orderby c.NormalizedName, c.Id
                select new CustomerExportRow(
                    c.Name,
                    c.Country,
                    c.ContactEmail,
                    c.Owner.Name,
                    // No licenses: no group, so NULLs from the outer join, read as zero.
                    (int?)f!.Licenses ?? 0,
                    ((int?)f!.Expired ?? 0) > 0,
                    ((int?)f!.Soon ?? 0) > 0,
                    c.CreatedAt))
            .AsAsyncEnumerable();
    }

    private IQueryable<Customer> Filter(IQueryable<Customer> customers, CustomerListQuery query, DateOnly today)
    {
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToUpperInvariant();
            customers = customers.Where(c => c.NormalizedName.Contains(search));
        }

        var licenses = db.CustomerLicenses;
        if (query.ProductId is { } productId)
        {
            customers = customers.Where(c => licenses.Any(l => l.CustomerId == c.Id && l.Plan.ProductId == productId));
        }

        if (query.PlanId is { } planId)
        {
            // "All customers on this plan" from a plan's page.
            customers = customers.Where(c => licenses.Any(l => l.CustomerId == c.Id && l.ServicePlanId == planId));
        }

        return query.Status switch
        {
            LicenseStatus.Expired => customers.Where(c => licenses.Any(l => l.CustomerId == c.Id && l.ExpiresOn < today)),
            LicenseStatus.ExpiringSoon => customers.Where(c =>
                !licenses.Any(l => l.CustomerId == c.Id && l.ExpiresOn < today)
                && licenses.Any(l => l.CustomerId == c.Id && l.ExpiresOn >= today && l.ExpiresOn.AddDays(-l.NotifyDaysBefore) <= today)),
            LicenseStatus.Normal => customers.Where(c =>
                licenses.Any(l => l.CustomerId == c.Id)
                && !licenses.Any(l => l.CustomerId == c.Id && (l.ExpiresOn < today || l.ExpiresOn.AddDays(-l.NotifyDaysBefore) <= today))),
            _ => customers,
        };
    }

    private static IQueryable<Customer> ApplyCursor(IQueryable<Customer> customers, CustomerListQuery query)
    {
        if (Cursor.Decode(query.After) is not { } cursor)
        {
            return customers;
        }

        // Each condition starts with a plain bound on the sort column (">= key"): the OR after it alone is not an
        // index bound for PostgreSQL, which would read the index from its start on every page (docs/performance.md).
        var (key, id) = cursor;
        if (query.Sort == CustomerSort.Name)
        {
            return query.Descending
                ? customers.Where(c => string.Compare(c.NormalizedName, key) <= 0 && (string.Compare(c.NormalizedName, key) < 0 || (c.NormalizedName == key && c.Id.CompareTo(id) < 0)))
                : customers.Where(c => string.Compare(c.NormalizedName, key) >= 0 && (string.Compare(c.NormalizedName, key) > 0 || (c.NormalizedName == key && c.Id.CompareTo(id) > 0)));
        }

        if (!long.TryParse(key, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ticks))
        {
            return customers;
        }

        var created = new DateTimeOffset(ticks, TimeSpan.Zero);
        return query.Descending
            ? customers.Where(c => c.CreatedAt <= created && (c.CreatedAt < created || (c.CreatedAt == created && c.Id.CompareTo(id) < 0)))
            : customers.Where(c => c.CreatedAt >= created && (c.CreatedAt > created || (c.CreatedAt == created && c.Id.CompareTo(id) > 0)));
    }
}

public sealed record CustomerExportRow(string Name, string Country, string? ContactEmail, string OwnerName, int Licenses, bool Expired, bool ExpiringSoon, DateTimeOffset CreatedAt)
{
    public string Status => Licenses == 0 ? "No licenses" : Expired ? "Expired" : ExpiringSoon ? "Expiring soon" : "Normal";
}

/// <summary>An opaque keyset cursor: the last row's sort key and id.</summary>
public static class Cursor
{
    public static string Encode(string key, Guid id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{id:N}|{key}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static (string Key, Guid Id)? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 400)
        {
            return null;
        }

        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded = padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            return bar == 32 && Guid.TryParseExact(text[..bar], "N", out var id) ? (text[(bar + 1)..], id) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
