using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LicensingPortal.Application.Partners;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Licenses;

namespace LicensingPortal.Web.Models.Partners;

/// <summary>The company details shared by Create partner and the Profile tab (R16).</summary>
public class PartnerProfileInput
{
    public string? Name { get; set; }

    [Display(Name = "Contact name")]
    public string? ContactName { get; set; }

    [Display(Name = "Contact email")]
    public string? ContactEmail { get; set; }

    public string? Phone { get; set; }

    public string? Address { get; set; }

    public string? Country { get; set; }

    [Display(Name = "Data center")]
    public string? DataCenter { get; set; }

    public int Version { get; set; }

    public CompanyProfile ToProfile() =>
        new(Name ?? string.Empty, ContactName, ContactEmail ?? string.Empty, Phone, Address, Country ?? string.Empty, DataCenter ?? string.Empty);

    public static PartnerProfileInput From(PartnerPageView p) => new()
    {
        Name = p.Name,
        ContactName = p.ContactName,
        ContactEmail = p.ContactEmail,
        Phone = p.Phone,
        Address = p.Address,
        Country = p.Country,
        DataCenter = p.DataCenter,
        Version = p.Version,
    };
}

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

public sealed class AssignLicensesInput
{
    public Guid? PoolId { get; set; }

    public int? PoolVersion { get; set; }

    public Guid? ServiceLevelId { get; set; }

    public LicenseType LicenseType { get; set; }

    public int? Units { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }
}

public sealed class AddAccountInput
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Password { get; set; }

    public List<string> Roles { get; set; } = [];
}

public sealed class CancelPartnerInput
{
    public string? ConfirmName { get; set; }

    public int Version { get; set; }
}

/// <summary>Validation shared by the create form and the Profile tab (R18): the field messages before the domain sees the input.</summary>
public class PartnerProfileInputValidator<T> : AbstractValidator<T>
    where T : PartnerProfileInput
{
    public PartnerProfileInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name is required.").MaximumLength(Company.NameMaxLength);
        RuleFor(x => x.ContactName).MaximumLength(150);
        RuleFor(x => x.ContactEmail).NotEmpty().WithMessage("Contact email is required.")
            .EmailAddress().WithMessage("Contact email is not a valid email address.").MaximumLength(254);
        RuleFor(x => x.Phone).MaximumLength(40);
        RuleFor(x => x.Address).MaximumLength(300);
        RuleFor(x => x.Country).NotEmpty().WithMessage("Country is required.")
            .Matches("^[A-Za-z]{2}$").WithMessage("Country is a two-letter code, e.g. US or DE.");
        RuleFor(x => x.DataCenter).NotEmpty().WithMessage("Data center is required.")
            .Must(DataCenters.IsKnown).WithMessage($"Data center must be one of {string.Join(", ", DataCenters.All)}.");
    }
}

public sealed class PartnerProfileValidator : PartnerProfileInputValidator<PartnerProfileInput>;

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

public sealed class AssignLicensesInputValidator : AbstractValidator<AssignLicensesInput>
{
    public AssignLicensesInputValidator()
    {
        RuleFor(x => x.Units).NotNull().WithMessage("Units is required.")
            .GreaterThan(0).WithMessage("Units must be at least 1.")
            .LessThanOrEqualTo(LicensePool.MaxUnits).WithMessage($"Units must be at most {LicensePool.MaxUnits:N0}.");
        RuleFor(x => x.ServiceLevelId).NotNull().WithMessage("Choose a product and service level.").When(x => x.PoolId is null);
        RuleFor(x => x.LicenseType).IsInEnum();
        RuleFor(x => x.EndsOn).GreaterThan(x => x.StartsOn).WithMessage("The end date must be after the start date.")
            .When(x => x.StartsOn is not null && x.EndsOn is not null);
    }
}

public sealed class AddAccountInputValidator : AbstractValidator<AddAccountInput>
{
    public AddAccountInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name is required.").MaximumLength(150);
        RuleFor(x => x.Email).NotEmpty().WithMessage("Email is required.").EmailAddress().WithMessage("Email is not a valid email address.");
        RuleFor(x => x.Password).MinimumLength(12).WithMessage("The initial password needs at least 12 characters (or leave it empty to get a set-password link).")
            .When(x => !string.IsNullOrEmpty(x.Password));
        RuleFor(x => x.Roles).NotEmpty().WithMessage("Choose at least one role.");
        RuleForEach(x => x.Roles).Must(r => Roles.All.Contains(r)).WithMessage("{PropertyValue} is not one of the built-in roles.");
    }
}
