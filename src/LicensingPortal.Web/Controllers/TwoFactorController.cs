using System.Text;
using System.Text.Encodings.Web;
using FluentValidation;
using FluentValidation.AspNetCore;
using LicensingPortal.Application.Account;
using LicensingPortal.Application.Security;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Web.Models;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using QRCoder;

namespace LicensingPortal.Web.Controllers;

/// <summary>TOTP two-factor for the signed-in user: set up with a QR code, recovery codes shown once, disable.</summary>
[RequirePermission(Permission.ManageOwnAccount)]
[Route("account/two-factor")]
public sealed class TwoFactorController(
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signIn,
    IValidator<TwoFactorCodeInput> validator) : Controller
{
    private const string Issuer = "Licensing Portal";

    [HttpGet("")]
    public async Task<IActionResult> Index()
    {
        var user = await CurrentUserAsync();
        return View(await BuildViewAsync(user, new TwoFactorCodeInput()));
    }

    [HttpPost("enable")]
    public async Task<IActionResult> Enable([FromServices] RecordAccountChange record, TwoFactorCodeInput input, CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            validation.AddToModelState(ModelState, nameof(TwoFactorSetupView.Input));
            return View(nameof(Index), await BuildViewAsync(user, input));
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, input.Normalized))
        {
            ModelState.AddModelError("Input.Code", "That code is not valid. Check the time on your phone and enter the current code.");
            return View(nameof(Index), await BuildViewAsync(user, input));
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        await RecordAsync(record, user, AccountChange.TwoFactorEnabled, cancellationToken);
        await signIn.RefreshSignInAsync(user);
        this.Flash("Two-factor sign-in is on. Keep the recovery codes below somewhere safe: they are shown only now.");
        return View(nameof(Index), await BuildViewAsync(user, new TwoFactorCodeInput(), codes));
    }

    [HttpPost("recovery-codes")]
    public async Task<IActionResult> RegenerateRecoveryCodes([FromServices] RecordAccountChange record, CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        if (!user.TwoFactorEnabled)
        {
            return RedirectToAction(nameof(Index));
        }

        var codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 10))!.ToList();
        await signIn.RefreshSignInAsync(user);
        await RecordAsync(record, user, AccountChange.RecoveryCodesRegenerated, cancellationToken);
        this.Flash("New recovery codes made; the old ones no longer work.");
        return View(nameof(Index), await BuildViewAsync(user, new TwoFactorCodeInput(), codes));
    }

    [HttpPost("disable")]
    public async Task<IActionResult> Disable([FromServices] RecordAccountChange record, CancellationToken cancellationToken)
    {
        var user = await CurrentUserAsync();
        if (await TwoFactorPolicy.IsRequiredForAsync(HttpContext))
        {
            this.Flash("Your company's sign-in policy requires two-factor sign-in for you, so it cannot be turned off.", "warning");
            return RedirectToAction(nameof(Index));
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await RecordAsync(record, user, AccountChange.TwoFactorDisabled, cancellationToken);
        await signIn.RefreshSignInAsync(user);
        this.Flash("Two-factor sign-in is off.");
        return RedirectToAction(nameof(Index));
    }

    private async Task<PortalUser> CurrentUserAsync() =>
        await users.GetUserAsync(User) ?? throw new InvalidOperationException("The signed-in user no longer exists.");

    private async Task<TwoFactorSetupView> BuildViewAsync(PortalUser user, TwoFactorCodeInput input, IReadOnlyList<string>? newCodes = null)
    {
        string? key = null;
        IHtmlContent? qr = null;
        if (!user.TwoFactorEnabled)
        {
            key = await users.GetAuthenticatorKeyAsync(user);
            if (string.IsNullOrEmpty(key))
            {
                await users.ResetAuthenticatorKeyAsync(user);
                key = await users.GetAuthenticatorKeyAsync(user);

                // A new key changes the security stamp: the session carries the new one (SessionCheck).
                await signIn.RefreshSignInAsync(user);
            }

            var uri = $"otpauth://totp/{UrlEncoder.Default.Encode(Issuer)}:{UrlEncoder.Default.Encode(user.Email!)}?secret={key}&issuer={UrlEncoder.Default.Encode(Issuer)}&digits=6";
            using var data = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.Q);
            qr = new HtmlString(new SvgQRCode(data).GetGraphic(4));
        }

        return new TwoFactorSetupView
        {
            Enabled = user.TwoFactorEnabled,
            Required = await TwoFactorPolicy.IsRequiredForAsync(HttpContext),
            SharedKey = key is null ? null : Groups(key),
            QrCodeSvg = qr,
            RecoveryCodesLeft = user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0,
            NewRecoveryCodes = newCodes,
            Input = input,
        };
    }

    private static string Groups(string key)
    {
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return result.ToString().TrimEnd().ToLowerInvariant();
    }

    private Task RecordAsync(RecordAccountChange record, PortalUser user, AccountChange change, CancellationToken cancellationToken) =>
        record.HandleAsync(new AccountHolder(user.Id, user.CompanyId, user.DisplayName), change, HttpContext.TraceIdentifier, cancellationToken);
}
