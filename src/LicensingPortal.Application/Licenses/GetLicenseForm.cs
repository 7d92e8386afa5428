using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Products;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Licenses;

public sealed record PlanOption(Guid Id, string Name, string ServiceLevel, int Rank, string? Refusal);

public sealed record LicenseFormView(
    Guid CustomerId,
    string CustomerName,
    Guid LicenseId,
    string PlanName,
    Guid PlanId,
    string ProductName,
    string ServiceLevel,
    LicenseType LicenseType,
    LicenseStatus Status,
    DateOnly ExpiresOn,
    Lifecycle Lifecycle,
    (string Code, string Message)? Refusal,
    bool ShowChangeServicePlan,
    IReadOnlyList<PlanOption> ServiceLevelPlans,
    bool ShowPlanDropdown,
    IReadOnlyList<PlanOption> SwitchPlans,
    bool ShowRemoteManager,
    bool ShowAddOn,
    string? AddOnName,
    IReadOnlyList<PlanOption> ConversionPlans,
    ScheduledLicenseChange? PendingChange,
    string? PendingPlanName,
    DateOnly Today,
    LicenseModifyInput Current,
    int? UnitsFree = null,
    int? UsedThisMonth = null);

/// <summary>
/// Customers › {customer} › Licenses › {plan} (R2): the license with each R6 setting shown only when its
/// rule says so, and the reason the form is read-only (R3 trial, R4 End of Life, R5 locked, R11 owner).
/// </summary>
public sealed class GetLicenseForm(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<LicenseFormView?> HandleAsync(Guid customerId, Guid licenseId, CancellationToken cancellationToken = default)
    {
        var license = await db.VisibleLicenses(user).AsNoTracking().LicenseForChangeAsync(customerId, licenseId, cancellationToken);
        if (license is null)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var product = license.Plan.Product;
        var levels = product.ServiceLevels.ToDictionary(l => l.Id);
        var samePlans = await db.PlansUsableBy(license.Customer.Owner).AsNoTracking().Include(p => p.Product)
            .Where(p => p.ProductId == product.Id)
            .ToListAsync(cancellationToken);
        var pools = await db.PoolsOfAsync(license.Customer.Owner, cancellationToken, tracked: false);

        // R12 before the click: a plan whose pool is missing, disabled or empty says so where it is offered.
        PlanOption Option(Domain.ServicePlans.ServicePlan p) =>
            new(p.Id, p.Name, levels.TryGetValue(p.ServiceLevelId, out var l) ? l.Name : string.Empty, levels.TryGetValue(p.ServiceLevelId, out var r) ? r.Rank : 0,
                p.AssignmentRefusal() ?? (p.Id == license.ServicePlanId ? null : LicensePool.Availability(pools(p), license.Customer.Owner).Refusal));

        // R6: Change Service Plan only with several levels and a separate plan for another level.
        var levelPlans = samePlans.Where(p => license.IsServiceLevelChange(p) && p.LicenseType == license.LicenseType)
            .OrderBy(p => levels.GetValueOrDefault(p.ServiceLevelId)?.Rank).ThenBy(p => p.Name).Select(Option).ToList();

        // R6: the drop-down only for plan-switching products with more than one such plan.
        var switchPlans = samePlans.Where(p => p.ServiceLevelId == license.Plan.ServiceLevelId && p.LicenseType == license.LicenseType)
            .OrderBy(p => p.Name).Select(Option).ToList();
        var showSwitch = product.SupportsPlanSwitching && switchPlans.Count > 1;

        var conversion = license.LicenseType == LicenseType.Trial
            ? samePlans.Where(p => p.LicenseType == LicenseType.Full).OrderBy(p => p.Name).Select(Option).ToList()
            : [];
        var pending = license.PendingChange;

        // R24: the month's highest day of reported use, beside the units it provides.
        var monthStart = new DateOnly(today.Year, today.Month, 1);
        var usedThisMonth = await db.LicenseUsages.AsNoTracking()
            .Where(u => u.LicenseId == license.Id && u.Day >= monthStart && u.Day <= today)
            .MaxAsync(u => (int?)u.Used, cancellationToken);
        var pendingPlan = pending?.NewServicePlanId is { } pendingPlanId && pendingPlanId != license.ServicePlanId
            ? samePlans.FirstOrDefault(p => p.Id == pendingPlanId)?.Name
            : null;

        return new LicenseFormView(
            license.CustomerId,
            license.Customer.Name,
            license.Id,
            license.Plan.Name,
            license.ServicePlanId,
            product.Name,
            levels.GetValueOrDefault(license.Plan.ServiceLevelId)?.Name ?? string.Empty,
            license.LicenseType,
            license.StatusOn(today),
            license.ExpiresOn,
            license.Plan.EffectiveLifecycle,
            license.ModificationRefusal(),
            product.HasSeveralServiceLevels && levelPlans.Count > 0,
            levelPlans,
            showSwitch,
            switchPlans,
            // R13: offered only where the owning company has a Remote Manager console (the provider's, or an MSP's enabled one).
            product.ManagedThroughRemoteManager && license.Customer.Owner.OffersRemoteManager,
            product.HasAddOn && license.Plan.AddOnAvailable,
            product.AddOnName,
            conversion,
            pending,
            pendingPlan,
            today,
            LicenseModifyInput.From(license),
            LicensePool.Availability(pools(license.Plan), license.Customer.Owner).UnitsFree,
            usedThisMonth);
    }
}
