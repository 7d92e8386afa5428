using System.Globalization;
using FluentValidation;
using LicensingPortal.Application.Customers;
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

    /// <summary>Modifies the license now, or on <c>applyOn</c> (R7). Trial (R3), End of Life (R4), locked (R5) licenses are refused with the rule code.</summary>
    [RequirePermission(Permission.ModifyLicenses)]
    [HttpPut("", Name = "ModifyLicense")]
    [ProducesResponseType<LicenseResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public async Task<IActionResult> Modify(
        [FromServices] ModifyLicense modify, [FromServices] IValidator<LicenseModifyInput> validator, Guid customerId, Guid licenseId, LicenseModifyRequest request,
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
            return ValidationProblem(new FluentValidation.Results.ValidationResult(
                missing.Select(name => new FluentValidation.Results.ValidationFailure(name, $"{name} is required: send every setting of the license (GET it first and change what you need)."))));
        }

        var input = request.ToInput(view.Current.Version);
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!validation.IsValid)
        {
            return ValidationProblem(validation);
        }

        var result = await modify.HandleAsync(customerId, licenseId, input, cancellationToken);
        return result.Succeeded ? await CurrentAsync(customerId, licenseId, cancellationToken) : Problem(result);
    }

    /// <summary>Cancels the license's pending change before it is due (R7).</summary>
    [RequirePermission(Permission.ModifyLicenses)]
    [HttpDelete("pending-change", Name = "CancelPendingChange")]
    [ProducesResponseType<LicenseResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> CancelPendingChange([FromServices] CancelPendingChange cancel, Guid customerId, Guid licenseId, CancellationToken cancellationToken)
    {
        var result = await cancel.HandleAsync(customerId, licenseId, cancellationToken);
        return result.Succeeded ? await CurrentAsync(customerId, licenseId, cancellationToken) : Problem(result);
    }

    /// <summary>Converts a trial license to a full license of a full plan of the same product (R3).</summary>
    [RequirePermission(Permission.AssignPlansToCustomers)]
    [HttpPost("convert", Name = "ConvertTrial")]
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
