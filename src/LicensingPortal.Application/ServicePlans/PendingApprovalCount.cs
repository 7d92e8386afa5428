using LicensingPortal.Application.Common;
using LicensingPortal.Application.Dashboard;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Companies;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.ServicePlans;

/// <summary>
/// R5: how many suite composition changes await the caller's company's approval, for the navigation
/// badge. Scoped: one COUNT query per request however often the layout asks.
/// </summary>
public sealed class PendingApprovalCount(IPortalDbContext db, ICurrentUser user)
{
    private int? _count;

    public async Task<int> HandleAsync(CancellationToken cancellationToken = default)
    {
        if (_count is { } cached)
        {
            return cached;
        }

        _count = user.CompanyType == CompanyType.Reseller || !user.Can(Permission.ViewServicePlans)
            ? 0
            : await GetDashboard.PendingApprovals(db, user.CompanyId).AsNoTracking().CountAsync(cancellationToken);
        return _count.Value;
    }
}
