using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Webhooks;

/// <summary>Deletes an endpoint and its delivery log.</summary>
public sealed class DeleteWebhookEndpoint(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid endpointId, CancellationToken cancellationToken = default)
    {
        var endpoint = await db.WebhookEndpoints.SingleOrDefaultAsync(e => e.Id == endpointId && e.CompanyId == user.CompanyId, cancellationToken);
        if (endpoint is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            db.WebhookEndpoints.Remove(endpoint);
            db.AuditEntries.Add(AuditEntry.Record("WebhookEndpointDeleted", nameof(WebhookEndpoint), endpoint.Id.ToString(), user.CompanyId, user.Actor, clock.GetUtcNow(), before: CreateWebhookEndpoint.Describe(endpoint)));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"The endpoint {endpoint.Url} was deleted.");
        });
    }
}
