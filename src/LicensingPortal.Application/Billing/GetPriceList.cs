using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;

namespace LicensingPortal.Application.Billing;

/// <summary>
/// R24, Prices: for the provider, every charged plan it prices (its own and its partners') with the list price in force today,
/// the next scheduled one and the full history; for a partner, the plans it sells with their list price and what it pays after
/// its own price, and for an MSP its resale prices and margin. Never another partner's prices (R1).
/// </summary>
public sealed class GetPriceList(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<PriceList> HandleAsync(CancellationToken cancellationToken = default)
    {
        var provider = await db.PriceListOwnerAsync(user, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var rows = await db.RowsAsync(user, provider, db.PricedPlans(user).Charged(), today, cancellationToken);
        return new PriceList(user.CompanyType, provider.BillingCurrency, today, rows, await db.ChangeRefusalAsync(user, cancellationToken));
    }
}
