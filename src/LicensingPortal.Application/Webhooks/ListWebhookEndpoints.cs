using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Webhooks;

public sealed record WebhookEndpointRow(
    Guid Id, string Url, string? Description, WebhookEvents Events, bool Enabled, string? DisabledReason, DateTimeOffset? FailingSince,
    DateTimeOffset CreatedAt, string CreatedBy, int Pending, int Failed);

/// <summary>The company's endpoints (R1: only its own), oldest first, with how many deliveries wait or failed.</summary>
public sealed class ListWebhookEndpoints(IPortalDbContext db, ICurrentUser user)
{
    public async Task<IReadOnlyList<WebhookEndpointRow>> HandleAsync(CancellationToken cancellationToken = default) =>
        (await Rows(db, db.WebhookEndpoints.Where(e => e.CompanyId == user.CompanyId)).ToListAsync(cancellationToken))
        .OrderBy(e => e.CreatedAt).ToList();

    internal static IQueryable<WebhookEndpointRow> Rows(IPortalDbContext db, IQueryable<WebhookEndpoint> endpoints) =>
        endpoints.AsNoTracking().Select(e => new WebhookEndpointRow(
            e.Id, e.Url, e.Description, e.Events, e.Enabled, e.DisabledReason, e.FailingSince, e.CreatedAt, e.CreatedBy,
            db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && (d.State == WebhookDeliveryState.Pending || d.State == WebhookDeliveryState.Sending)),
            db.WebhookDeliveries.Count(d => d.EndpointId == e.Id && d.State == WebhookDeliveryState.Failed)));
}
