using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Partners;

public sealed record PartnerPoolView(
    Guid Id,
    string Product,
    string ServiceLevel,
    LicenseType LicenseType,
    int UnitsTotal,
    int UnitsUsed,
    int UnitsRefilled,
    DateOnly StartsOn,
    DateOnly EndsOn,
    bool Disabled,
    int Version)
{
    public int UnitsFree => UnitsTotal - UnitsUsed;
}

public sealed record ProductLevelOption(Guid ProductId, Guid ServiceLevelId, string Text);

public sealed record PartnerPlanView(Guid Id, string Name, string Product, string ServiceLevel, LicenseType LicenseType, string Period, int UnitsPerLicense, bool AddOnAvailable, Lifecycle Lifecycle, bool Locked, int CustomersUsing);

public sealed record AssignablePlanOption(Guid Id, string Name, string? Refusal);

/// <summary>
/// Users &amp; Accounts › Partners › {company}: the banner (R10) and what every tab shows. <see cref="Editable"/> and
/// <see cref="StatusMoves"/> are what the partner says its status allows (R11): the tabs offer only those changes.
/// </summary>
public sealed record PartnerPageView(
    Guid Id,
    string Name,
    CompanyType Type,
    PartnerStatus Status,
    int Customers,
    string? ContactName,
    string? ContactEmail,
    string? Phone,
    string? Address,
    string Country,
    string DataCenter,
    bool LicensePoolRefill,
    bool RemoteManagerEnabled,
    DateTimeOffset? StatusChangedAt,
    DateTimeOffset? CanceledAt,
    DateTimeOffset CreatedAt,
    int Version,
    IReadOnlyDictionary<PartnerArea, bool> Tabs,
    IReadOnlyDictionary<PartnerArea, bool> Editable,
    string StatusRefusal,
    IReadOnlyList<PartnerPoolView> Pools,
    IReadOnlyList<ProductLevelOption> ProductLevels,
    IReadOnlyList<PartnerPlanView> AssignedPlans,
    IReadOnlyList<AssignablePlanOption> AssignablePlans,
    IReadOnlyList<PartnerAccountView> Accounts,
    IReadOnlyList<PartnerStatus> StatusMoves);

public sealed class GetPartner(IPortalDbContext db, ICurrentUser user, IPartnerAccounts accounts)
{
    private static readonly PartnerArea[] Areas = [PartnerArea.Licenses, PartnerArea.ManagementLicenses, PartnerArea.ServicePlans, PartnerArea.Accounts, PartnerArea.Profile];

    public async Task<PartnerPageView?> HandleAsync(Guid partnerId, CancellationToken cancellationToken = default)
    {
        var partner = await db.VisiblePartners(user).AsNoTracking().SingleOrDefaultAsync(c => c.Id == partnerId, cancellationToken);
        if (partner is null)
        {
            return null;
        }

        var customers = await db.Customers.CountAsync(c => c.OwnerId == partner.Id, cancellationToken);

        var pools = await (from p in db.LicensePools.AsNoTracking()
                           join product in db.Products on p.ProductId equals product.Id
                           join level in db.ServiceLevels on p.ServiceLevelId equals level.Id
                           where p.PartnerId == partner.Id
                           orderby product.Name, level.Rank, p.LicenseType
                           select new PartnerPoolView(p.Id, product.Name, level.Name, p.LicenseType, p.UnitsTotal, p.UnitsUsed, p.UnitsRefilled, p.StartsOn, p.EndsOn, p.Disabled, p.Version))
            .ToListAsync(cancellationToken);

        var productLevels = await (from level in db.ServiceLevels.AsNoTracking()
                                   join product in db.Products on level.ProductId equals product.Id
                                   where product.Lifecycle == Lifecycle.Active
                                   orderby product.Name, level.Rank
                                   select new ProductLevelOption(product.Id, level.Id, product.Name + " – " + level.Name))
            .ToListAsync(cancellationToken);

        IReadOnlyList<PartnerPlanView> assigned = [];
        IReadOnlyList<AssignablePlanOption> assignable = [];
        if (partner.HasTab(PartnerArea.ServicePlans))
        {
            var assignedIds = db.ResellerPlanAssignments.Where(a => a.ResellerId == partner.Id).Select(a => a.ServicePlanId);
            var assignedRows = await (from plan in db.ServicePlans.AsNoTracking().Include(p => p.Product)
                                      join level in db.ServiceLevels on plan.ServiceLevelId equals level.Id
                                      where assignedIds.Contains(plan.Id)
                                      orderby plan.Name
                                      select new
                                      {
                                          Plan = plan,
                                          Level = level.Name,
                                          Using = db.CustomerLicenses.Count(l => l.ServicePlanId == plan.Id && l.Customer.OwnerId == partner.Id),
                                      })
                .ToListAsync(cancellationToken);
            assigned = assignedRows.Select(r => new PartnerPlanView(
                r.Plan.Id, r.Plan.Name, r.Plan.Product.Name, r.Level, r.Plan.LicenseType, r.Plan.Period.ToString(), r.Plan.UnitsPerLicense,
                r.Plan.AddOnAvailable, r.Plan.EffectiveLifecycle, r.Plan.IsLocked, r.Using)).ToList();

            var candidates = await db.ServicePlans.AsNoTracking().Include(p => p.Product)
                .Where(p => p.OwnerId == user.CompanyId && !assignedIds.Contains(p.Id))
                .OrderBy(p => p.Name)
                .ToListAsync(cancellationToken);
            assignable = candidates.Select(p => new AssignablePlanOption(p.Id, p.Name, p.AssignmentRefusal())).ToList();
        }

        var accountViews = await accounts.ListAsync(partner.Id, cancellationToken);

        return new PartnerPageView(
            partner.Id,
            partner.Name,
            partner.Type,
            partner.Status,
            customers,
            partner.ContactName,
            partner.ContactEmail,
            partner.Phone,
            partner.Address,
            partner.Country,
            partner.DataCenter,
            partner.LicensePoolRefill,
            partner.RemoteManagerEnabled,
            partner.StatusChangedAt,
            partner.CanceledAt,
            partner.CreatedAt,
            partner.Version,
            Areas.ToDictionary(a => a, partner.HasTab),
            Areas.ToDictionary(a => a, partner.Allows),
            partner.StatusRefusal,
            pools,
            productLevels,
            assigned,
            assignable,
            accountViews,
            Enum.GetValues<PartnerStatus>().Where(target => partner.StatusChangeRefusal(target) is null).ToList());
    }
}
