using LicensingPortal.Application.Billing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace LicensingPortal.Web.Controllers;

/// <summary>
/// A statement's file as the answer (R24), for the page's download links and the API alike: an attachment named
/// like <c>statement-2026-11-contoso-managed-services.xlsx</c>, written by the format's writer straight to the response.
/// Private data: <c>SecurityHeaders</c> marks every attachment <c>Cache-Control: no-store</c>.
/// </summary>
public sealed class StatementFileResult(StatementFile file) : IActionResult
{
    /// <summary>The <c>{format}</c> route segment: one of the formats, in lower case; anything else does not match (404).</summary>
    public const string FormatConstraint = "regex(^(csv|xlsx|pdf)$)";

    public static StatementFormat Format(string format) => Enum.Parse<StatementFormat>(format, ignoreCase: true);

    public async Task ExecuteResultAsync(ActionContext context)
    {
        var response = context.HttpContext.Response;
        response.ContentType = file.ContentType.StartsWith("text/", StringComparison.Ordinal) ? file.ContentType + "; charset=utf-8" : file.ContentType;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = file.FileName }.ToString();
        await file.WriteAsync(response.Body, context.HttpContext.RequestAborted);
    }
}
