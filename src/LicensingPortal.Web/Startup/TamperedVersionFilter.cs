using LicensingPortal.Application.Common;
using Microsoft.AspNetCore.Mvc.Filters;

namespace LicensingPortal.Web.Startup;

/// <summary>
/// A form's hidden version (R19) that does not even parse was not sent by the page: say what the user can
/// do about it above the form, where it is seen, instead of next to a field nobody can see.
/// </summary>
public sealed class TamperedVersionFilter : IActionFilter
{
    public void OnActionExecuting(ActionExecutingContext context)
    {
        var modelState = context.ModelState;
        var tampered = modelState.Any(e => e.Value is { Errors.Count: > 0 }
            && (e.Key.Equals("Version", StringComparison.OrdinalIgnoreCase) || e.Key.EndsWith(".Version", StringComparison.OrdinalIgnoreCase)));
        if (tampered)
        {
            modelState.AddModelError(string.Empty, Result.ConcurrencyMessage);
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}
