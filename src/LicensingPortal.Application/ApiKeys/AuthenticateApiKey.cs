using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.ApiKeys;

/// <summary>
/// Who a valid API key acts as: its company and role, as a signed-in user's cookie carries them (R21). A customer's own key (R25)
/// acts as the customer's user: <see cref="CompanyId"/> is the customer, <see cref="CompanyType.Customer"/>, and
/// <see cref="OwnerCompanyId"/> the company that owns it.
/// </summary>
public sealed record ApiKeyHolder(Guid KeyId, string KeyName, string Role, Guid CompanyId, CompanyType CompanyType, string CompanyName, Guid? OwnerCompanyId = null);

/// <summary>
/// R21: finds the key of a presented secret, refuses a revoked key or one of a canceled company (R11), and records
/// its use. One query for the key, its company and (a customer's key, R25) its customer on every API request; a write at most
/// once a minute per key. A customer's key of a canceled owner stops as its users' sign-in does (R11).
/// </summary>
public sealed class AuthenticateApiKey(IPortalDbContext db, TimeProvider clock)
{
    /// <summary>The key's holder, or null for an unknown, revoked or no longer usable key.</summary>
    public async Task<ApiKeyHolder?> HandleAsync(string secret, CancellationToken cancellationToken = default)
    {
        var hash = ApiKey.Hash(secret);
        var found = await db.ApiKeys.AsNoTracking()
            .Join(db.Companies, k => k.CompanyId, c => c.Id, (k, c) => new { Key = k, c.Name, c.Type, c.Status })
            .Where(k => k.Key.SecretHash == hash)
            .Select(k => new { k.Key, k.Name, k.Type, k.Status, Customer = db.Customers.Where(c => c.Id == k.Key.CustomerId && c.OwnerId == k.Key.CompanyId).Select(c => c.Name).FirstOrDefault() })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null || !found.Key.AllowsSignIn(found.Status) || (found.Key.CustomerId is not null && (found.Customer is null || !Roles.Customer.Contains(found.Key.Role))))
        {
            return null;
        }

        // Read untracked (every API request passes here); tracked only for the at-most-once-a-minute write,
        // then let go, so the request's use case starts from a clean unit of work.
        var key = found.Key;
        db.ApiKeys.Attach(key);
        if (key.MarkUsed(clock.GetUtcNow()))
        {
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Another request of the same key recorded its use first: that is the same fact.
            }
        }

        db.ApiKeys.Entry(key).State = EntityState.Detached;
        return key.CustomerId is { } customerId
            ? new ApiKeyHolder(key.Id, key.Name, key.Role, customerId, CompanyType.Customer, found.Customer!, key.CompanyId)
            : new ApiKeyHolder(key.Id, key.Name, key.Role, key.CompanyId, found.Type, found.Name);
    }
}
