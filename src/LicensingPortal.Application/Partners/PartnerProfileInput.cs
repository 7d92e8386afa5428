using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Partners;

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
