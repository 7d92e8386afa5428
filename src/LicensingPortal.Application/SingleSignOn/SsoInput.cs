using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace LicensingPortal.Application.SingleSignOn;

/// <summary>The Single sign-on page's form (R26). The secret is never shown: blank keeps the stored one.</summary>
public sealed class SsoInput
{
    [Display(Name = "Issuer URL")]
    public string? Issuer { get; set; }

    [Display(Name = "Client ID")]
    public string? ClientId { get; set; }

    [Display(Name = "Client secret")]
    [DataType(DataType.Password)]
    public string? ClientSecret { get; set; }

    [Display(Name = "Email domains")]
    public string? Domains { get; set; }

    [Display(Name = "Single sign-on is on")]
    public bool Enabled { get; set; } = true;

    [Display(Name = "Create an account on first sign-in")]
    public bool CreateAccounts { get; set; }

    [Display(Name = "Role of created accounts")]
    public string? DefaultRole { get; set; }

    [Display(Name = "Group mappings (optional)")]
    public string? GroupRoles { get; set; }

    /// <summary>The provider's version the form was loaded with (R19); 0 when the company had none.</summary>
    public int Version { get; set; }

    public const int ClientSecretMaxLength = 1000;

    public const string ClientSecretMissing = "Enter the client secret the identity provider gave the portal.";

    public static SsoInput From(SsoView view) => new()
    {
        Issuer = view.Issuer,
        ClientId = view.ClientId,
        Domains = view.Domains is { Count: > 0 } domains ? string.Join(", ", domains) : null,
        Enabled = view.Exists ? view.Enabled : true,
        CreateAccounts = view.CreateAccounts,
        DefaultRole = view.DefaultRole,
        GroupRoles = view.GroupRoles,
        Version = view.Version,
    };
}

/// <summary>What the form can leave out; the rules (issuer, domains, roles) are the domain's, the same for every caller.</summary>
public sealed class SsoInputValidator : AbstractValidator<SsoInput>
{
    public SsoInputValidator()
    {
        RuleFor(i => i.Issuer).NotEmpty().WithMessage("Enter the issuer URL of your identity provider.");
        RuleFor(i => i.ClientId).NotEmpty().WithMessage("Enter the client ID the identity provider gave the portal.");
        RuleFor(i => i.ClientSecret).MaximumLength(SsoInput.ClientSecretMaxLength).WithMessage($"The client secret must be at most {SsoInput.ClientSecretMaxLength} characters.");
        RuleFor(i => i.Domains).NotEmpty().WithMessage("Enter the email domains whose users sign in through this provider.");
        RuleFor(i => i.DefaultRole).NotEmpty().When(i => i.CreateAccounts).WithMessage("Choose the role of the accounts created on first sign-in.");
    }
}
