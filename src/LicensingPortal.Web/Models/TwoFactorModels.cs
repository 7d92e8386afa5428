using System.ComponentModel.DataAnnotations;
using FluentValidation;
using Microsoft.AspNetCore.Html;

namespace LicensingPortal.Web.Models;

public sealed class TwoFactorSetupView
{
    public bool Enabled { get; init; }

    public bool Required { get; init; }

    public string? SharedKey { get; init; }

    public IHtmlContent? QrCodeSvg { get; init; }

    public int RecoveryCodesLeft { get; init; }

    public IReadOnlyList<string>? NewRecoveryCodes { get; init; }

    public TwoFactorCodeInput Input { get; init; } = new();
}

public sealed class TwoFactorCodeInput
{
    [Display(Name = "Code from your authenticator app")]
    public string? Code { get; set; }

    [Display(Name = "Remember me on this device")]
    public bool RememberMe { get; set; }

    public string? ReturnUrl { get; set; }

    public string Normalized => (Code ?? string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
}

public sealed class TwoFactorCodeInputValidator : AbstractValidator<TwoFactorCodeInput>
{
    public TwoFactorCodeInputValidator()
    {
        RuleFor(x => x.Code).NotEmpty().WithMessage("Enter the 6-digit code.")
            .Must(c => c is null || c.Replace(" ", string.Empty, StringComparison.Ordinal).Length is 6 && c.Replace(" ", string.Empty, StringComparison.Ordinal).All(char.IsDigit))
            .WithMessage("The code is the 6 digits your authenticator app shows.");
    }
}

public sealed class RecoveryCodeInput
{
    [Display(Name = "Recovery code")]
    public string? RecoveryCode { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed class RecoveryCodeInputValidator : AbstractValidator<RecoveryCodeInput>
{
    public RecoveryCodeInputValidator()
    {
        RuleFor(x => x.RecoveryCode).NotEmpty().WithMessage("Enter one of your recovery codes.").MaximumLength(40);
    }
}
