using LicensingPortal.Application.MyLicenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>My licenses (R25): a customer's own user sees its customer's licenses, nothing else; a customer user lands here.</summary>
[Route("my/licenses")]
[RequirePermission(Permission.ViewOwnLicenses)]
public sealed class MyLicensesController : Controller
{
    /// <summary>Where a customer user's "Ask for a change" goes (the change request form, R25).</summary>
    public static string AskForChangeUrl(Guid licenseId) => $"/my/licenses/{licenseId}/requests/new";

    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListMyLicenses list, CancellationToken cancellationToken) =>
        await list.HandleAsync(cancellationToken) is { } view ? View(view) : NotFound();

    [HttpGet("{licenseId:guid}")]
    public async Task<IActionResult> Show(Guid licenseId, [FromServices] GetMyLicense get, CancellationToken cancellationToken) =>
        await get.HandleAsync(licenseId, cancellationToken) is { } view ? View(view) : NotFound();
}
