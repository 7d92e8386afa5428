using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace LicensingPortal.Web.Api.V1;

/// <summary>
/// R22: one change (units, auto-renewal, expiration, notification; now or on a date) on many customers'
/// licenses. Preview first (what would change, what is refused and why), then apply: each license through
/// the modify page's own domain method, in its own transaction.
/// </summary>
[Tags("Bulk license changes")]
[Route("api/v1/bulk/license-changes")]
public sealed class BulkChangesApiController : ApiControllerBase
{
    [RequirePermission(Permission.ModifyLicenses)]
    [HttpPost("preview", Name = "PreviewBulkLicenseChange")]
    [EndpointSummary("Preview a bulk license change")]
    [EndpointDescription("What the change would do to each license (given by id, or every license of `servicePlanId`), and which are refused with their rule code. Nothing is saved.")]
    [ProducesResponseType<BulkLicenseChangeReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    public async Task<IActionResult> Preview([FromServices] BulkLicenseChange bulk, BulkLicenseChangeInput input, CancellationToken cancellationToken) =>
        Answer(await bulk.PreviewAsync(input, cancellationToken));

    [RequirePermission(Permission.ModifyLicenses)]
    [HttpPost("", Name = "ApplyBulkLicenseChange")]
    [EndpointSummary("Apply a bulk license change")]
    [EndpointDescription("Applies the change license by license, each in its own transaction; refused ones are listed with their rule code and left as they were. Send an Idempotency-Key to make retries safe.")]
    [Idempotent]
    [ProducesResponseType<BulkLicenseChangeReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    public async Task<IActionResult> Apply([FromServices] BulkLicenseChange bulk, BulkLicenseChangeInput input, CancellationToken cancellationToken) =>
        Answer(await bulk.ApplyAsync(input, cancellationToken));

    [RequirePermission(Permission.ModifyLicenses)]
    [HttpPost("csv/preview", Name = "PreviewBulkLicenseChangeCsv")]
    [EndpointSummary("Preview a bulk license change from CSV")]
    [EndpointDescription(
        "A CSV file of changes, one license per row (columns: License ID, Units, Auto-renewal, Renew every (months), Expires, Notify days before, Apply on; " +
        "an empty cell keeps the value; the portal's Bulk change page downloads such a file for a plan), previewed: each row's outcome with its line number. Nothing is saved.")]
    [Consumes("text/csv")]
    [RequestSizeLimit(BulkLicenseCsv.MaxCharacters * 2)]
    [ProducesResponseType<BulkLicenseChangeReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    public Task<IActionResult> PreviewCsv([FromServices] BulkLicenseChange bulk, [FromBody, ValidateNever] string csv, CancellationToken cancellationToken) =>
        CsvAsync(bulk, csv, apply: false, cancellationToken);

    [RequirePermission(Permission.ModifyLicenses)]
    [HttpPost("csv", Name = "ApplyBulkLicenseChangeCsv")]
    [EndpointSummary("Apply a bulk license change from CSV")]
    [EndpointDescription("Applies a CSV file of changes row by row, each license in its own transaction; refused rows are listed with their rule code and line. Send an Idempotency-Key to make retries safe.")]
    [Consumes("text/csv")]
    [RequestSizeLimit(BulkLicenseCsv.MaxCharacters * 2)]
    [Idempotent]
    [ProducesResponseType<BulkLicenseChangeReport>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    public Task<IActionResult> ApplyCsv([FromServices] BulkLicenseChange bulk, [FromBody, ValidateNever] string csv, CancellationToken cancellationToken) =>
        CsvAsync(bulk, csv, apply: true, cancellationToken);

    /// <remarks>The file is not validated as one value: the CSV reader applies the input policy cell by cell and names the line and column.</remarks>
    private async Task<IActionResult> CsvAsync(BulkLicenseChange bulk, string csv, bool apply, CancellationToken cancellationToken)
    {
        var (rows, fileError) = BulkLicenseCsv.Read(csv);
        if (fileError is not null)
        {
            return Problem(Application.Common.Result.Invalid(new Dictionary<string, string[]> { ["csv"] = [fileError] }));
        }

        return Ok(apply ? await bulk.ApplyRowsAsync(rows, cancellationToken) : await bulk.PreviewRowsAsync(rows, cancellationToken));
    }
}
