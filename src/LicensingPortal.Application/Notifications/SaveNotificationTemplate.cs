using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

public sealed class SaveNotificationTemplate(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(NotificationKind kind, TemplateInput input, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(kind))
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var saved = await db.NotificationTemplates.SingleOrDefaultAsync(t => t.ProviderId == user.CompanyId && t.Kind == kind, cancellationToken);
            if (saved is null && input.Version != 0)
            {
                // The form was loaded from a saved template that has since been reset to the default (R19).
                return Result.Conflict();
            }

            if (saved is null)
            {
                db.NotificationTemplates.Add(NotificationTemplate.Create(user.CompanyId, kind, input.Subject, input.Body, now));
            }
            else
            {
                db.ExpectVersion(saved, input.Version);
                saved.Update(input.Subject, input.Body, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"The \"{kind.Display()}\" email template is saved.");
        });
    }
}
