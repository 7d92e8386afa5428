using FluentValidation;
using LicensingPortal.Application.Customers;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Api.V1;

/// <summary>
/// R22: one change (units, auto-renewal, expiration, notification; now or on a date) on many customers'
/// licenses. Preview first (what would change, what is refused and why), then apply: each license through
/// the modify page's own domain method, in its own transaction.
/// </summary>
[Tags("Bulk license changes")]
[Route("api/v1/bulk/license-changes")]
public sealed class BulkChangesApiController(BulkLicenseChange bulk, IValidator<BulkLicenseChangeInput> validator) : ApiControllerBase
{
    /// <summary>What the change would do to each license, and which are refused with their rule code. Nothing is saved.</summary>
    [RequirePermission(Permission.ModifyLicenses)]
    [HttpPost("preview", Name = "PreviewBulkLicenseChange")]
    [ProducesResponseType<BulkLicenseChangeReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    public async Task<IActionResult> Preview(BulkLicenseChangeInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        return validation.IsValid ? Ok(await bulk.PreviewAsync(input, cancellationToken)) : ValidationProblem(validation);
    }

    /// <summary>Applies the change license by license; refused ones are listed with their rule code and left as they were.</summary>
    [RequirePermission(Permission.ModifyLicenses)]
    [HttpPost("", Name = "ApplyBulkLicenseChange")]
    [Idempotent]
    [ProducesResponseType<BulkLicenseChangeReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    public async Task<IActionResult> Apply(BulkLicenseChangeInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        return validation.IsValid ? Ok(await bulk.ApplyAsync(input, cancellationToken)) : ValidationProblem(validation);
    }
}
