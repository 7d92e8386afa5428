namespace LicensingPortal.Web.Security;

/// <summary>
/// Response headers for every page (ASVS 5.0 V3): a CSP that allows scripts only from the app itself
/// (no inline script, no eval), no framing, no MIME sniffing, a strict referrer policy.
/// HSTS is added by UseHsts outside Development (a year; subdomains by <c>Security:HstsIncludeSubDomains</c>).
/// What the API answers and every export carry <c>Cache-Control: no-store</c>: their data is one company's.
/// A response that set a policy of its own keeps it: a brand's SVG logo (R25) sets a stricter one, which lets nothing run.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
                {
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                }

                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (IsPrivateData(context))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            });
            return next(context);
        });

    /// <summary>An API answer, or a file download (CSV exports and the bulk change files).</summary>
    private static bool IsPrivateData(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || context.Response.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true
        || context.Response.Headers.ContentDisposition.ToString().StartsWith("attachment", StringComparison.OrdinalIgnoreCase);
}
