using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Webhooks;

public sealed class GetWebhookEndpoint(IPortalDbContext db, ICurrentUser user)
{
    public async Task<(WebhookEndpointRow Row, int Version)?> HandleAsync(Guid endpointId, CancellationToken cancellationToken = default)
    {
        var row = await ListWebhookEndpoints.Rows(db, db.WebhookEndpoints.Where(e => e.Id == endpointId && e.CompanyId == user.CompanyId)).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var version = await db.WebhookEndpoints.Where(e => e.Id == endpointId).Select(e => e.Version).SingleAsync(cancellationToken);
        return (row, version);
    }
}
