using FluentValidation;
using FluentValidation.AspNetCore;
using LicensingPortal.Application.Account;
using LicensingPortal.Application.Security;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Web.Models;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

[Route("account")]
public sealed class AccountController(
    SignInManager<PortalUser> signInManager,
    IValidator<SignInInput> validator,
    IValidator<TwoFactorCodeInput> codeValidator,
    IValidator<RecoveryCodeInput> recoveryValidator) : Controller
{
    /// <summary>The one message for every failed sign-in: it never says whether the account exists.</summary>
    /// <summary>
    /// One message for a wrong password, an unknown email, a disabled account and a locked one: which of them it
    /// was would tell a stranger that the account exists (ASVS 6.3.8). The lockout rule is stated for everyone.
    /// </summary>
    public const string FailedMessage = "The email or password is incorrect, or the account cannot sign in. After 5 failed attempts an account is locked for 15 minutes.";

    /// <summary>R26: a right password of a user whose company requires single sign-on (other than its break-glass administrator).</summary>
    public const string SingleSignOnRequiredMessage = "Your company signs you in through its single sign-on: enter your work email and continue with your company's sign-in instead of a password.";

    [AllowAnonymous]
    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl, [FromQuery(Name = SignInPolicyEnforcement.SignedOutParameter)] string? signedOut)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }

        // R26: the session ended by the sign-in policy (idle timeout, session lifetime) says so.
        ViewData["SignedOutMessage"] = SignInPolicyEnforcement.SignedOutMessage(signedOut);
        return View(new SignInInput { ReturnUrl = returnUrl });
    }

    [AllowAnonymous]
    [HttpPost("sign-in")]
    public async Task<IActionResult> SignIn([FromServices] RecordSignIn record, SignInInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState);
            return View(input);
        }

        var result = await signInManager.PasswordSignInAsync(input.Email!, input.Password!, input.RememberMe, lockoutOnFailure: true);
        var user = await signInManager.UserManager.FindByEmailAsync(input.Email!);
        await RecordAsync(record, user, input.Email!, SignInStep.Password, result, cancellationToken);

        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(input.ReturnUrl));
        }

        if (result.RequiresTwoFactor)
        {
            return RedirectToAction(nameof(TwoFactor), new { returnUrl = input.ReturnUrl, rememberMe = input.RememberMe });
        }

        // R26: said only to whoever typed the right password.
        ModelState.AddModelError(string.Empty, result is LicensingPortal.Infrastructure.Security.SingleSignOnRequired ? SingleSignOnRequiredMessage : FailedMessage);
        input.Password = null;
        return View(input);
    }

    [AllowAnonymous]
    [HttpGet("sign-in/two-factor")]
    public async Task<IActionResult> TwoFactor(string? returnUrl, bool rememberMe)
    {
        if (await signInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            return RedirectToAction(nameof(SignIn));
        }

        return View(new TwoFactorCodeInput { ReturnUrl = returnUrl, RememberMe = rememberMe });
    }

    [AllowAnonymous]
    [HttpPost("sign-in/two-factor")]
    public async Task<IActionResult> TwoFactor([FromServices] RecordSignIn record, TwoFactorCodeInput input, CancellationToken cancellationToken)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(SignIn));
        }

        var validation = await codeValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState);
            return View(input);
        }

        var result = await signInManager.TwoFactorAuthenticatorSignInAsync(input.Normalized, input.RememberMe, rememberClient: false);
        await RecordAsync(record, user, user.Email!, SignInStep.TwoFactorCode, result, cancellationToken);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(input.ReturnUrl));
        }

        ModelState.AddModelError(nameof(input.Code), result.IsLockedOut ? "Too many failed attempts: this account is locked for 15 minutes." : "That code is not valid. Enter the current code from your authenticator app.");
        input.Code = null;
        return View(input);
    }

    [AllowAnonymous]
    [HttpGet("sign-in/recovery-code")]
    public async Task<IActionResult> RecoveryCode(string? returnUrl) =>
        await signInManager.GetTwoFactorAuthenticationUserAsync() is null
            ? RedirectToAction(nameof(SignIn))
            : View(new RecoveryCodeInput { ReturnUrl = returnUrl });

    [AllowAnonymous]
    [HttpPost("sign-in/recovery-code")]
    public async Task<IActionResult> RecoveryCode([FromServices] RecordSignIn record, RecoveryCodeInput input, CancellationToken cancellationToken)
    {
        var user = await signInManager.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
        {
            return RedirectToAction(nameof(SignIn));
        }

        var validation = await recoveryValidator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState);
            return View(input);
        }

        var result = await signInManager.TwoFactorRecoveryCodeSignInAsync(input.RecoveryCode!.Replace(" ", string.Empty, StringComparison.Ordinal));
        await RecordAsync(record, user, user.Email!, SignInStep.RecoveryCode, result, cancellationToken);
        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(input.ReturnUrl));
        }

        ModelState.AddModelError(nameof(input.RecoveryCode), result.IsLockedOut ? "Too many failed attempts: this account is locked for 15 minutes." : "That recovery code is not valid or was already used.");
        return View(input);
    }

    [RequirePermission(Permission.ManageOwnAccount)]
    [HttpPost("sign-out")]
    public new async Task<IActionResult> SignOut()
    {
        await signInManager.SignOutAsync();
        return RedirectToAction(nameof(SignIn));
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";

    private Task RecordAsync(RecordSignIn record, PortalUser? user, string email, SignInStep step, Microsoft.AspNetCore.Identity.SignInResult result, CancellationToken cancellationToken) =>
        record.HandleAsync(
            new AccountHolder(user?.Id, user?.CompanyId, user?.DisplayName ?? email), step, new SignInOutcome(result.Succeeded, result.RequiresTwoFactor, result.IsLockedOut),
            HttpContext.TraceIdentifier, cancellationToken);
}
