using LicensingPortal.Application.MyLicenses;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Api.V1;

/// <summary>
/// My licenses as an API (R25, R21): a customer's own key reads the customer's licenses, as its users' My licenses page shows
/// them (prices only where the owner shows them). Any other key: 404, as these routes are a customer user's only. A customer has
/// a handful of licenses, so the list is not paged.
/// </summary>
[Tags("My licenses")]
[Route("api/v1")]
public sealed class MyLicensesApiController : ApiControllerBase
{
    [RequirePermission(Permission.ViewOwnLicenses)]
    [HttpGet("my/licenses", Name = "ListMyLicenses")]
    [EndpointSummary("List the customer's own licenses")]
    [EndpointDescription(
        "A customer's own key: its licenses with plan, units, expiry, status (R8), auto-renewal and the pending change (R23); `price` where its " +
        "partner shows prices, else null. `readOnlyReason` says why nothing can be asked for now (its partner suspended, R11), else null.")]
    [ProducesResponseType<MyLicensesView>(StatusCodes.Status200OK)]
    public async Task<IActionResult> List([FromServices] ListMyLicenses list, CancellationToken cancellationToken) =>
        await list.HandleAsync(cancellationToken) is { } view ? Ok(view) : NotFoundProblem();

    [RequirePermission(Permission.ViewOwnLicenses)]
    [HttpGet("my/licenses/{licenseId:guid}", Name = "GetMyLicense")]
    [EndpointSummary("Get one of the customer's own licenses")]
    [EndpointDescription("One license of the key's customer; another customer's license is 404 (R1).")]
    [ProducesResponseType<MyLicenseView>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get([FromServices] GetMyLicense get, Guid licenseId, CancellationToken cancellationToken) =>
        await get.HandleAsync(licenseId, cancellationToken) is { } view ? Ok(view) : NotFoundProblem();
}
