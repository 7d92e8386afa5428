using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Webhooks;

public sealed record WebhookDeliveryRow(
    Guid Id, WebhookEvents EventType, DateTimeOffset OccurredAt, DateTimeOffset CreatedAt, WebhookDeliveryState State, int Attempts,
    DateTimeOffset? LastAttemptAt, DateTimeOffset DueAt, int? LastStatusCode, string? LastError);

public sealed record WebhookDeliveryPage(WebhookEndpointRow Endpoint, IReadOnlyList<WebhookDeliveryRow> Deliveries, int Page, int PageCount, int Total);

/// <summary>An endpoint's delivery log, newest first, a page at a time.</summary>
public sealed class ListWebhookDeliveries(IPortalDbContext db, ICurrentUser user)
{
    /// <summary>The default page size (the log shows this many; API callers may ask for up to <see cref="Paging.MaxPageSize"/>).</summary>
    public const int PageSize = 25;

    public async Task<WebhookDeliveryPage?> HandleAsync(Guid endpointId, int page, int pageSize = PageSize, CancellationToken cancellationToken = default)
    {
        var endpoint = await ListWebhookEndpoints.Rows(db, db.WebhookEndpoints.Where(e => e.Id == endpointId && e.CompanyId == user.CompanyId)).SingleOrDefaultAsync(cancellationToken);
        if (endpoint is null)
        {
            return null;
        }

        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.EndpointId == endpointId);
        var total = await deliveries.CountAsync(cancellationToken);
        var size = Paging.Size(pageSize);
        var pageCount = Math.Max(1, (total + size - 1) / size);
        page = Math.Clamp(page, 1, pageCount);
        var rows = await deliveries.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Id)
            .Skip((page - 1) * size).Take(size)
            .Select(d => new WebhookDeliveryRow(d.Id, d.EventType, d.OccurredAt, d.CreatedAt, d.State, d.Attempts, d.LastAttemptAt, d.DueAt, d.LastStatusCode, d.LastError))
            .ToListAsync(cancellationToken);
        return new WebhookDeliveryPage(endpoint, rows, page, pageCount, total);
    }
}
