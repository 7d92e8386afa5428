using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Notifications;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Notifications;

public sealed record TemplateRow(NotificationKind Kind, string Subject, bool Customized);

public sealed record TemplateView(NotificationKind Kind, string Subject, string Body, bool Customized, int Version);

/// <summary>
/// R20: the provider's email wording per kind (its partners' emails use it too), with sample values for
/// the preview. Values a real email carries come from the event; the sample shows a hostile one encoded.
/// </summary>
public static class TemplateSamples
{
    public static readonly IReadOnlyDictionary<string, string> Values = new Dictionary<string, string>
    {
        ["customer"] = "Cedar Law Group <script>alert(1)</script>",
        ["plan"] = "WFBSS Advanced – 12 months",
        ["product"] = "Worry-Free Business Security Services",
        ["date"] = "2026-12-31",
        ["days"] = "14",
        ["link"] = "https://portal.example/customers/…/licenses/…",
        ["partner"] = "Contoso Managed Services",
        ["company"] = "Contoso Managed Services",
        ["recipient"] = "Alex Admin",
        ["units"] = "12",
        ["total"] = "200",
        ["percent"] = "10",
        ["endpoint"] = "https://hooks.example.com/licensing",
    };
}

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

/// <summary>Renders what an email of this template would look like, without saving; an invalid template is refused the same way a save is.</summary>
public static class PreviewNotificationTemplate
{
    public static Result<RenderedMessage> Render(string? subject, string? body)
    {
        try
        {
            var (checkedSubject, checkedBody) = NotificationTemplate.Validate(subject, body);
            return Result<RenderedMessage>.Ok(NotificationTemplate.Render(checkedSubject, checkedBody, TemplateSamples.Values));
        }
        catch (Domain.Common.DomainRuleViolation violation)
        {
            return Result<RenderedMessage>.From(Result.Refused(violation));
        }
    }
}

public sealed class SaveNotificationTemplate(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public async Task<Result> HandleAsync(NotificationKind kind, string? subject, string? body, int version, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(kind))
        {
            return Result.NotFound();
        }

        return await UseCase.RunAsync(async () =>
        {
            var now = clock.GetUtcNow();
            var saved = await db.NotificationTemplates.SingleOrDefaultAsync(t => t.ProviderId == user.CompanyId && t.Kind == kind, cancellationToken);
            if (saved is null && version != 0)
            {
                // The form was loaded from a saved template that has since been reset to the default (R19).
                return Result.Conflict();
            }

            if (saved is null)
            {
                db.NotificationTemplates.Add(NotificationTemplate.Create(user.CompanyId, kind, subject, body, now));
            }
            else
            {
                db.ExpectVersion(saved, version);
                saved.Update(subject, body, now);
            }

            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"The \"{kind.Display()}\" email template is saved.");
        });
    }
}

/// <summary>Back to the safe default wording.</summary>
public sealed class ResetNotificationTemplate(IPortalDbContext db, ICurrentUser user)
{
    public async Task<Result> HandleAsync(NotificationKind kind, CancellationToken cancellationToken = default)
    {
        var saved = await db.NotificationTemplates.SingleOrDefaultAsync(t => t.ProviderId == user.CompanyId && t.Kind == kind, cancellationToken);
        if (saved is not null)
        {
            db.NotificationTemplates.Remove(saved);
            await db.SaveChangesAsync(cancellationToken);
        }

        return Result.Ok($"The \"{kind.Display()}\" email uses the default wording again.");
    }
}
