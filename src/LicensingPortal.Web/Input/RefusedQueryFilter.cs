using LicensingPortal.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace LicensingPortal.Web.Input;

/// <summary>
/// A page's address (GET) whose query the input policy refused, a NUL in a search or a report from year 1, is
/// answered with a page naming each problem (400), not run: a list or an export would otherwise search for the NUL
/// or count days from year 1. A form (POST) shows the same messages next to its fields instead, and an API
/// controller answers them as problem details itself.
/// </summary>
public sealed class RefusedQueryFilter : IActionFilter
{
    public const string ViewName = "RefusedInput";

    public void OnActionExecuting(ActionExecutingContext context)
    {
        var request = context.HttpContext.Request;
        if (!(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) || request.IsApi()
            || RefusedInput.Of(context.HttpContext) is not { Count: > 0 } messages || context.Controller is not Controller controller)
        {
            return;
        }

        var page = controller.View(ViewName, messages);
        page.StatusCode = StatusCodes.Status400BadRequest;
        context.Result = page;
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}
