using LicensingPortal.Application.Common;
using LicensingPortal.Application.LicenseRequests;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.LicenseRequests;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <param name="FailedId">The request whose approval or decline was just refused: its form shows the message and what was typed (R18).</param>
public sealed record LicenseRequestQueuePage(
    LicenseRequestList List, DateOnly Today, Guid? FailedId = null, ApproveLicenseRequestInput? Approve = null, string? Reason = null, string? Error = null);

/// <summary>
/// Customers › Requests (R25): the company's queue of its customers' change requests, open first. Approving applies the
/// change now or on a date under every license rule; a rule's refusal stays on the request for the partner and the
/// customer to read. Declining needs a reason.
/// </summary>
[RequirePermission(Permission.ReviewLicenseRequests)]
[Route("customers/requests")]
public sealed class LicenseRequestsController(ListLicenseRequests list, TimeProvider clock) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(LicenseRequestState? state, Guid? customer, int page = 1, CancellationToken cancellationToken = default) =>
        View(await PageAsync(new LicenseRequestFilter(state, customer, Page: page), cancellationToken));

    [HttpPost("{id:guid}/approve")]
    public async Task<IActionResult> Approve(Guid id, [Bind(Prefix = "Approve")] ApproveLicenseRequestInput input, [FromServices] ApproveLicenseRequest approve, CancellationToken cancellationToken)
    {
        var result = ModelState.IsValid
            ? await approve.HandleAsync(id, input, cancellationToken)
            : Result.Invalid(new Dictionary<string, string[]> { [string.Empty] = ["Choose when to apply the change, and a date if it is on a date."] });
        return await OutcomeAsync(id, result, page => page with { Approve = input }, cancellationToken);
    }

    [HttpPost("{id:guid}/decline")]
    public async Task<IActionResult> Decline(Guid id, string? reason, int version, [FromServices] DeclineLicenseRequest decline, CancellationToken cancellationToken)
    {
        var result = await decline.HandleAsync(id, reason, version, cancellationToken);
        return await OutcomeAsync(id, result, page => page with { Reason = reason }, cancellationToken);
    }

    private async Task<IActionResult> OutcomeAsync(Guid id, Result result, Func<LicenseRequestQueuePage, LicenseRequestQueuePage> keep, CancellationToken cancellationToken)
    {
        switch (result.Kind)
        {
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Ok:
                this.Flash(result);
                return RedirectToAction(nameof(Index));
            default:
                // The refusal is on the request now (for a rule) or the request moved on (R19): the queue shows it, with what was typed.
                var page = await PageAsync(new LicenseRequestFilter(), cancellationToken);
                Response.StatusCode = result.Kind == ResultKind.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status422UnprocessableEntity;
                var message = string.Join(" ", result.Errors.SelectMany(e => e.Value).DefaultIfEmpty(result.Message ?? string.Empty));
                return View(nameof(Index), keep(page with { FailedId = id, Error = message }));
        }
    }

    private async Task<LicenseRequestQueuePage> PageAsync(LicenseRequestFilter filter, CancellationToken cancellationToken) =>
        new(await list.HandleAsync(filter, cancellationToken), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
}
