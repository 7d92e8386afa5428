using LicensingPortal.Application.Common;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.LicenseRequests;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.LicenseRequests;

public sealed record RequestPlanOption(Guid Id, string Name, string ServiceLevel);

/// <param name="Refusal">Why no request can be made now (the owner suspended or canceled, a trial, End of Life), for the page to say instead of the form.</param>
/// <param name="OpenRequest">The license's open request, if any: one at a time.</param>
public sealed record LicenseRequestFormView(
    Guid LicenseId,
    string CustomerName,
    string PlanName,
    string ProductName,
    int Units,
    bool AutoRenew,
    DateOnly ExpiresOn,
    IReadOnlyList<RequestPlanOption> Plans,
    string? Refusal,
    LicenseRequestRow? OpenRequest);

/// <summary>
/// R25: the customer's request form for one of its licenses: what it has now, the plans of the same product it may ask
/// for (another service level, or another plan of the same level where the product allows switching; assignable ones
/// only), and why it cannot ask now, if so. Nothing of the partner's pools or prices.
/// </summary>
public sealed class GetLicenseRequestForm(IPortalDbContext db, ICurrentUser user, ListLicenseRequests requests)
{
    public async Task<LicenseRequestFormView?> HandleAsync(Guid licenseId, CancellationToken cancellationToken = default)
    {
        if (!user.Can(Permission.RequestLicenseChanges))
        {
            return null;
        }

        var license = await db.VisibleLicenses(user).AsNoTracking().WithChangeGraph().SingleOrDefaultAsync(l => l.Id == licenseId, cancellationToken);
        if (license is null)
        {
            return null;
        }

        var levels = license.Plan.Product.ServiceLevels.ToDictionary(l => l.Id, l => l.Name);
        var plans = (await db.PlansUsableBy(license.Customer.Owner).AsNoTracking().Include(p => p.Product)
                .Where(p => p.ProductId == license.Plan.ProductId && p.Id != license.ServicePlanId && p.LicenseType == license.LicenseType)
                .ToListAsync(cancellationToken))
            .Where(p => (license.IsServiceLevelChange(p) || license.IsPlanSwitch(p)) && p.AssignmentRefusal() is null)
            .OrderBy(p => p.Name)
            .Select(p => new RequestPlanOption(p.Id, p.Name, levels.GetValueOrDefault(p.ServiceLevelId) ?? string.Empty))
            .ToList();
        var refusal = LicenseRequest.OwnerRefusal(license.Customer.Owner)
            ?? (license.ModificationRefusal() is { Code: "R3" or "R4" } r ? r.Message : null);
        var open = (await requests.ForLicenseAsync(licenseId, cancellationToken)).FirstOrDefault(x => x.State == LicenseRequestState.Open);
        return new LicenseRequestFormView(
            license.Id, license.Customer.Name, license.Plan.Name, license.Plan.Product.Name, license.Units, license.AutoRenew, license.ExpiresOn, plans, refusal, open);
    }
}
