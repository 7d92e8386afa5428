using System.Text;
using FluentValidation;
using FluentValidation.AspNetCore;
using LicensingPortal.Application.Customers;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.ServicePlans;
using LicensingPortal.Application.SuiteChanges;
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
public sealed class BulkChangesController(ListServicePlans plans, BulkLicenseChange bulk, IValidator<BulkLicenseChangeInput> validator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid? plan, CancellationToken cancellationToken) =>
        View(new BulkChangePage(await PlansAsync(cancellationToken), new BulkLicenseChangeInput { ServicePlanId = plan }, null));

    [HttpPost("preview")]
    public Task<IActionResult> Preview([Bind(Prefix = "Input")] BulkLicenseChangeInput input, CancellationToken cancellationToken) =>
        RunAsync(input, () => bulk.PreviewAsync(input, cancellationToken), cancellationToken);

    /// <summary>Answers with the report itself (not a redirect): it lists what each license became.</summary>
    [HttpPost("")]
    public Task<IActionResult> Apply([Bind(Prefix = "Input")] BulkLicenseChangeInput input, CancellationToken cancellationToken) =>
        RunAsync(input, () => bulk.ApplyAsync(input, cancellationToken), cancellationToken);

    private async Task<IActionResult> RunAsync(BulkLicenseChangeInput input, Func<Task<BulkLicenseChangeReport>> run, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!ModelState.IsValid || !validation.IsValid)
        {
            validation.AddToModelState(ModelState, "Input");
            return View(nameof(Index), new BulkChangePage(await PlansAsync(cancellationToken), input, null));
        }

        return View(nameof(Index), new BulkChangePage(await PlansAsync(cancellationToken), input, await run()));
    }

    /// <summary>
    /// The page's progress bar: the script applies the ticked licenses a few at a time through this action and
    /// shows each part's outcome as it comes; without script the whole form posts to <see cref="Apply"/>.
    /// </summary>
    [HttpPost("part")]
    public async Task<IActionResult> ApplyPart([Bind(Prefix = "Input")] BulkLicenseChangeInput input, CancellationToken cancellationToken)
    {
        var validation = await validator.ValidateAsync(input, cancellationToken);
        if (!ModelState.IsValid || !validation.IsValid || input.LicenseIds.Count is 0 or > PartSize)
        {
            return BadRequest(new { message = validation.Errors.FirstOrDefault()?.ErrorMessage ?? $"Send 1 to {PartSize} ticked licenses at a time." });
        }

        return Json(await bulk.ApplyAsync(input, cancellationToken));
    }

    public const int PartSize = 25;

    /// <summary>The licenses of one plan with their current settings: the file a CSV import starts from.</summary>
    [HttpGet("export")]
    public async Task<IActionResult> Export(Guid? plan, CancellationToken cancellationToken)
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
    public async Task<IActionResult> ImportPreview(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is { Length: > BulkLicenseCsv.MaxCharacters })
        {
            return await ImportAsync(null, BulkLicenseCsv.TooLarge, apply: false, cancellationToken);
        }

        string? csv = null;
        if (file is { Length: > 0 })
        {
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            csv = await reader.ReadToEndAsync(cancellationToken);
        }

        return await ImportAsync(csv, null, apply: false, cancellationToken);
    }

    /// <summary>Applies the previewed file, row by row, each license in its own transaction (R22); the reader checks each cell (ADR 0014).</summary>
    [HttpPost("import")]
    [RequestSizeLimit(2 * 1024 * 1024)]
    public Task<IActionResult> Import([ValidateNever] string? csv, CancellationToken cancellationToken) =>
        ImportAsync(csv, null, apply: true, cancellationToken);

    private async Task<IActionResult> ImportAsync(string? csv, string? error, bool apply, CancellationToken cancellationToken)
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
