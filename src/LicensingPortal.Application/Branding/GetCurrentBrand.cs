using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Branding;

/// <summary>
/// R25, the layout: the brand the signed-in user sees: for a customer's own user (whose company id is its customer's
/// id) its customer's owner's or provider's; nobody else's pages are branded. Once per request.
/// </summary>
public sealed class GetCurrentBrand(IPortalDbContext db, ICurrentUser user, BrandLookup lookup)
{
    private Brand? _brand;
    private bool _read;

    public async Task<Brand?> HandleAsync(CancellationToken cancellationToken = default)
    {
        if (!_read)
        {
            _brand = user.CompanyType == CompanyType.Customer ? await lookup.ForCustomerAsync(db, user.CompanyId, cancellationToken) : null;
            _read = true;
        }

        return _brand;
    }
}
