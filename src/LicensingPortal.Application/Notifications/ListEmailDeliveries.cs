using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

public sealed record EmailDeliveryRow(Guid Id, NotificationKind Kind, string To, string Subject, OutboxEmailState State, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset DueAt, string? LastError);

public sealed record EmailDeliveryPage(IReadOnlyList<EmailDeliveryRow> Failed, IReadOnlyList<EmailDeliveryRow> Waiting, int SentLastDay);

/// <summary>
/// R20: what administrators need to see of the email outbox: every failed email (bad address, or given up
/// after repeated attempts) and those still waiting or being retried, for the companies they may see (R1).
/// </summary>
public sealed class ListEmailDeliveries(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const int Shown = 200;

    public async Task<EmailDeliveryPage> HandleAsync(CancellationToken cancellationToken = default)
    {
        var companies = db.VisibleCompanyIds(user);
        var emails = db.OutboxEmails.AsNoTracking().Where(e => companies.Contains(e.CompanyId));
        var open = await emails.Where(e => e.State != OutboxEmailState.Sent)
            .OrderByDescending(e => e.CreatedAt).Take(Shown)
            .Select(e => new EmailDeliveryRow(e.Id, e.Kind, e.To, e.Subject, e.State, e.Attempts, e.CreatedAt, e.DueAt, e.LastError))
            .ToListAsync(cancellationToken);
        var since = clock.GetUtcNow().AddDays(-1);
        var sent = await emails.CountAsync(e => e.State == OutboxEmailState.Sent && e.SentAt >= since, cancellationToken);
        return new EmailDeliveryPage(
            open.Where(e => e.State == OutboxEmailState.Failed).ToList(),
            open.Where(e => e.State != OutboxEmailState.Failed).ToList(),
            sent);
    }
}
