using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

public sealed record TemplateView(NotificationKind Kind, string Subject, string Body, bool Customized, int Version);

public sealed class GetNotificationTemplate(IPortalDbContext db, ICurrentUser user)
{
    public async Task<TemplateView> HandleAsync(NotificationKind kind, CancellationToken cancellationToken = default)
    {
        var saved = await db.NotificationTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.ProviderId == user.CompanyId && t.Kind == kind, cancellationToken);
        if (saved is not null)
        {
            return new TemplateView(kind, saved.Subject, saved.Body, true, saved.Version);
        }

        var (subject, body) = NotificationTemplate.Defaults(kind);
        return new TemplateView(kind, subject, body, false, 0);
    }
}
