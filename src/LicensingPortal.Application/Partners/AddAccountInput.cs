using FluentValidation;
using LicensingPortal.Application.Security;

namespace LicensingPortal.Application.Partners;

public sealed class AddAccountInput
{
    public string? Name { get; set; }

    public string? Email { get; set; }

    public string? Password { get; set; }

    public List<string> Roles { get; set; } = [];
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
