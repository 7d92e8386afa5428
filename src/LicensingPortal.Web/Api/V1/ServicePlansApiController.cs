using LicensingPortal.Application.Security;
using LicensingPortal.Application.ServicePlans;
using LicensingPortal.Domain.Companies;
using LicensingPortal.Domain.Licensing;
using LicensingPortal.Domain.Products;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Api.V1;

/// <summary>Service Plans and Service plan component updates (R5) through the same use cases as their pages.</summary>
[Tags("Service plans")]
[Route("api/v1")]
public sealed class ServicePlansApiController : ApiControllerBase
{
    /// <summary>The company's plans; for a reseller, the plans its provider assigned to it (R14).</summary>
    [RequirePermission(Permission.ViewServicePlans)]
    [HttpGet("service-plans", Name = "ListServicePlans")]
    [ProducesResponseType<IReadOnlyList<ServicePlanRow>>(StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<ServicePlanRow>> List(
        [FromServices] ListServicePlans list, string? search, Guid? productId, LicenseType? licenseType, Lifecycle? lifecycle, bool? locked,
        CancellationToken cancellationToken = default) =>
        (await list.HandleAsync(new ServicePlanFilter(search, productId, licenseType, lifecycle, locked), cancellationToken)).Plans;

    [RequirePermission(Permission.ViewServicePlans)]
    [HttpGet("service-plans/{planId:guid}", Name = "GetServicePlan")]
    [ProducesResponseType<ServicePlanDetail>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get([FromServices] GetServicePlan get, Guid planId, CancellationToken cancellationToken)
    {
        var result = await get.HandleAsync(planId, cancellationToken);
        return result.Succeeded ? Ok(result.Value) : Problem(result);
    }

    /// <summary>Suite composition changes awaiting the company's approval, and those it approved (R5).</summary>
    [RequirePermission(Permission.ViewServicePlans)]
    [HttpGet("suite-change-approvals", Name = "ListSuiteChangeApprovals")]
    [ProducesResponseType<ComponentUpdates>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Approvals([FromServices] ListComponentUpdates list, CancellationToken cancellationToken)
    {
        // Resellers own no plans: their provider approves suite changes (R5), as on the page.
        if (User.CompanyType() == CompanyType.Reseller)
        {
            return NotFoundProblem();
        }

        return Ok(await list.HandleAsync(cancellationToken));
    }

    /// <summary>Approves a suite composition change: the company's plans of that product unlock (R5).</summary>
    [RequirePermission(Permission.ApproveSuiteChanges)]
    [HttpPost("suite-change-approvals/{changeId:guid}/approve", Name = "ApproveSuiteChange")]
    [ProducesResponseType<MessageResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> Approve([FromServices] ApproveSuiteChange approve, Guid changeId, CancellationToken cancellationToken)
    {
        var result = await approve.HandleAsync(changeId, cancellationToken);
        return result.Succeeded ? Ok(new MessageResource(result.Message ?? "Approved.")) : Problem(result);
    }
}
