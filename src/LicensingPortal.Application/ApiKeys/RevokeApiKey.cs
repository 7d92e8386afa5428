using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.ApiKeys;
using LicensingPortal.Domain.Auditing;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.ApiKeys;

/// <summary>Revokes a key of the user's company, or a customer's administrator its customer's (R25); another's key is not found (R1). It stops working at once.</summary>
public sealed class RevokeApiKey(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid keyId, CancellationToken cancellationToken = default)
    {
        var key = await db.ApiKeysOf(user).SingleOrDefaultAsync(k => k.Id == keyId, cancellationToken);
        if (key is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            key.Revoke(user.Name, now);
            db.AuditEntries.Add(AuditEntry.Record("ApiKeyRevoked", nameof(ApiKey), key.Id.ToString(), key.CompanyId, user.Actor, now, before: "Active", after: "Revoked"));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"The key {key.Name} was revoked: it no longer works.");
        });
    }
}
