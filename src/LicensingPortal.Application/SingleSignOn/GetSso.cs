using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.SingleSignOn;

/// <summary>R26, the Single sign-on page: the company's identity provider as its administrators registered it, without the secret.</summary>
public sealed class GetSso(IPortalDbContext db, ICurrentUser user)
{
    public async Task<SsoView?> HandleAsync(Guid companyId, CancellationToken cancellationToken = default)
    {
        var company = await SsoOwner.FindAsync(db, user, companyId, cancellationToken);
        if (company is null)
        {
            return null;
        }

        var provider = await db.CompanyIdentityProviders.AsNoTracking().SingleOrDefaultAsync(p => p.CompanyId == companyId, cancellationToken);
        var editable = company.Allows(PartnerArea.Profile);
        return new SsoView(
            company.Id,
            company.Name,
            provider is not null,
            editable,
            editable ? null : company.StatusRefusal,
            provider?.Issuer,
            provider?.ClientId,
            provider?.DomainNames ?? [],
            provider?.Enabled ?? false,
            provider?.CreateAccounts ?? false,
            provider?.DefaultRole,
            provider?.GroupRoles,
            provider?.UpdatedAt,
            provider?.Version ?? 0);
    }
}
