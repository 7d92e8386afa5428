using LicensingPortal.Application.Common;
using LicensingPortal.Application.Dashboard;
using LicensingPortal.Application.LicenseRequests;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

/// <param name="OpenRequests">R25: customers' change requests open in the company's queue (Customers › Requests).</param>
public sealed record NavigationCountsView(int PendingApprovals, int UnreadNotifications, int OpenRequests = 0);

/// <summary>
/// The layout's badges: suite changes awaiting the company's approval (R5), customers' open change requests (R25) and
/// the user's unread notifications (the bell, R20). All in ONE SQL command, once per request: every page shows them,
/// and list pages must stay within their few commands.
/// </summary>
public sealed class NavigationCounts(IPortalDbContext db, ICurrentUser user)
{
    private NavigationCountsView? _counts;

    public async Task<NavigationCountsView> HandleAsync(CancellationToken cancellationToken = default)
    {
        if (_counts is { } cached)
        {
            return cached;
        }

        var userId = user.UserId;
        var unread = db.Notifications.Where(n => n.RecipientUserId == userId && n.ReadAt == null);
        var countsApprovals = user.CompanyType != CompanyType.Reseller && user.Can(Permission.ViewServicePlans);
        var countsRequests = user.CompanyType != CompanyType.Customer && user.Can(Permission.ReviewLicenseRequests);
        if (!countsApprovals && !countsRequests)
        {
            _counts = new NavigationCountsView(0, await unread.CountAsync(cancellationToken));
            return _counts;
        }

        var approvals = countsApprovals ? GetDashboard.PendingApprovals(db, user.CompanyId) : GetDashboard.PendingApprovals(db, user.CompanyId).Where(_ => false);
        var requests = db.OpenInQueueOf(user);
        var counts = await db.Companies.AsNoTracking()
            .Where(c => c.Id == user.CompanyId)
            .Select(_ => new { Approvals = approvals.Count(), Unread = unread.Count(), Requests = requests.Count() })
            .SingleOrDefaultAsync(cancellationToken);
        _counts = new NavigationCountsView(counts?.Approvals ?? 0, counts?.Unread ?? 0, counts?.Requests ?? 0);
        return _counts;
    }
}
