using FluentValidation;
using FluentValidation.AspNetCore;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Persistence;
using LicensingPortal.Web.Models;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

[Route("account")]
public sealed class AccountController(
    SignInManager<PortalUser> signInManager,
    IValidator<SignInInput> validator,
    PortalDbContext db,
    TimeProvider clock) : Controller
{
    /// <summary>The one message for every failed sign-in: it never says whether the account exists.</summary>
    public const string FailedMessage = "The email or password is incorrect, or the account cannot sign in.";

    [AllowAnonymous]
    [HttpGet("sign-in")]
    public IActionResult SignIn(string? returnUrl)
    {
        if (User.Identity?.IsAuthenticated == true)
        {
            return LocalRedirect(SafeReturnUrl(returnUrl));
        }

        return View(new SignInInput { ReturnUrl = returnUrl });
    }

    [AllowAnonymous]
    [HttpPost("sign-in")]
    public async Task<IActionResult> SignIn(SignInInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState);
            return View(input);
        }

        var result = await signInManager.PasswordSignInAsync(input.Email!, input.Password!, input.RememberMe, lockoutOnFailure: true);
        var user = await signInManager.UserManager.FindByEmailAsync(input.Email!);
        var actor = new Actor(user?.Id, user?.DisplayName ?? input.Email!);
        db.AuditEntries.Add(AuditEntry.Record(
            result.Succeeded ? "SignIn" : result.IsLockedOut ? "SignInLockedOut" : "SignInFailed",
            "Account", user?.Id.ToString(), user?.CompanyId, actor, clock.GetUtcNow(), requestId: HttpContext.TraceIdentifier));
        await db.SaveChangesAsync(cancellationToken);

        if (result.Succeeded)
        {
            return LocalRedirect(SafeReturnUrl(input.ReturnUrl));
        }

        ModelState.AddModelError(string.Empty, result.IsLockedOut
            ? "Too many failed attempts: this account is locked for 15 minutes."
            : FailedMessage);
        input.Password = null;
        return View(input);
    }

    [HttpPost("sign-out")]
    public new async Task<IActionResult> SignOut()
    {
        await signInManager.SignOutAsync();
        return RedirectToAction(nameof(SignIn));
    }

    private string SafeReturnUrl(string? returnUrl) => Url.IsLocalUrl(returnUrl) ? returnUrl! : "/";
}
