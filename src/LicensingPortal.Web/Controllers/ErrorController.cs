using System.Diagnostics;
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
    [Route("")]
    [Route("{code:int}")]
    [ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
    [IgnoreAntiforgeryToken]
    public IActionResult Index(int? code)
    {
        var status = code ?? StatusCodes.Status500InternalServerError;
        Response.StatusCode = status;
        if (HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path is { } failedPath && failedPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            // An API client reads problem details (RFC 9457), not a page; the trace id is in it to quote.
            return Api.ApiProblems.Create(this, status, "Unexpected error", "Something went wrong on our side. Quote the trace id if you report it.", null);
        }

        ViewData["RequestId"] = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        return View("Error", status);
    }
}
