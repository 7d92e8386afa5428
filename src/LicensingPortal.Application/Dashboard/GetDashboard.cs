using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Notifications;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.SuiteChanges;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Dashboard;

/// <param name="RunningLow">R20: fewer free units than the partner's warning percentage (a partner's own dashboard only).</param>
public sealed record PoolUsage(string Product, string ServiceLevel, string LicenseType, int Total, int Used, bool Disabled, bool RunningLow);

public sealed record RecentTransaction(DateTimeOffset At, string Type, string CustomerName, Guid CustomerId, string PlanName, string ActorName);

public sealed record DashboardView(
    string CompanyName,
    CompanyType CompanyType,
    PartnerStatus Status,
    string StatusRefusal,
    int Customers,
    int ExpiringIn30,
    int ExpiringIn60,
    int ExpiringIn90,
    int Expired,
    int PendingApprovals,
    int PendingScheduledChanges,
    int ActivePartners,
    int SuspendedPartners,
    IReadOnlyList<PoolUsage> Pools,
    IReadOnlyList<RecentTransaction> RecentTransactions);

/// <summary>Home: what needs attention for the user's company (expiring licenses, approvals, pool usage).</summary>
public sealed class GetDashboard(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<DashboardView> HandleAsync(CancellationToken cancellationToken = default)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var company = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == user.CompanyId, cancellationToken);
        var scope = await db.CountingScopeAsync(user, cancellationToken);
        var licenses = scope.Licenses.AsNoTracking();
        var in30 = today.AddDays(30);
        var in60 = today.AddDays(60);
        var in90 = today.AddDays(90);

        // Every figure is of licenses expiring by day 90: the range bounds the read (an ExpiresOn index range when the scope is everything).
        var counts = await licenses
            .Where(l => l.ExpiresOn <= in90)
            .GroupBy(_ => 1)
            .Select(g => new
            {
                Expired = g.Count(l => l.ExpiresOn < today),
                In30 = g.Count(l => l.ExpiresOn >= today && l.ExpiresOn <= in30),
                In60 = g.Count(l => l.ExpiresOn >= today && l.ExpiresOn <= in60),
                In90 = g.Count(l => l.ExpiresOn >= today && l.ExpiresOn <= in90),
            })
            .SingleOrDefaultAsync(cancellationToken);

        var customers = await scope.Customers.CountAsync(cancellationToken);
        var pendingApprovals = company.Type == CompanyType.Reseller
            ? 0
            : await PendingApprovals(db, user.CompanyId).CountAsync(cancellationToken);
        var pendingChanges = await scope.ScheduledChanges.AsNoTracking()
            .CountAsync(c => c.State == Domain.Licenses.ScheduledChangeState.Pending, cancellationToken);

        var partners = company.Type == CompanyType.Provider
            ? await db.Companies.AsNoTracking().Where(c => c.ProviderId == company.Id)
                .GroupBy(c => c.Status).Select(g => new { Status = g.Key, Count = g.Count() }).ToListAsync(cancellationToken)
            : [];

        // A partner sees its own pools; a provider the sum of its partners' pools per product, level and type.
        var poolOwners = company.Type == CompanyType.Provider
            ? db.Companies.Where(c => c.ProviderId == company.Id && c.Status != PartnerStatus.Canceled).Select(c => c.Id)
            : db.Companies.Where(c => c.Id == company.Id).Select(c => c.Id);
        var pools = await (from p in db.LicensePools.AsNoTracking()
                           join product in db.Products on p.ProductId equals product.Id
                           join level in db.ServiceLevels on p.ServiceLevelId equals level.Id
                           where poolOwners.Contains(p.PartnerId)
                           group p by new { Product = product.Name, Level = level.Name, level.Rank, p.LicenseType } into g
                           orderby g.Key.Product, g.Key.Rank, g.Key.LicenseType
                           select new { g.Key.Product, g.Key.Level, g.Key.LicenseType, Total = g.Sum(p => p.UnitsTotal), Used = g.Sum(p => p.UnitsUsed), Disabled = g.All(p => p.Disabled) })
            .ToListAsync(cancellationToken);

        var recent = await scope.Transactions.AsNoTracking()
            .OrderByDescending(t => t.At)
            .Take(8)
            .Select(t => new { t.At, t.Type, t.CustomerName, t.CustomerId, t.PlanName, t.ActorName })
            .ToListAsync(cancellationToken);

        return new DashboardView(
            company.Name,
            company.Type,
            company.Status,
            company.StatusRefusal,
            customers,
            counts?.In30 ?? 0,
            counts?.In60 ?? 0,
            counts?.In90 ?? 0,
            counts?.Expired ?? 0,
            pendingApprovals,
            pendingChanges,
            partners.Where(p => p.Status == PartnerStatus.Active).Sum(p => p.Count),
            partners.Where(p => p.Status == PartnerStatus.Suspended).Sum(p => p.Count),
            pools.Select(p => new PoolUsage(
                p.Product, p.Level, p.LicenseType.Display(), p.Total, p.Used, p.Disabled,
                company.IsPartner && !p.Disabled && company.PoolWarningPercent is { } percent && PoolNoticeRules.IsRunningLow(p.Total, p.Used, percent))).ToList(),
            recent.Select(t => new RecentTransaction(t.At, LicenseTransaction.Display(t.Type), t.CustomerName, t.CustomerId, t.PlanName, t.ActorName)).ToList());
    }

    /// <summary>R5: suite changes that locked at least one of the owner's plans and that it has not approved.</summary>
    public static IQueryable<SuiteCompositionChange> PendingApprovals(IPortalDbContext db, Guid ownerId) =>
        db.SuiteCompositionChanges.Where(c =>
            !c.Approvals.Any(a => a.OwnerId == ownerId)
            && db.ServicePlans.Any(p => p.OwnerId == ownerId && p.LockedBySuiteChangeId == c.Id));
}
