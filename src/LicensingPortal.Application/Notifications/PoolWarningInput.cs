using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace LicensingPortal.Application.Notifications;

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

/// <summary>Only what the form can leave out; the range (1-99) is the company's own rule (<c>Company.SetPoolWarning</c>), the same for the API.</summary>
public sealed class PoolWarningInputValidator : AbstractValidator<PoolWarningInput>
{
    public PoolWarningInputValidator()
    {
        RuleFor(i => i.Percent).NotNull().When(i => i.Warn).WithMessage("Enter the percentage of free units below which you are warned.");
    }
}
