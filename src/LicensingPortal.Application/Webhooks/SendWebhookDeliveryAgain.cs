using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Webhooks;

/// <summary>"Send again": a failed or delivered delivery goes back to the outbox, due now.</summary>
public sealed class SendWebhookDeliveryAgain(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(Guid endpointId, Guid deliveryId, CancellationToken cancellationToken = default)
    {
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == deliveryId && d.EndpointId == endpointId && d.CompanyId == user.CompanyId, cancellationToken);
        if (delivery is null)
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            delivery.SendAgain(clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"The {delivery.EventType.Name()} delivery will be sent again on the next run.");
        });
    }
}
