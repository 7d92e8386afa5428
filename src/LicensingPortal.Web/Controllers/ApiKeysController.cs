using LicensingPortal.Application.ApiKeys;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <param name="Roles">The roles a key may act with: a company's, or a customer's users' for a customer's own keys (R25).</param>
public sealed record ApiKeysPage(IReadOnlyList<ApiKeyRow> Keys, ApiKeyInput Input, IReadOnlyList<string> Roles, string? CreatedSecret = null, string? CreatedName = null);

/// <summary>
/// API Keys (R21): the company's keys for the REST API, each acting with one role; the secret is shown once. A customer's
/// administrator (R25) manages its customer's own keys here, which act as its users do.
/// </summary>
[RequirePermission(Permission.ManageApiKeys)]
[Route("api-keys")]
public sealed class ApiKeysController(ListApiKeys list, ICurrentUser user) : Controller
{
    /// <summary>The roles offered; the last, least-privileged one is chosen first.</summary>
    private IReadOnlyList<string> Roles => ApiKeyScope.RolesFor(user);

    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new ApiKeysPage(await list.HandleAsync(cancellationToken), new ApiKeyInput { Role = Roles[^1] }, Roles));

    /// <summary>Not a redirect: the secret is rendered in this one answer and stored nowhere but as a hash.</summary>
    [HttpPost("")]
    public async Task<IActionResult> Create([FromServices] CreateApiKey create, [Bind(Prefix = "Input")] ApiKeyInput input, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), new ApiKeysPage(await list.HandleAsync(cancellationToken), input, Roles));
        }

        var result = await create.HandleAsync(input, cancellationToken);
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, "Input", typeof(ApiKeyInput));
            return View(nameof(Index), new ApiKeysPage(await list.HandleAsync(cancellationToken), input, Roles));
        }

        Response.Headers.CacheControl = "no-store";
        return View(nameof(Index), new ApiKeysPage(await list.HandleAsync(cancellationToken), new ApiKeyInput { Role = input.Role }, Roles, result.Value, input.Name!.Trim()));
    }

    [HttpPost("{keyId:guid}/revoke")]
    public async Task<IActionResult> Revoke([FromServices] RevokeApiKey revoke, Guid keyId, CancellationToken cancellationToken)
    {
        var result = await revoke.HandleAsync(keyId, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        this.Flash(result);
        return RedirectToAction(nameof(Index));
    }
}
