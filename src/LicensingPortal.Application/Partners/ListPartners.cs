using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Partners;

public enum PartnerSort
{
    Name,
    NameDesc,
    Type,
    Status,
    Customers,
    CustomersDesc,
    Created,
    CreatedDesc,
}

public sealed record PartnerListQuery(string? Search, PartnerStatus? Status, CompanyType? Type, PartnerSort Sort = PartnerSort.Name, int Page = 1, int PageSize = ListPartners.PageSize);

public sealed record PartnerListItem(Guid Id, string Name, CompanyType Type, PartnerStatus Status, string Country, string DataCenter, int Customers, DateTimeOffset CreatedAt);

public sealed record PartnerListView(PartnerListQuery Query, IReadOnlyList<PartnerListItem> Items, int Total, int Page, int PageCount);

/// <summary>Users &amp; Accounts › Partners: the provider's partners, searched, filtered, sorted and paged.</summary>
public sealed class ListPartners(IPortalDbContext db, ICurrentUser user)
{
    /// <summary>The default page size (the page shows this many; API callers may ask for up to <see cref="Paging.MaxPageSize"/>).</summary>
    public const int PageSize = 20;

    public async Task<PartnerListView> HandleAsync(PartnerListQuery query, CancellationToken cancellationToken = default)
    {
        var partners = db.VisiblePartners(user).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = query.Search.Trim().ToUpperInvariant();
#pragma warning disable CA1862 // Translated to SQL UPPER(): the StringComparison overloads are not translatable by EF Core.
            partners = partners.Where(p => p.Name.ToUpper().Contains(search));
#pragma warning restore CA1862
        }

        if (query.Status is { } status)
        {
            partners = partners.Where(p => p.Status == status);
        }

        if (query.Type is { } type)
        {
            partners = partners.Where(p => p.Type == type);
        }

        // The customers count is a correlated COUNT inside the same SELECT: one query for the page,
        // sortable in SQL, and no query per partner.
        var rows = partners.Select(p => new
        {
            p.Id,
            p.Name,
            p.Type,
            p.Status,
            p.Country,
            p.DataCenter,
            p.CreatedAt,
            Customers = db.Customers.Count(c => c.OwnerId == p.Id),
        });

        rows = query.Sort switch
        {
            PartnerSort.Name => rows.OrderBy(r => r.Name),
            PartnerSort.NameDesc => rows.OrderByDescending(r => r.Name),
            PartnerSort.Type => rows.OrderBy(r => r.Type).ThenBy(r => r.Name),
            PartnerSort.Status => rows.OrderBy(r => r.Status).ThenBy(r => r.Name),
            PartnerSort.Customers => rows.OrderBy(r => r.Customers).ThenBy(r => r.Name),
            PartnerSort.CustomersDesc => rows.OrderByDescending(r => r.Customers).ThenBy(r => r.Name),
            PartnerSort.Created => rows.OrderBy(r => r.CreatedAt).ThenBy(r => r.Name),
            PartnerSort.CreatedDesc => rows.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.Name),
        };

        var total = await partners.CountAsync(cancellationToken);
        var size = Paging.Size(query.PageSize);
        var pageCount = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(query.Page, 1, pageCount);
        var items = await rows.Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);

        return new PartnerListView(
            query,
            items.Select(r => new PartnerListItem(r.Id, r.Name, r.Type, r.Status, r.Country, r.DataCenter, r.Customers, r.CreatedAt)).ToList(),
            total,
            page,
            pageCount);
    }
}
