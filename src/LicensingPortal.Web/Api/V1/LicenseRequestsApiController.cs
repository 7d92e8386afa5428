using LicensingPortal.Application.Common;
using LicensingPortal.Application.LicenseRequests;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.LicenseRequests;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Api.V1;

/// <summary>One page of change requests (50 a page), open first, with how many are open.</summary>
public sealed record LicenseRequestPageResource(IReadOnlyList<LicenseRequestRow> Items, int Total, int Open, int Page, int PageCount)
{
    public static LicenseRequestPageResource From(LicenseRequestList list) => new(list.Rows, list.Total, list.OpenCount, list.Page, list.Pages);
}

/// <param name="ApplyMode">Now, or OnDate (then <paramref name="ApplyOn"/>, after today): stored as the license's pending change (R7).</param>
/// <param name="PendingValues">R23: what to do with a value the license already has scheduled for the same setting: Ask (refused, naming it), Keep or Drop.</param>
public sealed record LicenseRequestApprovalRequest(ApplyMode ApplyMode = ApplyMode.Now, DateOnly? ApplyOn = null, PendingValueChoice PendingValues = PendingValueChoice.Ask);

/// <param name="Reason">Required: the customer reads it.</param>
public sealed record LicenseRequestDeclineRequest(string? Reason);

/// <summary>
/// Customers › Requests as an API (R25, R21): a partner's (or the provider's, for its direct customers) key lists its queue
/// and approves or declines, with If-Match (R19). Customer users have no API keys yet: they ask on their pages. Approving
/// applies the change under every rule of the license page: a refusal is 422 with the rule's code, and stays on the request.
/// </summary>
[Tags("License requests")]
[Route("api/v1")]
public sealed class LicenseRequestsApiController(ListLicenseRequests list) : ApiControllerBase
{
    [RequirePermission(Permission.ReviewLicenseRequests)]
    [HttpGet("license-requests", Name = "ListLicenseRequests")]
    [EndpointSummary("List the change requests of the key's queue")]
    [EndpointDescription(
        "A partner's key (or the provider's, for its direct customers): its customers' change requests. Open first, then newest first, 50 a page; " +
        "filter by `state` and `customerId`. A request refused at approval is still Open, with the rule in `refusalCode` and its sentence in `refusal`.")]
    [ProducesResponseType<LicenseRequestPageResource>(StatusCodes.Status200OK)]
    public async Task<LicenseRequestPageResource> List(LicenseRequestState? state, Guid? customerId, int page = 1, CancellationToken cancellationToken = default) =>
        LicenseRequestPageResource.From(await list.HandleAsync(new LicenseRequestFilter(state, customerId, Page: page), cancellationToken));

    [RequirePermission(Permission.ReviewLicenseRequests)]
    [HttpGet("license-requests/{requestId:guid}", Name = "GetLicenseRequest")]
    [EndpointSummary("Get a change request of the key's queue")]
    [EndpointDescription("One request of the key's queue. The ETag is its version: send it as If-Match to approve or decline.")]
    [ReturnsETag]
    [ProducesResponseType<LicenseRequestRow>(StatusCodes.Status200OK)]
    public Task<IActionResult> Get(Guid requestId, CancellationToken cancellationToken) => CurrentAsync(requestId, cancellationToken);

    [RequirePermission(Permission.ReviewLicenseRequests)]
    [HttpPost("license-requests/{requestId:guid}/approve", Name = "ApproveLicenseRequest")]
    [EndpointSummary("Approve a change request")]
    [EndpointDescription(
        "Applies the request's change now or on `applyOn` (R7), as the license page would, under every rule (R3–R7, R12, R13, R23). A rule's refusal " +
        "is 422 with its code; the request stays open with that sentence. Needs If-Match (R19): a request decided meanwhile is 412 and nothing is applied twice.")]
    [ReturnsETag]
    [ProducesResponseType<LicenseRequestRow>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public Task<IActionResult> Approve(
        [FromServices] ApproveLicenseRequest approve, Guid requestId, LicenseRequestApprovalRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken cancellationToken) =>
        ChangeAsync(requestId, ifMatch, version => approve.HandleAsync(requestId, new ApproveLicenseRequestInput
        {
            ApplyMode = request.ApplyMode,
            ApplyOn = request.ApplyOn,
            PendingValues = request.PendingValues,
            Version = version,
        }, cancellationToken), cancellationToken);

    [RequirePermission(Permission.ReviewLicenseRequests)]
    [HttpPost("license-requests/{requestId:guid}/decline", Name = "DeclineLicenseRequest")]
    [EndpointSummary("Decline a change request")]
    [EndpointDescription("Declines an open request with a required `reason` the customer reads (R25). Needs If-Match (R19).")]
    [ReturnsETag]
    [ProducesResponseType<LicenseRequestRow>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public Task<IActionResult> Decline(
        [FromServices] DeclineLicenseRequest decline, Guid requestId, LicenseRequestDeclineRequest request, [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken cancellationToken) =>
        ChangeAsync(requestId, ifMatch, version => decline.HandleAsync(requestId, request.Reason, version, cancellationToken), cancellationToken);

    /// <summary>R19 over HTTP, then the decision through its use case; the answer is the request as it is now, with its new ETag.</summary>
    private async Task<IActionResult> ChangeAsync(Guid requestId, string? ifMatch, Func<int, Task<Result>> change, CancellationToken cancellationToken)
    {
        if (await list.FindAsync(requestId, cancellationToken) is not { } current)
        {
            return NotFoundProblem();
        }

        if (Precondition(ifMatch, current.Version) is { } refusal)
        {
            return refusal;
        }

        var result = await change(current.Version);
        return result.Succeeded ? await CurrentAsync(requestId, cancellationToken) : Problem(result);
    }

    private async Task<IActionResult> CurrentAsync(Guid requestId, CancellationToken cancellationToken)
    {
        if (await list.FindAsync(requestId, cancellationToken) is not { } row)
        {
            return NotFoundProblem();
        }

        Response.Headers.ETag = ETagOf(row.Version);
        return Ok(row);
    }
}
