using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LicensingPortal.FunctionalTests;

/// <summary>
/// Every MVC action names the permission it needs from the one matrix, or is explicitly anonymous.
/// Read from the app's own action metadata, so a new action is covered without anyone remembering.
/// </summary>
public sealed class AuthorizationCoverageTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public void Every_action_requires_a_permission_or_is_explicitly_anonymous()
    {
        var actions = factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .ToList();

        var unguarded = actions
            .Where(a => !a.EndpointMetadata.OfType<RequirePermissionAttribute>().Any() && !a.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            .Select(a => $"{a.ControllerName}.{a.ActionName}")
            .ToList();

        Assert.NotEmpty(actions);
        Assert.True(unguarded.Count == 0, "Actions without [RequirePermission] or [AllowAnonymous]: " + string.Join(", ", unguarded));
    }

    [Fact]
    public void Only_sign_in_error_and_set_password_pages_and_brand_logos_are_anonymous()
    {
        var anonymous = factory.Services.GetRequiredService<IActionDescriptorCollectionProvider>().ActionDescriptors.Items
            .OfType<ControllerActionDescriptor>()
            .Where(a => a.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            .Select(a => a.ControllerName)
            .Distinct()
            .ToList();

        Assert.All(anonymous, controller => Assert.Contains(controller, new[] { "Account", "Error", "SetPassword", "BrandLogo" }));
    }
}
