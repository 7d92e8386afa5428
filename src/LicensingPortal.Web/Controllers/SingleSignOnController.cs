using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.SingleSignOn;
using LicensingPortal.Web.Security;
using LicensingPortal.Web.Security.SingleSignOn;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <param name="Input">What the form shows: the provider as stored (never its secret), or as the user sent it when it was refused.</param>
/// <param name="RedirectUri">What the company gives its identity provider as the portal's redirect URI.</param>
public sealed record SingleSignOnPage(SsoView Sso, SsoInput Input, string RedirectUri);

/// <summary>
/// R26, Single sign-on: a company's administrators register its own OpenID Connect identity provider (the provider's and
/// each partner's, for their own users). Another company's is not found (R1).
/// </summary>
[RequirePermission(Permission.ManageSingleSignOn)]
public sealed class SingleSignOnController : Controller
{
    [HttpGet("single-sign-on")]
    public IActionResult Index([FromServices] ICurrentUser user) => RedirectToAction(nameof(Edit), new { companyId = user.CompanyId });

    [HttpGet("companies/{companyId:guid}/single-sign-on")]
    public async Task<IActionResult> Edit([FromServices] GetSso get, Guid companyId, CancellationToken cancellationToken) =>
        await get.HandleAsync(companyId, cancellationToken) is { } sso ? View(Page(sso, SsoInput.From(sso))) : NotFound();

    [HttpPost("companies/{companyId:guid}/single-sign-on")]
    public async Task<IActionResult> Edit(
        [FromServices] SaveSso save, [FromServices] GetSso get, Guid companyId, [Bind(Prefix = nameof(SingleSignOnPage.Input))] SsoInput input, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await save.HandleAsync(companyId, input, cancellationToken);
            if (result.Kind == ResultKind.NotFound)
            {
                return NotFound();
            }

            if (result.Succeeded)
            {
                this.Flash(result.Message!);
                return RedirectToAction(nameof(Edit), new { companyId });
            }

            result.AddTo(ModelState, nameof(SingleSignOnPage.Input), typeof(SsoInput));
        }

        // The secret typed is never sent back to the browser.
        input.ClientSecret = null;
        return await get.HandleAsync(companyId, cancellationToken) is { } sso ? View(Page(sso, input)) : NotFound();
    }

    private SingleSignOnPage Page(SsoView sso, SsoInput input) =>
        new(sso, input, $"{Request.Scheme}://{Request.Host}{Request.PathBase}{SsoAuthentication.CallbackPath}");
}
