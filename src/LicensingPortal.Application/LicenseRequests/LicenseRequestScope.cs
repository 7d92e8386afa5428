using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.LicenseRequests;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.LicenseRequests;

/// <summary>
/// R1 for R25's change requests: a request is the business of the customer who asked and of the company that owns the
/// customer (its queue). A provider sees its own direct customers' requests, not its partners' queues; anyone else
/// finds nothing (404).
/// </summary>
public static class LicenseRequestScope
{
    public static IQueryable<LicenseRequest> VisibleLicenseRequests(this IPortalDbContext db, ICurrentUser user) => user.CompanyType switch
    {
        CompanyType.Customer => db.LicenseRequests.Where(r => r.CustomerId == user.CompanyId),
        _ => db.LicenseRequests.Where(r => r.CompanyId == user.CompanyId),
    };

    /// <summary>The requests the user's company decides: its own queue, and only for those who review requests.</summary>
    public static IQueryable<LicenseRequest> QueueOf(this IPortalDbContext db, ICurrentUser user) =>
        user.CompanyType != CompanyType.Customer && user.Can(Permission.ReviewLicenseRequests)
            ? db.LicenseRequests.Where(r => r.CompanyId == user.CompanyId)
            : db.LicenseRequests.Where(_ => false);

    /// <summary>The open requests of the user's queue: the menu's count (one indexed count).</summary>
    public static IQueryable<LicenseRequest> OpenInQueueOf(this IPortalDbContext db, ICurrentUser user) =>
        db.QueueOf(user).Where(r => r.State == LicenseRequestState.Open);
}
