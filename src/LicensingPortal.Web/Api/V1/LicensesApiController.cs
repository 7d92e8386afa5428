using LicensingPortal.Application.Common;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Api.V1;

/// <summary>
/// Customers › {customer} › Licenses › {plan} as an API (R2–R7, R21): the same use cases as the modify page.
/// Changes need <c>If-Match</c> with the license's ETag (R19): 412 when someone changed it since, 428 without.
/// </summary>
[Tags("Customer licenses")]
[Route("api/v1/customers/{customerId:guid}/licenses/{licenseId:guid}")]
public sealed class LicensesApiController(GetLicenseForm form) : ApiControllerBase
{
    [RequirePermission(Permission.ViewLicenses)]
    [HttpGet("", Name = "GetLicense")]
    [EndpointSummary("Get a customer license")]
    [EndpointDescription(
        "The license as the modify page shows it: its settings, why it cannot be modified (`modificationRefusal`: R3, R4, R5, R11), " +
        "the plans it may change to (R6), its pending change (R7). The ETag is its version: send it as If-Match to change the license.")]
    [ReturnsETag]
    [ProducesResponseType<LicenseResource>(StatusCodes.Status200OK)]
    public async Task<ActionResult<LicenseResource>> Get(Guid customerId, Guid licenseId, CancellationToken cancellationToken)
    {
        if (await form.HandleAsync(customerId, licenseId, cancellationToken) is not { } view)
        {
            return NotFoundProblem();
        }

        var license = LicenseResource.From(view);
        Response.Headers.ETag = license.ETag;
        return license;
    }

    [RequirePermission(Permission.ModifyLicenses)]
    [HttpPut("", Name = "ModifyLicense")]
    [EndpointSummary("Modify a customer license")]
    [EndpointDescription(
        "Modifies the license now, or on `applyOn` (R7). Send every setting (GET the license and change what you need): a missing one is 400, named. " +
        "`servicePlanId` changes the plan; `pendingValues` (Keep or Drop) says what saving now does to a setting the pending change also sets (R23). " +
        "Trial (R3), End of Life (R4), locked (R5) licenses are refused with the rule code. Needs If-Match (R19).")]
    [ReturnsETag]
    [ProducesResponseType<LicenseResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public async Task<IActionResult> Modify(
        [FromServices] ModifyLicense modify, Guid customerId, Guid licenseId, LicenseModifyRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        if (await form.HandleAsync(customerId, licenseId, cancellationToken) is not { } view)
        {
            return NotFoundProblem();
        }

        if (Precondition(ifMatch, view.Current.Version) is { } refusal)
        {
            return refusal;
        }

        // A partial body would read a left-out setting as false or empty: refused, naming each one, nothing changes.
        if (request.MissingMembers() is { Count: > 0 } missing)
        {
            return Problem(Result.Invalid(missing.ToDictionary(
                name => name, name => new[] { $"{name} is required: send every setting of the license (GET it first and change what you need)." })));
        }

        var result = await modify.HandleAsync(customerId, licenseId, request.ToInput(view.Current.Version), cancellationToken);
        return result.Succeeded ? await CurrentAsync(customerId, licenseId, cancellationToken) : Problem(result);
    }

    [RequirePermission(Permission.ModifyLicenses)]
    [HttpDelete("pending-change", Name = "CancelPendingChange")]
    [EndpointSummary("Cancel a license's pending change")]
    [EndpointDescription("Cancels the license's pending change before it is due (R7); 422 when it has none. The answer is the license.")]
    [ReturnsETag]
    [ProducesResponseType<LicenseResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> CancelPendingChange([FromServices] CancelPendingChange cancel, Guid customerId, Guid licenseId, CancellationToken cancellationToken)
    {
        var result = await cancel.HandleAsync(customerId, licenseId, cancellationToken);
        return result.Succeeded ? await CurrentAsync(customerId, licenseId, cancellationToken) : Problem(result);
    }

    [RequirePermission(Permission.AssignPlansToCustomers)]
    [HttpPost("convert", Name = "ConvertTrial")]
    [EndpointSummary("Convert a trial license")]
    [EndpointDescription("Converts a trial license to a full license of a full plan of the same product (R3; `conversionPlans` of the GET). Needs If-Match (R19).")]
    [ReturnsETag]
    [ProducesResponseType<LicenseResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public async Task<IActionResult> Convert(
        [FromServices] ConvertTrial convert, Guid customerId, Guid licenseId, ConvertTrialRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        if (await form.HandleAsync(customerId, licenseId, cancellationToken) is not { } view)
        {
            return NotFoundProblem();
        }

        if (Precondition(ifMatch, view.Current.Version) is { } refusal)
        {
            return refusal;
        }

        var result = await convert.HandleAsync(customerId, licenseId, request.ServicePlanId, view.Current.Version, cancellationToken);
        return result.Succeeded ? await CurrentAsync(customerId, licenseId, cancellationToken) : Problem(result);
    }

    private async Task<IActionResult> CurrentAsync(Guid customerId, Guid licenseId, CancellationToken cancellationToken)
    {
        var view = await form.HandleAsync(customerId, licenseId, cancellationToken);
        var license = LicenseResource.From(view!);
        Response.Headers.ETag = license.ETag;
        return Ok(license);
    }
}
