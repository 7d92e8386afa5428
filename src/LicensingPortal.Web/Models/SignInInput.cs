using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace LicensingPortal.Web.Models;

public sealed class SignInInput
{
    [Display(Name = "Email")]
    public string? Email { get; set; }

    [Display(Name = "Password")]
    [DataType(DataType.Password)]
    public string? Password { get; set; }

    [Display(Name = "Keep me signed in on this device")]
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }

    /// <summary>R26: the "Continue with single sign-on" button: the company's identity provider, no password.</summary>
    public bool SingleSignOn { get; set; }
}

/// <summary>R26: the page between the sign-in form and the company's identity provider (a form may only post to the portal itself).</summary>
public sealed record SingleSignOnRedirect(string CompanyName, string StartUrl);

public sealed class SignInInputValidator : AbstractValidator<SignInInput>
{
    public SignInInputValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your email address.").MaximumLength(254).EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password.").MaximumLength(1000);
    }

    /// <summary>R26: the email alone, for home-realm discovery.</summary>
    public static InlineValidator<SignInInput> EmailOnly()
    {
        var validator = new InlineValidator<SignInInput>();
        validator.RuleFor(x => x.Email).NotEmpty().MaximumLength(254).EmailAddress();
        return validator;
    }
}
