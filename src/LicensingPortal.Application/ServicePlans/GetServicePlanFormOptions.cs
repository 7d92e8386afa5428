using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;

namespace LicensingPortal.Application.ServicePlans;

/// <summary>The create/edit form's choices: products the caller may build plans on, with their levels.</summary>
public sealed class GetServicePlanFormOptions(IPortalDbContext db, ICurrentUser user)
{
    public Task<IReadOnlyList<ProductOption>> HandleAsync(CancellationToken cancellationToken = default) =>
        ListServicePlans.ProductOptions(db, user, cancellationToken);
}
