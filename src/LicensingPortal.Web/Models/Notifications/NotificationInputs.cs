using LicensingPortal.Application.Notifications;
using LicensingPortal.Domain.Notifications;

namespace LicensingPortal.Web.Models.Notifications;

public sealed class TemplateInput
{
    public string? Subject { get; set; }

    public string? Body { get; set; }

    public int Version { get; set; }
}

public sealed record TemplatePage(NotificationKind Kind, bool Customized, TemplateInput Input, RenderedMessage? Preview);

public sealed record SettingsPage(IReadOnlyList<NotificationSetting> Settings);
