using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Webhooks;

/// <summary>A new secret, shown once; the old one stops signing at once (deliveries are signed when sent).</summary>
public sealed class RotateWebhookSecret(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IWebhookSecrets secrets)
{
    public async Task<Result<string>> HandleAsync(Guid endpointId, CancellationToken cancellationToken = default)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.CompanyId == user.CompanyId, cancellationToken);
        if (endpoint is null)
        {
            return Result<string>.From(Result.NotFound());
        }

        var secret = WebhookEndpoint.NewSecret();
        var result = await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            endpoint.RotateSecret(secrets.Protect(secret), now);
            db.AuditEntries.Add(AuditEntry.Record("WebhookSecretRotated", nameof(WebhookEndpoint), endpoint.Id.ToString(), user.CompanyId, user.Actor, now, after: endpoint.Url));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok();
        });
        return result.Succeeded ? Result<string>.Ok(secret) : Result<string>.From(result);
    }
}
