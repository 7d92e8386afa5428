using LicensingPortal.Application.Common;
using LicensingPortal.Application.Dashboard;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

public sealed record NavigationCountsView(int PendingApprovals, int UnreadNotifications);

/// <summary>
/// The layout's badges: suite changes awaiting the company's approval (R5) and the user's unread
/// notifications (the bell, R20). Both in ONE SQL command, once per request: every page shows them,
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
        if (user.CompanyType == CompanyType.Reseller || !user.Can(Permission.ViewServicePlans))
        {
            _counts = new NavigationCountsView(0, await unread.CountAsync(cancellationToken));
            return _counts;
        }

        var approvals = GetDashboard.PendingApprovals(db, user.CompanyId);
        var counts = await db.Companies.AsNoTracking()
            .Where(c => c.Id == user.CompanyId)
            .Select(_ => new { Approvals = approvals.Count(), Unread = unread.Count() })
            .SingleOrDefaultAsync(cancellationToken);
        _counts = new NavigationCountsView(counts?.Approvals ?? 0, counts?.Unread ?? 0);
        return _counts;
    }
}
