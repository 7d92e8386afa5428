using LicensingPortal.Application.Notifications;
using LicensingPortal.Domain.Notifications;

namespace LicensingPortal.Web.Models.Notifications;

public sealed record TemplatePage(NotificationKind Kind, bool Customized, TemplateInput Input, RenderedMessage? Preview);

/// <summary>The user's kinds, and for a partner's administrators and license managers the company's pool warning.</summary>
public sealed record SettingsPage(IReadOnlyList<NotificationSetting> Settings, PoolWarningInput? PoolWarning);
