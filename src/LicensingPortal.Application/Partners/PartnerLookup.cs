using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Partners;

internal static class PartnerLookup
{
    /// <summary>R1: the partner, tracked, if it belongs to the user's provider; null (→ 404) otherwise.</summary>
    public static Task<Company?> FindPartnerAsync(this IPortalDbContext db, ICurrentUser user, Guid partnerId, CancellationToken cancellationToken) =>
        db.VisiblePartners(user).SingleOrDefaultAsync(c => c.Id == partnerId, cancellationToken);

    public static Dictionary<string, string[]> FieldError(string field, string message) => new() { [field] = [message] };
}
