using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.LicenseRequests;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.LicenseRequests;

/// <summary>One change request as the queue, the license page, the customer's list and the API show it.</summary>
public sealed record LicenseRequestRow(
    Guid Id,
    Guid CustomerId,
    string CustomerName,
    Guid LicenseId,
    string PlanName,
    LicenseRequestKind Kind,
    string Summary,
    string Comment,
    LicenseRequestState State,
    DateTimeOffset RequestedAt,
    string RequestedBy,
    DateTimeOffset? DecidedAt,
    string? DecidedBy,
    DateOnly? ApplyOn,
    string? DeclineReason,
    string? RefusalCode,
    string? Refusal,
    DateTimeOffset? RefusedAt,
    int? Units,
    bool? AutoRenew,
    Guid? ServicePlanId,
    int Version);

/// <summary>What the queue is filtered by: a state (none: every state, open first), a customer, a license.</summary>
public sealed record LicenseRequestFilter(LicenseRequestState? State = null, Guid? CustomerId = null, Guid? LicenseId = null, int Page = 1, int PageSize = ListLicenseRequests.DefaultPageSize);

public sealed record LicenseRequestList(IReadOnlyList<LicenseRequestRow> Rows, int Total, int OpenCount, int Page, int PageSize, LicenseRequestFilter Filter)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>
/// R25: Customers › Requests (the owner's queue: open first, then the others, newest first within each) and
/// the customer's own list (<c>/my/requests</c>): the same rows, each through <see cref="LicenseRequestScope"/>.
/// </summary>
public sealed class ListLicenseRequests(IPortalDbContext db, ICurrentUser user)
{
    public const int DefaultPageSize = 50;

    public async Task<LicenseRequestList> HandleAsync(LicenseRequestFilter filter, CancellationToken cancellationToken = default)
    {
        var pageSize = Paging.Size(filter.PageSize);
        var page = Math.Max(1, filter.Page);
        var requests = db.VisibleLicenseRequests(user).AsNoTracking();
        if (filter.CustomerId is { } customerId)
        {
            requests = requests.Where(r => r.CustomerId == customerId);
        }

        if (filter.LicenseId is { } licenseId)
        {
            requests = requests.Where(r => r.LicenseId == licenseId);
        }

        var openCount = await requests.CountAsync(r => r.State == LicenseRequestState.Open, cancellationToken);
        if (filter.State is { } state)
        {
            requests = requests.Where(r => r.State == state);
        }

        var total = await requests.CountAsync(cancellationToken);
        var rows = await Rows(requests
                .OrderBy(r => r.State == LicenseRequestState.Open ? 0 : 1)
                .ThenByDescending(r => r.RequestedAt)
                .ThenBy(r => r.Id)
                .Skip((page - 1) * pageSize)
                .Take(pageSize))
            .ToListAsync(cancellationToken);
        return new LicenseRequestList(rows, total, openCount, page, pageSize, filter with { Page = page, PageSize = pageSize });
    }

    /// <summary>One request the user may see, or null (404).</summary>
    public async Task<LicenseRequestRow?> FindAsync(Guid id, CancellationToken cancellationToken = default) =>
        await Rows(db.VisibleLicenseRequests(user).AsNoTracking().Where(r => r.Id == id)).SingleOrDefaultAsync(cancellationToken);

    /// <summary>The requests of one license, newest first: shown on the license's page.</summary>
    public async Task<IReadOnlyList<LicenseRequestRow>> ForLicenseAsync(Guid licenseId, CancellationToken cancellationToken = default) =>
        user.CompanyType == CompanyType.Customer || user.Can(Permission.ReviewLicenseRequests) || user.Can(Permission.ViewCustomers)
            ? await Rows(db.VisibleLicenseRequests(user).AsNoTracking().Where(r => r.LicenseId == licenseId).OrderByDescending(r => r.RequestedAt).Take(20))
                .ToListAsync(cancellationToken)
            : [];

    private IQueryable<LicenseRequestRow> Rows(IQueryable<LicenseRequest> requests) =>
        from r in requests
        join l in db.CustomerLicenses on r.LicenseId equals l.Id
        select new LicenseRequestRow(
            r.Id, r.CustomerId, l.Customer.Name, r.LicenseId, l.Plan.Name, r.Kind, r.Summary, r.Comment, r.State, r.RequestedAt, r.RequestedBy,
            r.DecidedAt, r.DecidedBy, r.ApplyOn, r.DeclineReason, r.RefusalCode, r.Refusal, r.RefusedAt, r.Units, r.AutoRenew, r.ServicePlanId, r.Version);
}
