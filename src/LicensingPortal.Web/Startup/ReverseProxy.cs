using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace LicensingPortal.Web.Startup;

/// <summary>
/// Behind a reverse proxy (docs/deployment.md): trust X-Forwarded-For/-Proto/-Host from the proxies
/// listed in <c>ForwardedHeaders:KnownProxies</c> (default: loopback), so the app sees the client's
/// scheme (HTTPS: Secure cookies, HSTS) and address. Off unless <c>ForwardedHeaders:Enabled</c>.
/// </summary>
public static class ReverseProxy
{
    public static IServiceCollection AddReverseProxySupport(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            options.ForwardLimit = 1;
            foreach (var proxy in configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [])
            {
                if (IPAddress.TryParse(proxy, out var address))
                {
                    options.KnownProxies.Add(address);
                }
            }

            var hosts = configuration.GetSection("ForwardedHeaders:AllowedHosts").Get<string[]>();
            if (hosts is { Length: > 0 })
            {
                options.AllowedHosts = hosts;
            }
        });
        return services;
    }

    public static WebApplication UseReverseProxySupport(this WebApplication app)
    {
        if (app.Configuration.GetValue("ForwardedHeaders:Enabled", false))
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
