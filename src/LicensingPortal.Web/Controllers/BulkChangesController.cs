using System.Text;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.ServicePlans;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace LicensingPortal.Web.Controllers;

/// <param name="ImportCsv">The CSV file a report was made from, posted again to apply it; null for a change chosen on the form.</param>
/// <param name="ImportError">Why an uploaded file could not be read at all.</param>
public sealed record BulkChangePage(IReadOnlyList<ServicePlanRow> Plans, BulkLicenseChangeInput Input, BulkLicenseChangeReport? Report, string? ImportCsv = null, string? ImportError = null);

/// <summary>
/// Customers › Bulk change (R22): one change for every license of a service plan, previewed (what changes,
/// what is refused and why) and then applied; the same use case as the API's bulk endpoint.
/// </summary>
[RequirePermission(Permission.ModifyLicenses)]
[Route("customers/bulk-change")]
public sealed class BulkChangesController(ListServicePlans plans) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid? plan, CancellationToken cancellationToken) =>
        View(new BulkChangePage(await PlansAsync(cancellationToken), new BulkLicenseChangeInput { ServicePlanId = plan }, null));

    [HttpPost("preview")]
    public Task<IActionResult> Preview([FromServices] BulkLicenseChange bulk, [Bind(Prefix = "Input")] BulkLicenseChangeInput input, CancellationToken cancellationToken) =>
        RunAsync(input, () => bulk.PreviewAsync(input, cancellationToken), cancellationToken);

    /// <summary>Answers with the report itself (not a redirect): it lists what each license became.</summary>
    [HttpPost("")]
    public Task<IActionResult> Apply([FromServices] BulkLicenseChange bulk, [Bind(Prefix = "Input")] BulkLicenseChangeInput input, CancellationToken cancellationToken) =>
        RunAsync(input, () => bulk.ApplyAsync(input, cancellationToken), cancellationToken);

    private async Task<IActionResult> RunAsync(BulkLicenseChangeInput input, Func<Task<Result<BulkLicenseChangeReport>>> run, CancellationToken cancellationToken)
    {
        BulkLicenseChangeReport? report = null;
        if (ModelState.IsValid)
        {
            var result = await run();
            result.AddTo(ModelState, "Input", typeof(BulkLicenseChangeInput));
            report = result.Value;
        }

        return View(nameof(Index), new BulkChangePage(await PlansAsync(cancellationToken), input, report));
    }

    /// <summary>
    /// The page's progress bar: the script applies the ticked licenses a few at a time through this action and
    /// shows each part's outcome as it comes; without script the whole form posts to <see cref="Apply"/>.
    /// </summary>
    [HttpPost("part")]
    public async Task<IActionResult> ApplyPart([FromServices] BulkLicenseChange bulk, [Bind(Prefix = "Input")] BulkLicenseChangeInput input, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid || input.LicenseIds.Count is 0 or > PartSize)
        {
            return BadRequest(new { message = $"Send 1 to {PartSize} ticked licenses at a time." });
        }

        var result = await bulk.ApplyAsync(input, cancellationToken);
        return result.Succeeded
            ? Json(result.Value)
            : BadRequest(new { message = result.Errors.SelectMany(e => e.Value).FirstOrDefault() ?? result.Message });
    }

    public const int PartSize = 25;

    /// <summary>The licenses of one plan with their current settings: the file a CSV import starts from.</summary>
    [HttpGet("export")]
    public async Task<IActionResult> Export([FromServices] BulkLicenseChange bulk, Guid? plan, CancellationToken cancellationToken)
    {
        if (plan is not { } planId)
        {
            this.Flash("Choose the service plan whose licenses you want to download.", "danger");
            return RedirectToAction(nameof(Index));
        }

        var csv = await bulk.ExportPlanAsync(planId, cancellationToken);
        return File(new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv", $"licenses-{planId:N}.csv");
    }

    /// <summary>Reads an uploaded CSV file and previews one change per row; the page then carries the text to apply it.</summary>
    [HttpPost("import/preview")]
    [RequestSizeLimit(2 * 1024 * 1024)]
    public async Task<IActionResult> ImportPreview([FromServices] BulkLicenseChange bulk, IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is { Length: > BulkLicenseCsv.MaxCharacters })
        {
            return await ImportAsync(bulk, null, BulkLicenseCsv.TooLarge, apply: false, cancellationToken);
        }

        string? csv = null;
        if (file is { Length: > 0 })
        {
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            csv = await reader.ReadToEndAsync(cancellationToken);
        }

        return await ImportAsync(bulk, csv, null, apply: false, cancellationToken);
    }

    /// <summary>Applies the previewed file, row by row, each license in its own transaction (R22); the reader checks each cell (ADR 0014).</summary>
    [HttpPost("import")]
    [RequestSizeLimit(2 * 1024 * 1024)]
    public Task<IActionResult> Import([FromServices] BulkLicenseChange bulk, [ValidateNever] string? csv, CancellationToken cancellationToken) =>
        ImportAsync(bulk, csv, null, apply: true, cancellationToken);

    private async Task<IActionResult> ImportAsync(BulkLicenseChange bulk, string? csv, string? error, bool apply, CancellationToken cancellationToken)
    {
        var page = new BulkChangePage(await PlansAsync(cancellationToken), new BulkLicenseChangeInput(), null);
        var (rows, fileError) = error is null ? BulkLicenseCsv.Read(csv) : ([], error);
        if (fileError is not null)
        {
            return View(nameof(Index), page with { ImportError = fileError });
        }

        var report = apply ? await bulk.ApplyRowsAsync(rows, cancellationToken) : await bulk.PreviewRowsAsync(rows, cancellationToken);
        return View(nameof(Index), page with { Report = report, ImportCsv = csv });
    }

    private async Task<IReadOnlyList<ServicePlanRow>> PlansAsync(CancellationToken cancellationToken) =>
        (await plans.HandleAsync(new ServicePlanFilter(null, null, null, null, null), cancellationToken)).Plans;
}
