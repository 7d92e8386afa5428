using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LicensingPortal.Application.Notifications;
using LicensingPortal.Domain.Notifications;

namespace LicensingPortal.Web.Models.Notifications;

public sealed class TemplateInput
{
    public string? Subject { get; set; }

    [DataType(DataType.MultilineText)]
    public string? Body { get; set; }

    public int Version { get; set; }
}

public sealed record TemplatePage(NotificationKind Kind, bool Customized, TemplateInput Input, RenderedMessage? Preview);

/// <summary>The user's kinds, and for a partner's administrators and license managers the company's pool warning.</summary>
public sealed record SettingsPage(IReadOnlyList<NotificationSetting> Settings, PoolWarningInput? PoolWarning);

/// <summary>Notifications › Settings › License pools (R20).</summary>
public sealed class PoolWarningInput
{
    [Display(Name = "Warn when a license pool runs low")]
    public bool Warn { get; set; }

    [Display(Name = "Free units below (%)")]
    public int? Percent { get; set; }

    public int Version { get; set; }

    public static PoolWarningInput From(PoolWarningView view) =>
        new() { Warn = view.Percent is not null, Percent = view.Percent ?? Domain.Partners.Company.DefaultPoolWarningPercent, Version = view.Version };
}

public sealed class PoolWarningInputValidator : AbstractValidator<PoolWarningInput>
{
    public PoolWarningInputValidator()
    {
        RuleFor(i => i.Percent).NotNull().WithMessage("Enter the percentage of free units below which you are warned.")
            .InclusiveBetween(1, 99).WithMessage("The percentage must be between 1 and 99.")
            .When(i => i.Warn);
    }
}
