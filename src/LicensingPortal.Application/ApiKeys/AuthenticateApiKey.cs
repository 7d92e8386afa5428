using LicensingPortal.Application.Common;
using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.ApiKeys;

/// <summary>Who a valid API key acts as: its company and role, as a signed-in user's cookie carries them (R21).</summary>
public sealed record ApiKeyHolder(Guid KeyId, string KeyName, string Role, Guid CompanyId, CompanyType CompanyType, string CompanyName);

/// <summary>
/// R21: finds the key of a presented secret, refuses a revoked key or one of a canceled company (R11), and records
/// its use. One query for the key and its company on every API request; a write at most once a minute per key.
/// </summary>
public sealed class AuthenticateApiKey(IPortalDbContext db, TimeProvider clock)
{
    /// <summary>The key's holder, or null for an unknown, revoked or no longer usable key.</summary>
    public async Task<ApiKeyHolder?> HandleAsync(string secret, CancellationToken cancellationToken = default)
    {
        var hash = ApiKey.Hash(secret);
        var found = await db.ApiKeys.AsNoTracking()
            .Join(db.Companies, k => k.CompanyId, c => c.Id, (k, c) => new { Key = k, c.Name, c.Type, c.Status })
            .SingleOrDefaultAsync(k => k.Key.SecretHash == hash, cancellationToken);
        if (found is null || !found.Key.AllowsSignIn(found.Status))
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
        return new ApiKeyHolder(key.Id, key.Name, key.Role, key.CompanyId, found.Type, found.Name);
    }
}
