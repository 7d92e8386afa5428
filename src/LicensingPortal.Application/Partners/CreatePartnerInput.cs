using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Partners;

public sealed class CreatePartnerInput : PartnerProfileInput
{
    public CompanyType? Type { get; set; }

    [Display(Name = "Administrator name")]
    public string? AdminName { get; set; }

    [Display(Name = "Administrator email")]
    public string? AdminEmail { get; set; }

    [Display(Name = "Initial password")]
    public string? AdminPassword { get; set; }
}

public sealed class CreatePartnerInputValidator : PartnerProfileInputValidator<CreatePartnerInput>
{
    public CreatePartnerInputValidator()
    {
        RuleFor(x => x.Type).NotNull().WithMessage("Choose MSP or Reseller.")
            .Must(t => t is CompanyType.Msp or CompanyType.Reseller).WithMessage("Choose MSP or Reseller.");
        RuleFor(x => x.AdminName).NotEmpty().WithMessage("Administrator name is required.").MaximumLength(150);
        RuleFor(x => x.AdminEmail).NotEmpty().WithMessage("Administrator email is required.")
            .EmailAddress().WithMessage("Administrator email is not a valid email address.");
        RuleFor(x => x.AdminPassword).MinimumLength(12).WithMessage("The initial password needs at least 12 characters (or leave it empty to get a set-password link).")
            .When(x => !string.IsNullOrEmpty(x.AdminPassword));
    }
}
