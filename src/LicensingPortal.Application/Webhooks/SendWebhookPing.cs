using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Webhooks;

/// <summary>"Send a test event": a <c>ping</c> delivery for the endpoint, sent (signed) by the next run like any other and shown in its log.</summary>
public sealed class SendWebhookPing(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
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
            db.WebhookDeliveries.Add(WebhookDelivery.Ping(endpoint, clock.GetUtcNow()));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok(endpoint.Enabled
                ? $"A test event for {endpoint.Url} is in the log; it is sent on the next run (within a minute)."
                : $"A test event for {endpoint.Url} is in the log; it waits until the endpoint is enabled.");
        });
    }
}
