namespace LicensingPortal.Web.Startup;

/// <summary>
/// A request its client gave up on (a closed tab, a proxy's timeout, the end of a load test) cancels the request's
/// token, and the database call waiting on it throws. That is not the portal failing: the request ends with 499
/// (nginx's "client closed request"), which the request log writes as information, instead of a 500 with a stack
/// trace at error level.
/// </summary>
public static class ClientAbortedRequests
{
    public const int StatusCode = 499;

    public static IApplicationBuilder UseClientAbortedRequests(this IApplicationBuilder app) => app.Use(HandleAsync);

    public static async Task HandleAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = StatusCode;
            }
        }
    }
}
