using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.Application;

public static class DependencyInjection
{
    /// <summary>Registers every use case: plain classes, constructor-injected, one per action.</summary>
    public static IServiceCollection AddPortalUseCases(this IServiceCollection services)
    {
        var useCases = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.GetMethods().Any(m => m.Name == "HandleAsync"));
        foreach (var type in useCases)
        {
            services.AddScoped(type);
        }

        return services;
    }
}
