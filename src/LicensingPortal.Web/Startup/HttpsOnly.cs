using LicensingPortal.Web.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace LicensingPortal.Web.Startup;

/// <summary>
/// Outside Development every cookie is Secure (ADR 0006), so a page served over plain HTTP cannot work: the
/// antiforgery cookie refused to be written and the sign-in page, then its error page, answered 500. Two guards:
/// start-up stops, with one log line naming the settings, when the portal listens on HTTP only and trusts no proxy's
/// forwarded headers; and a page request that still arrives over HTTP (a second, HTTP endpoint; a proxy that sends
/// no X-Forwarded-Proto) is redirected to HTTPS when the portal knows its HTTPS port, or answered with a plain page
/// saying so. The API (no cookies) and the health checks (probed over HTTP by balancers) are not affected.
/// </summary>
public static class HttpsOnly
{
    private const string Page = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8" /><title>HTTPS required – Licensing Portal</title></head>
        <body>
        <main>
        <h1>This portal is served over HTTPS only</h1>
        <p>Open it with the https:// address your administrator gave you. Signing in needs a secure connection.</p>
        </main>
        </body>
        </html>
        """;

    /// <summary>Why the started portal must stop (it listens on HTTP only, outside Development, trusting no proxy); null when it may serve.</summary>
    public static string? StartProblem(WebApplication app)
    {
        if (app.Environment.IsDevelopment() || app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
        {
            return null;
        }

        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        if (addresses is not { Count: > 0 } || addresses.Any(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        return $"the portal listens on {string.Join(", ", addresses)} without HTTPS in the {app.Environment.EnvironmentName} environment, where its cookies are Secure " +
            "and no browser could sign in. Listen on an https:// address (ASPNETCORE_URLS or Kestrel:Endpoints, with a certificate), " +
            "or set ForwardedHeaders:Enabled=true behind a proxy that terminates TLS (docs/deployment.md).";
    }

    /// <summary>After the forwarded headers (which tell a proxied request's scheme), before anything that writes a cookie.</summary>
    public static WebApplication UseHttpsOnlyPages(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            return app;
        }

        app.UseWhen(
            context => !context.Request.IsHttps && !context.Request.IsApi() && !context.Request.Path.StartsWithSegments("/health")
                && context.Features.Get<IExceptionHandlerFeature>() is null, // the error of an API request, answered as problem details
            plain =>
            {
                plain.UseHttpsRedirection();
                plain.Run(context =>
                {
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    context.Response.ContentType = "text/html; charset=utf-8";
                    context.Response.Headers.CacheControl = "no-store";
                    return context.Response.WriteAsync(Page);
                });
            });
        return app;
    }
}
