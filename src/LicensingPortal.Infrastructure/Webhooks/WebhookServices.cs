using LicensingPortal.Application.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.Infrastructure.Webhooks;

public static class WebhookServices
{
    /// <summary>
    /// The job, the secrets and the HTTP client: a short timeout, no redirects followed, no cookies, and a connect
    /// step that refuses non-public addresses at send time (ADR 0011). Data Protection must be registered.
    /// </summary>
    public static IServiceCollection AddWebhooks(this IServiceCollection services, Func<IServiceProvider, WebhookSettings> settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<IWebhookSecrets, WebhookSecrets>();
        services.AddSingleton<IWebhookTargetCheck, WebhookTargetCheck>();
        services.AddSingleton<WebhookJob>();
        services.AddHttpClient(WebhookSettings.HttpClientName, (sp, client) => client.Timeout = sp.GetRequiredService<WebhookSettings>().Timeout + TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var current = sp.GetRequiredService<WebhookSettings>();
                return new SocketsHttpHandler
                {
                    AllowAutoRedirect = false,
                    UseCookies = false,
                    UseProxy = false,
                    ConnectTimeout = current.Timeout,
                    ConnectCallback = (context, cancellationToken) => WebhookTargetCheck.ConnectAsync(current, context, cancellationToken),
                };
            });
        return services;
    }
}
