using System.Text;
using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <param name="Report">What an accepted file recorded.</param>
/// <param name="Problems">Why a file was refused: the file as a whole, or each wrong row with its line and column. Nothing was saved.</param>
public sealed record UsagePage(UsageReport? Report = null, IReadOnlyList<string>? Problems = null, string? FileName = null)
{
    public IReadOnlyList<string> Problems { get; init; } = Problems ?? [];
}

/// <summary>
/// Integrations › Usage (R24): a CSV file of units in use per license and day, recorded all together or not at all:
/// the same use case as <c>POST /api/v1/usage</c>. The answer is the page itself, with what was recorded or every
/// wrong row.
/// </summary>
[RequirePermission(Permission.ReportUsage)]
[Route("usage")]
public sealed class UsageController : Controller
{
    /// <summary>The file's limit with room for the form around it.</summary>
    public const int MaxUploadBytes = 2 * 1024 * 1024;

    [HttpGet("")]
    public IActionResult Index() => View(new UsagePage());

    [HttpPost("upload")]
    [RequestSizeLimit(MaxUploadBytes)]
    public async Task<IActionResult> Upload([FromServices] ReportUsage report, IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            return View(nameof(Index), new UsagePage(Problems: [$"Choose a CSV file with the header {UsageCsv.Header} to upload."]));
        }

        if (file.Length > UsageCsv.MaxCharacters)
        {
            return View(nameof(Index), new UsagePage(Problems: [UsageCsv.TooLarge], FileName: file.FileName));
        }

        string csv;
        using (var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            csv = await reader.ReadToEndAsync(cancellationToken);
        }

        var (rows, fileError) = UsageCsv.Read(csv);
        if (fileError is not null)
        {
            return View(nameof(Index), new UsagePage(Problems: [fileError], FileName: file.FileName));
        }

        var result = await report.HandleAsync(new ReportUsageInput { Reports = [.. rows] }, cancellationToken);
        return View(nameof(Index), result.Succeeded
            ? new UsagePage(result.Value, FileName: file.FileName)
            : new UsagePage(Problems: result.Errors.Count > 0 ? [.. result.Errors.SelectMany(e => e.Value)] : [result.Message ?? "Nothing was saved."], FileName: file.FileName));
    }
}
