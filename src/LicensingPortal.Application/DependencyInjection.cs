using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace LicensingPortal.Application;

public static class DependencyInjection
{
    /// <summary>Registers every use case: the plain public classes with a HandleAsync, or that take the database in their constructor.</summary>
    public static IServiceCollection AddPortalUseCases(this IServiceCollection services)
    {
        var useCases = typeof(DependencyInjection).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true }
                && (t.GetMethods().Any(m => m.Name == "HandleAsync")
                    || t.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(Common.IPortalDbContext)))));
        foreach (var type in useCases)
        {
            services.AddScoped(type);
        }

        // Shared by every request of the process (it keeps what it read).
        services.AddSingleton<Products.ProductNames>();
        services.AddSingleton<Branding.BrandLookup>();
        services.AddScoped<SingleSignOn.ICompanySso>(s => s.GetRequiredService<SingleSignOn.CompanySso>());
        // A test may answer this itself (registered before).
        services.TryAddScoped<SignInPolicies.ICompanySsoDirectory>(s => s.GetRequiredService<SingleSignOn.CompanySso>());
        services.AddSingleton<SignInPolicies.SignInPolicyLookup>();
        services.TryAddSingleton(new SignInPolicies.SignInPolicyDefaults());

        return services;
    }
}
