using LicensingPortal.Application.Common;
using LicensingPortal.Application.CustomerAccounts;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>
/// Customers › {customer} › Accounts (R25): the customer's own sign-ins, managed by its owning company only (a partner
/// for its customers, the provider for its direct customers): invite by a one-time link, disable, enable, reset two-factor.
/// </summary>
[Route("customers/{id:guid}/accounts")]
[RequirePermission(Permission.ManageCustomerAccounts)]
public sealed class CustomerAccountsController(ListCustomerAccounts list) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid id, CancellationToken cancellationToken) =>
        await Page(id, null, cancellationToken);

    [HttpPost("")]
    public async Task<IActionResult> Invite(Guid id, InviteCustomerAccountInput input, [FromServices] InviteCustomerAccount invite, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // The input policy (a control character, ADR 0014) refused a field: nothing is saved, the form shows why.
            return await Page(id, input, cancellationToken);
        }

        var result = await invite.HandleAsync(id, input, cancellationToken);
        switch (result.Kind)
        {
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Ok:
                // TempData is read once: the link is shown on the next page only, never stored in the portal.
                TempData[PartnersController.SetPasswordLinkKey] = Url.Action("SetPassword", "SetPassword", new { userId = result.Value!.UserId, token = result.Value.SetPasswordToken }, Request.Scheme);
                this.Flash($"{input.Name?.Trim()} is invited as {input.Role}: send them the one-time link below to set their password.");
                return RedirectToAction(nameof(Index), new { id });
            default:
                result.AddTo(ModelState, formType: typeof(InviteCustomerAccountInput));
                return await Page(id, input, cancellationToken);
        }
    }

    [HttpPost("{userId:guid}/disable")]
    public async Task<IActionResult> Disable(Guid id, Guid userId, [FromServices] SetCustomerAccountDisabled set, CancellationToken cancellationToken) =>
        await Outcome(id, await set.HandleAsync(id, userId, disabled: true, cancellationToken), cancellationToken);

    [HttpPost("{userId:guid}/enable")]
    public async Task<IActionResult> Enable(Guid id, Guid userId, [FromServices] SetCustomerAccountDisabled set, CancellationToken cancellationToken) =>
        await Outcome(id, await set.HandleAsync(id, userId, disabled: false, cancellationToken), cancellationToken);

    [HttpPost("{userId:guid}/reset-two-factor")]
    public async Task<IActionResult> ResetTwoFactor(Guid id, Guid userId, [FromServices] ResetCustomerAccountTwoFactor reset, CancellationToken cancellationToken) =>
        await Outcome(id, await reset.HandleAsync(id, userId, cancellationToken), cancellationToken);

    private async Task<IActionResult> Outcome(Guid id, Result result, CancellationToken cancellationToken)
    {
        switch (result.Kind)
        {
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Ok:
                this.Flash(result.Message ?? "Saved.");
                return RedirectToAction(nameof(Index), new { id });
            default:
                result.AddTo(ModelState);
                return await Page(id, null, cancellationToken);
        }
    }

    private async Task<IActionResult> Page(Guid id, InviteCustomerAccountInput? input, CancellationToken cancellationToken)
    {
        if (await list.HandleAsync(id, cancellationToken) is not { } page)
        {
            return NotFound();
        }

        ViewData["Invite"] = input ?? new InviteCustomerAccountInput { Role = Roles.CustomerAdministrator };
        return View("Index", page);
    }
}
