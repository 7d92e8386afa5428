using System.Globalization;
using LicensingPortal.Web.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace LicensingPortal.Web.Input;

/// <summary>
/// A body larger than its endpoint accepts (<c>[RequestSizeLimit]</c>: 64 KB for the API, 1 MB for its CSV, 2 MB
/// for the CSV upload page; the server's limit elsewhere) is answered 413 before anything reads it: problem
/// details on /api, the error page naming the limit for a form. Kestrel refused such a body only once a form or
/// JSON reader was in the middle of it, which surfaced as a 500; a body without a length that grows past the
/// limit while being read still ends here as 413.
/// </summary>
public static class RequestBodyLimits
{
    private static readonly object LimitKey = new();

    /// <summary>The limit the request exceeded, for the error page.</summary>
    public static long? ExceededLimit(HttpContext context) => context.Items[LimitKey] as long?;

    public static string Describe(long bytes) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? $"{(bytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)} MB"
        : bytes >= 1024 ? $"{(bytes / 1024).ToString(CultureInfo.InvariantCulture)} KB"
        : $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes";

    /// <summary>After routing (the endpoint names its limit), before authentication and anything that reads the body.</summary>
    public static IApplicationBuilder UseRequestBodyLimits(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Features.Get<IStatusCodeReExecuteFeature>() is not null || context.Features.Get<IExceptionHandlerFeature>() is not null)
            {
                // The error page for this same request: its body was refused already and is not read again.
                await next(context);
                return;
            }

            var limit = LimitOf(context);
            if (limit is { } max && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            {
                feature.MaxRequestBodySize = max;
            }

            if (limit is { } allowed && context.Request.ContentLength > allowed)
            {
                await TooLargeAsync(context, allowed);
                return;
            }

            try
            {
                await next(context);
            }
            catch (Exception e) when (IsTooLarge(e) && !context.Response.HasStarted)
            {
                context.Response.Clear();
                await TooLargeAsync(context, limit ?? 0);
            }
        });

    private static long? LimitOf(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>() is { } endpointLimit)
        {
            return endpointLimit.MaxRequestBodySize;
        }

        return context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize
            ?? context.RequestServices.GetRequiredService<IOptions<KestrelServerOptions>>().Value.Limits.MaxRequestBodySize;
    }

    private static bool IsTooLarge(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is Microsoft.AspNetCore.Http.BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }

    private static Task TooLargeAsync(HttpContext context, long limit)
    {
        context.Items[LimitKey] = limit;
        if (context.Request.IsApi())
        {
            return ApiProblems.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "Request too large",
                $"The request body is larger than the {Describe(limit)} this endpoint accepts. Send less at once.", "R18");
        }

        // The error page (status code pages) names the limit; the connection's body is not read.
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        return Task.CompletedTask;
    }
}
