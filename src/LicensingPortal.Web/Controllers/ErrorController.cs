using System.Diagnostics;
using LicensingPortal.Web.Input;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>Friendly error pages: a request id to quote, never a stack trace.</summary>
[AllowAnonymous]
[ApiExplorerSettings(IgnoreApi = true)]
[Route("error")]
public sealed class ErrorController : Controller
{
    /// <remarks>
    /// The status comes from the request being answered, not from model binding: the error page of a form that could
    /// not be read (its body too large, malformed) must not read that form again, and binding would.
    /// </remarks>
    [Route("")]
    [Route("{code:int}")]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    [IgnoreAntiforgeryToken]
    public IActionResult Index()
    {
        var status = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalStatusCode
            ?? (int.TryParse(RouteData.Values["code"] as string, out var code) ? code : StatusCodes.Status500InternalServerError);
        Response.StatusCode = status;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } failedPath && failedPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            // An API client reads problem details (RFC 9457), not a page; the trace id is in it to quote.
            return Api.ApiProblems.Create(this, status, "Unexpected error", "Something went wrong on our side. Quote the trace id if you report it.", null);
        }

        ViewData["RequestId"] = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        ViewData["Limit"] = RequestBodyLimits.ExceededLimit(HttpContext) is { } limit ? RequestBodyLimits.Describe(limit) : null;
        return View("Error", status);
    }
}
