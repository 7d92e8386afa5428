using FluentValidation;
using FluentValidation.AspNetCore;
using LicensingPortal.Application.Account;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.SingleSignOn;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Web.Models;
using LicensingPortal.Web.Security;
using LicensingPortal.Web.Security.SingleSignOn;
using Microsoft.AspNetCore.Authentication;
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
    public IActionResult SignIn(string? returnUrl, [FromQuery(Name = SignInPolicyEnforcement.SignedOutParameter)] string? signedOut, string? sso = null)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }

        if (sso is not null)
        {
            // R26: back from a company's identity provider whose answer the handler refused (it audited why).
            ModelState.AddModelError(string.Empty, SsoMessages.Failed);
        }

        // R26: the session ended by the sign-in policy (idle timeout, session lifetime) says so.
        ViewData["SignedOutMessage"] = SignInPolicyEnforcement.SignedOutMessage(signedOut);
        return View(new SignInInput { ReturnUrl = returnUrl });
    }

    [AllowAnonymous]
    [HttpPost("sign-in")]
    public async Task<IActionResult> SignIn([FromServices] RecordSignIn record, [FromServices] ICompanySso sso, SignInInput input, CancellationToken cancellationToken)
    {
        // R26, home-realm discovery: an email of a domain with its company's identity provider goes there, when the user
        // asks for single sign-on or gives no password. A password typed for it is never checked here.
        if ((input.SingleSignOn || string.IsNullOrEmpty(input.Password)) && await SsoValidator.ValidateAsync(input, cancellationToken) is { IsValid: true })
        {
            if (await sso.FindForEmailAsync(input.Email, cancellationToken) is { } realm)
            {
                var start = $"{SsoAuthentication.StartPath}/{realm.CompanyId}?email={Uri.EscapeDataString(input.Email!.Trim())}&returnUrl={Uri.EscapeDataString(SafeReturnUrl(input.ReturnUrl))}";
                return View("SingleSignOn", new SingleSignOnRedirect(realm.CompanyName, start));
            }

            if (input.SingleSignOn)
            {
                ModelState.AddModelError(nameof(input.Email), SsoMessages.NotSetUp);
                return View(input);
            }
        }

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

    /// <summary>
    /// R26: the challenge to a company's identity provider (code flow with PKCE; state and nonce kept in cookies). The
    /// company's options were loaded before authentication ran (<see cref="SsoAuthentication.UseSingleSignOnRequests"/>).
    /// </summary>
    [AllowAnonymous]
    [HttpGet("sso/{companyId:guid}")]
    public IActionResult StartSingleSignOn(Guid companyId, string? email, string? returnUrl)
    {
        if (!HttpContext.Items.ContainsKey(SsoAuthentication.ConnectionKey))
        {
            // No such company, or no single sign-on turned on for it: nothing to start (R1, as any other company id).
            return NotFound();
        }

        var properties = new AuthenticationProperties { RedirectUri = Url.Action(nameof(CompleteSingleSignOn), new { returnUrl = SafeReturnUrl(returnUrl) }) };
        properties.Items[SsoAuthentication.CompanyItem] = companyId.ToString();
        if (!string.IsNullOrWhiteSpace(email) && email.Length <= 254)
        {
            properties.Items[SsoAuthentication.EmailItem] = email.Trim();
        }

        return Challenge(properties, SsoAuthentication.Scheme);
    }

    /// <summary>R26: where the handler sends the user once the provider's token is validated: the portal's own checks, then its cookie.</summary>
    [AllowAnonymous]
    [HttpGet("sso/complete")]
    public async Task<IActionResult> CompleteSingleSignOn([FromServices] SsoSignIn sso, string? returnUrl, CancellationToken cancellationToken)
    {
        if (await sso.CompleteAsync(HttpContext, cancellationToken) is { } refusal)
        {
            ModelState.AddModelError(string.Empty, refusal);
            return View(nameof(SignIn), new SignInInput { ReturnUrl = returnUrl });
        }

        return LocalRedirect(SafeReturnUrl(returnUrl));
    }

    [RequirePermission(Permission.ManageOwnAccount)]
    [HttpPost("sign-out")]
    public new async Task<IActionResult> SignOut()
    {
        await signInManager.SignOutAsync();
        return RedirectToAction(nameof(SignIn));
    }

    private static readonly InlineValidator<SignInInput> SsoValidator = SignInInputValidator.EmailOnly();

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";

    private Task RecordAsync(RecordSignIn record, PortalUser? user, string email, SignInStep step, Microsoft.AspNetCore.Identity.SignInResult result, CancellationToken cancellationToken) =>
        record.HandleAsync(
            new AccountHolder(user?.Id, user?.CompanyId, user?.DisplayName ?? email), step, new SignInOutcome(result.Succeeded, result.RequiresTwoFactor, result.IsLockedOut),
            HttpContext.TraceIdentifier, cancellationToken);
}
