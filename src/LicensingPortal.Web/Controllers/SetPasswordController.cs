using FluentValidation;
using FluentValidation.AspNetCore;
using LicensingPortal.Application.Account;
using LicensingPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>
/// The one-time set-password link given when an account is created without a password (R15). The token is
/// Identity's password-reset token: setting the password changes the security stamp, so the link works once.
/// </summary>
[AllowAnonymous]
[Route("account/set-password")]
public sealed class SetPasswordController(UserManager<PortalUser> users, IValidator<SetPasswordInput> validator) : Controller
{
    public const string InvalidLinkMessage = "This link is invalid or was already used. Ask your administrator for a new one.";

    [HttpGet("")]
    public IActionResult SetPassword(Guid userId, string? token) =>
        View(new SetPasswordInput { UserId = userId, Token = token });

    [HttpPost("")]
    public async Task<IActionResult> SetPassword([FromServices] RecordAccountChange record, SetPasswordInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState);
            return View(input);
        }

        var user = await users.FindByIdAsync(input.UserId.ToString());
        if (user is null || user.IsDisabled)
        {
            ModelState.AddModelError(string.Empty, InvalidLinkMessage);
            return View(input);
        }

        var result = await users.ResetPasswordAsync(user, input.Token!, input.Password!);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(error.Code == "InvalidToken" ? string.Empty : nameof(input.Password), error.Code == "InvalidToken" ? InvalidLinkMessage : error.Description);
            }

            return View(input);
        }

        await record.HandleAsync(new AccountHolder(user.Id, user.CompanyId, user.DisplayName), AccountChange.PasswordSet, requestId: null, cancellationToken);
        this.Flash("Your password is set. Sign in with it.");
        return Redirect("/account/sign-in");
    }
}

public sealed class SetPasswordInput
{
    public Guid UserId { get; set; }

    public string? Token { get; set; }

    [System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Password)]
    [System.ComponentModel.DataAnnotations.Display(Name = "New password")]
    public string? Password { get; set; }

    [System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Password)]
    [System.ComponentModel.DataAnnotations.Display(Name = "Repeat the password")]
    public string? ConfirmPassword { get; set; }
}

public sealed class SetPasswordInputValidator : AbstractValidator<SetPasswordInput>
{
    public SetPasswordInputValidator()
    {
        RuleFor(x => x.Token).NotEmpty().WithMessage(SetPasswordController.InvalidLinkMessage);
        RuleFor(x => x.Password).NotEmpty().WithMessage("Choose a password.").MinimumLength(12).WithMessage("The password needs at least 12 characters.");
        RuleFor(x => x.ConfirmPassword).Equal(x => x.Password).WithMessage("The two passwords differ.");
    }
}
