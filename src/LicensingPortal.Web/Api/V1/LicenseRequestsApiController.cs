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

/// <summary>R25: what a customer asks for on one of its licenses: one change (<paramref name="Kind"/>, with its value) and a comment its partner reads.</summary>
/// <param name="Kind">Units (then <paramref name="Units"/>), AutoRenewal (then <paramref name="AutoRenew"/>), ServicePlan (then <paramref name="ServicePlanId"/>) or CancelAtRenewal.</param>
/// <param name="Comment">Required, up to 1,000 characters.</param>
public sealed record LicenseRequestCreateRequest(LicenseRequestKind? Kind, int? Units, bool? AutoRenew, Guid? ServicePlanId, string? Comment);

/// <param name="Reason">Required: the customer reads it.</param>
public sealed record LicenseRequestDeclineRequest(string? Reason);

/// <summary>
/// Customers › Requests as an API (R25, R21): a partner's (or the provider's, for its direct customers) key lists its queue
/// and approves or declines, with If-Match (R19). Approving applies the change under every rule of the license page: a refusal
/// is 422 with the rule's code, and stays on the request. A customer's own key has its own routes (<c>my/...</c>, as its users'
/// pages): it asks for a change on one of its licenses, lists and reads its requests and withdraws one; the queue's routes
/// answer it 404 and the customer's routes answer any other key 404 (each action's permission applies to one kind only).
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

    [RequirePermission(Permission.ViewOwnLicenses)]
    [HttpGet("my/license-requests", Name = "ListMyLicenseRequests")]
    [EndpointSummary("List the customer's own change requests")]
    [EndpointDescription(
        "A customer's own key: the requests it (or its users) made, open first, then newest first, 50 a page; filter by `state` and `licenseId`. " +
        "A declined request has the partner's `declineReason`; one refused by a rule at approval stays Open with the rule's sentence in `refusal`.")]
    [ProducesResponseType<LicenseRequestPageResource>(StatusCodes.Status200OK)]
    public async Task<LicenseRequestPageResource> ListMine(LicenseRequestState? state, Guid? licenseId, int page = 1, CancellationToken cancellationToken = default) =>
        LicenseRequestPageResource.From(await list.HandleAsync(new LicenseRequestFilter(state, LicenseId: licenseId, Page: page), cancellationToken));

    [RequirePermission(Permission.ViewOwnLicenses)]
    [HttpGet("my/license-requests/{requestId:guid}", Name = "GetMyLicenseRequest")]
    [EndpointSummary("Get one of the customer's own change requests")]
    [EndpointDescription("One request of the key's customer; another customer's is 404 (R1). The ETag is its version: send it as If-Match to withdraw.")]
    [ReturnsETag]
    [ProducesResponseType<LicenseRequestRow>(StatusCodes.Status200OK)]
    public Task<IActionResult> GetMine(Guid requestId, CancellationToken cancellationToken) => CurrentAsync(requestId, cancellationToken);

    [RequirePermission(Permission.RequestLicenseChanges)]
    [HttpPost("my/licenses/{licenseId:guid}/requests", Name = "CreateLicenseRequest")]
    [EndpointSummary("Ask for a change on one of the customer's own licenses")]
    [EndpointDescription(
        "A Customer Administrator's key asks the customer's partner for one change with a comment (R25): more or fewer `units`, `autoRenew` on or off, " +
        "another `servicePlanId` of the same product, or CancelAtRenewal. Refused (422 with its rule code and sentence) while the partner is suspended (R11), " +
        "for a trial (R3), an End of Life plan (R4), a change that changes nothing or while the license has an open request (R25). Another customer's license is 404.")]
    [ReturnsETag]
    [ProducesResponseType<LicenseRequestRow>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> Create([FromServices] CreateLicenseRequest create, Guid licenseId, LicenseRequestCreateRequest request, CancellationToken cancellationToken)
    {
        var result = await create.HandleAsync(licenseId, new LicenseRequestInput
        {
            // Optional in the body, so that a missing kind is not a binding failure: the input policy (R18) checks the
            // other fields first, another customer's license is still 404 (R1), then the validator says "Choose what to change.".
            Kind = request.Kind ?? (LicenseRequestKind)(-1),
            Units = request.Units,
            AutoRenew = request.AutoRenew,
            ServicePlanId = request.ServicePlanId,
            Comment = request.Comment,
        }, cancellationToken);
        if (!result.Succeeded)
        {
            return Problem(result);
        }

        var row = (await list.FindAsync(result.Value, cancellationToken))!;
        Response.Headers.ETag = ETagOf(row.Version);
        return Created($"/api/v1/my/license-requests/{row.Id}", row);
    }

    [RequirePermission(Permission.RequestLicenseChanges)]
    [HttpPost("my/license-requests/{requestId:guid}/withdraw", Name = "WithdrawLicenseRequest")]
    [EndpointSummary("Withdraw one of the customer's own open change requests")]
    [EndpointDescription("Takes back an open request (R25), to ask for something else. Needs If-Match (R19): a request decided meanwhile is 412 with its outcome.")]
    [ReturnsETag]
    [ProducesResponseType<LicenseRequestRow>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public Task<IActionResult> Withdraw([FromServices] WithdrawLicenseRequest withdraw, Guid requestId, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken) =>
        ChangeAsync(requestId, ifMatch, version => withdraw.HandleAsync(requestId, version, cancellationToken), cancellationToken);

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
