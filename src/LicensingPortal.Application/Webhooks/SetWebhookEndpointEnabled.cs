using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Webhooks;

/// <summary>Disable (nothing is sent; waiting deliveries wait) or enable again (they go out on the next run).</summary>
public sealed class SetWebhookEndpointEnabled(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid endpointId, bool enabled, CancellationToken cancellationToken = default)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.CompanyId == user.CompanyId, cancellationToken);
        if (endpoint is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            if (enabled)
            {
                endpoint.Enable();
            }
            else
            {
                endpoint.Disable(null);
            }

            var action = enabled ? "WebhookEndpointEnabled" : "WebhookEndpointDisabledByUser";
            db.AuditEntries.Add(AuditEntry.Record(action, nameof(WebhookEndpoint), endpoint.Id.ToString(), user.CompanyId, user.Actor, clock.GetUtcNow(), after: endpoint.Url));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok(enabled ? $"The endpoint {endpoint.Url} is enabled: waiting deliveries go out on the next run." : $"The endpoint {endpoint.Url} is disabled: nothing is sent to it.");
        });
    }
}
