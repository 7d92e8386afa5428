using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.SignInPolicies;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <param name="Input">What the form shows: the policy as stored, or as the user sent it when it was refused.</param>
public sealed record SignInPolicyPage(SignInPolicyView Policy, SignInPolicyInput Input);

/// <summary>
/// R26, Sign-in policy: a company's administrators see the policy in force for their users and where each setting comes
/// from, and make it stricter than their parent's; a provider's administrators also their partners'. A looser value is
/// refused with the sentence, however the POST was made. Another company's policy is not found (R1).
/// </summary>
[RequirePermission(Permission.ManageSignInPolicy)]
public sealed class SignInPolicyController : Controller
{
    [HttpGet("sign-in-policy")]
    public IActionResult Index([FromServices] ICurrentUser user) => RedirectToAction(nameof(Edit), new { companyId = user.CompanyId });

    [HttpGet("companies/{companyId:guid}/sign-in-policy")]
    public async Task<IActionResult> Edit([FromServices] GetSignInPolicy get, Guid companyId, CancellationToken cancellationToken) =>
        await get.HandleAsync(companyId, cancellationToken) is { } policy ? View(new SignInPolicyPage(policy, SignInPolicyInput.From(policy))) : NotFound();

    [HttpPost("companies/{companyId:guid}/sign-in-policy")]
    public async Task<IActionResult> Edit(
        [FromServices] SaveSignInPolicy save, [FromServices] GetSignInPolicy get, Guid companyId, [Bind(Prefix = nameof(SignInPolicyPage.Input))] SignInPolicyInput input, CancellationToken cancellationToken)
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

            result.AddTo(ModelState, nameof(SignInPolicyPage.Input), typeof(SignInPolicyInput));
        }

        return await get.HandleAsync(companyId, cancellationToken) is { } policy ? View(new SignInPolicyPage(policy, input)) : NotFound();
    }
}
