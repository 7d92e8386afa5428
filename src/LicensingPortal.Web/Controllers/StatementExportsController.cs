using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>
/// Billing › a statement › Export (R24): the statement, or a buyer's estimate of this month so far, as CSV, XLSX or
/// PDF. Whoever may read the statement may download it (ViewBilling); another company's statement or buyer is 404 (R1).
/// </summary>
[RequirePermission(Permission.ViewBilling)]
[Route("billing")]
public sealed class StatementExportsController : Controller
{
    [HttpGet("statements/{statementId:guid}/export/{format:" + StatementFileResult.FormatConstraint + "}")]
    public async Task<IActionResult> Statement([FromServices] ExportStatement export, Guid statementId, string format, CancellationToken cancellationToken) =>
        await export.HandleAsync(statementId, StatementFileResult.Format(format), cancellationToken) is { } file ? new StatementFileResult(file) : NotFound();

    [HttpGet("estimate/{companyId:guid}/export/{format:" + StatementFileResult.FormatConstraint + "}")]
    public async Task<IActionResult> Estimate([FromServices] ExportStatement export, Guid companyId, string format, CancellationToken cancellationToken) =>
        await export.EstimateAsync(companyId, StatementFileResult.Format(format), cancellationToken) is { } file ? new StatementFileResult(file) : NotFound();
}
