using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Scalar.AspNetCore;

namespace LicensingPortal.Web.Api;

/// <summary>The REST API's plumbing (R21): key authentication, per-key rate limit, problem details, OpenAPI.</summary>
public static class ApiServices
{
    public const string PathPrefix = "/api";
    public const string RateLimitPolicy = "api";
    public const string DocumentName = "v1";

    /// <summary>Chooses the scheme by path: /api by API key only, everything else by the sign-in cookie only.</summary>
    private const string PortalScheme = "Portal";

    public static bool IsApi(this HttpRequest request) => request.Path.StartsWithSegments(PathPrefix);

    public static IServiceCollection AddPortalApi(this IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = PortalScheme;
                options.DefaultAuthenticateScheme = PortalScheme;
                options.DefaultChallengeScheme = PortalScheme;
                options.DefaultForbidScheme = PortalScheme;
            })
            .AddPolicyScheme(PortalScheme, "Cookie for pages, API key for /api", options =>
                options.ForwardDefaultSelector = context => context.Request.IsApi() ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Input that does not bind (malformed JSON, unknown fields, wrong types) is R18, like a bad form.
            if (context.ProblemDetails.Status == StatusCodes.Status400BadRequest && !context.ProblemDetails.Extensions.ContainsKey(ApiProblems.RuleCode))
            {
                context.ProblemDetails.Extensions[ApiProblems.RuleCode] = "R18";
            }
        });

        // Numbers are numbers both ways (the web defaults also read "12" as 12, which the OpenAPI document then
        // had to type `integer | string`). MVC reads and writes with the first options, the document is generated
        // from the second: both say the same.
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options =>
        {
            options.JsonSerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.JsonSerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.JsonSerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
        });

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.AddPolicy(RateLimitPolicy, context =>
            {
                var configuration = context.RequestServices.GetRequiredService<IConfiguration>();
                var permits = configuration.GetValue("Api:RateLimit:PermitsPerMinute", 300);
                var partition = context.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim)
                    ?? "anonymous:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = permits,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = (context, _) =>
            {
                var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : 60;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                return new ValueTask(ApiProblems.WriteAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, "Too many requests",
                    $"This API key made too many requests. Retry after {seconds} seconds.", "R21"));
            };
        });

        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer<ApiOperationTransformer>();
            options.AddSchemaTransformer<ApiSchemaTransformer>();
        });
        services.AddScoped<IdempotencyFilter>();
        return services;
    }

    /// <summary>/api answers in problem details even where MVC does not run (an unknown route, a wrong method).</summary>
    public static IApplicationBuilder UseApiProblemResponses(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.IsApi())
            {
                await next(context);
                return;
            }

            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusPages)
            {
                statusPages.Enabled = false;
            }

            await next(context);
            if (context.Response is { StatusCode: >= 400, HasStarted: false, ContentLength: null or 0 } response && string.IsNullOrEmpty(response.ContentType))
            {
                await ApiProblems.WriteAsync(context, response.StatusCode, response.StatusCode == 404 ? "Not found" : "Request refused",
                    response.StatusCode == 404 ? "Not found." : $"The request was refused ({response.StatusCode}).", response.StatusCode == 404 ? "R1" : null);
            }
        });

    /// <summary>
    /// The OpenAPI document (/openapi/v1.json) and its interactive reference (/api/reference), both public.
    /// Scalar's own page starts with an inline script the portal's CSP refuses, so the reference is our page
    /// (wwwroot/api-reference.html) loading only Scalar's bundle, which Scalar.AspNetCore serves under /api/reference/assets.
    /// </summary>
    public static void MapPortalApiDocuments(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api/reference/assets", options => options.WithTitle("LicensingPortal API")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/api/reference", (IWebHostEnvironment environment) =>
                Results.File(Path.Combine(environment.WebRootPath, "api-reference.html"), "text/html; charset=utf-8"))
            .AllowAnonymous()
            .ExcludeFromDescription();
    }
}
