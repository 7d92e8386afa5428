using LicensingPortal.Application.Common;
using LicensingPortal.Application.LicenseRequests;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

public sealed record LicenseRequestFormPage(LicenseRequestFormView View, LicenseRequestInput Input);

/// <summary>
/// R25, the customer's side of change requests: ask for a change on one of its licenses (one open request per license),
/// see its requests and their outcomes, and withdraw an open one. Another customer's license or request answers 404.
/// </summary>
[Route("my")]
public sealed class MyRequestsController(GetLicenseRequestForm form) : Controller
{
    [RequirePermission(Permission.ViewOwnLicenses)]
    [HttpGet("requests")]
    public async Task<IActionResult> Index([FromServices] ListLicenseRequests list, int page = 1, CancellationToken cancellationToken = default) =>
        View(await list.HandleAsync(new LicenseRequestFilter(Page: page), cancellationToken));

    [RequirePermission(Permission.RequestLicenseChanges)]
    [HttpGet("licenses/{licenseId:guid}/requests/new")]
    public async Task<IActionResult> New(Guid licenseId, CancellationToken cancellationToken) =>
        await form.HandleAsync(licenseId, cancellationToken) is { } view ? View(new LicenseRequestFormPage(view, new LicenseRequestInput())) : NotFound();

    [RequirePermission(Permission.RequestLicenseChanges)]
    [HttpPost("licenses/{licenseId:guid}/requests/new")]
    public async Task<IActionResult> New(
        Guid licenseId, [Bind(Prefix = "Input")] LicenseRequestInput input, [FromServices] CreateLicenseRequest create, CancellationToken cancellationToken)
    {
        var view = await form.HandleAsync(licenseId, cancellationToken);
        if (view is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(new LicenseRequestFormPage(view, input));
        }

        var result = await create.HandleAsync(licenseId, input, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            // R18: each message next to its field, what was typed stays; nothing was saved.
            result.AddTo(ModelState, "Input", typeof(LicenseRequestInput));
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return View(new LicenseRequestFormPage(view, input));
        }

        this.Flash("Your request was sent to your partner. You will see the answer here.");
        return RedirectToAction(nameof(Index));
    }

    [RequirePermission(Permission.RequestLicenseChanges)]
    [HttpPost("requests/{id:guid}/withdraw")]
    public async Task<IActionResult> Withdraw(Guid id, int version, [FromServices] WithdrawLicenseRequest withdraw, CancellationToken cancellationToken)
    {
        var result = await withdraw.HandleAsync(id, version, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        this.Flash(result);
        return RedirectToAction(nameof(Index));
    }
}
