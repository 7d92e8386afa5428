using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.ApiKeys;

/// <summary>
/// R1 for API keys: a company's users manage the company's own keys; a customer's administrator (R25) its customer's keys.
/// A company's list never shows its customers' keys, nor a customer's another's: anything else is not found (404).
/// </summary>
public static class ApiKeyScope
{
    public static IQueryable<ApiKey> ApiKeysOf(this IPortalDbContext db, ICurrentUser user) => user.CompanyType == CompanyType.Customer
        ? db.ApiKeys.Where(k => k.CustomerId == user.CompanyId)
        : db.ApiKeys.Where(k => k.CompanyId == user.CompanyId && k.CustomerId == null);

    /// <summary>The roles a key of the user's may act with: a customer's keys act as its users do (R25), a company's as its users do.</summary>
    public static IReadOnlyList<string> RolesFor(ICurrentUser user) => user.CompanyType == CompanyType.Customer ? Roles.Customer : Roles.All;
}
