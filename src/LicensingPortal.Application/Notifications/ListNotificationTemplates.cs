using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

public sealed record TemplateRow(NotificationKind Kind, string Subject, bool Customized);

public sealed class ListNotificationTemplates(IPortalDbContext db, ICurrentUser user)
{
    public async Task<IReadOnlyList<TemplateRow>> HandleAsync(CancellationToken cancellationToken = default)
    {
        var saved = await db.NotificationTemplates.AsNoTracking().Where(t => t.ProviderId == user.CompanyId)
            .ToDictionaryAsync(t => t.Kind, t => t.Subject, cancellationToken);
        return NotificationKinds.All
            .Select(k => new TemplateRow(k, saved.TryGetValue(k, out var subject) ? subject : NotificationTemplate.Defaults(k).Subject, saved.ContainsKey(k)))
            .ToList();
    }
}
