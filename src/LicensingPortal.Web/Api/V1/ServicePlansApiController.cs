using LicensingPortal.Application.Security;
using LicensingPortal.Application.ServicePlans;
using LicensingPortal.Application.SuiteChanges;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Api.V1;

/// <summary>Service Plans and Service plan component updates (R5) through the same use cases as their pages.</summary>
[Tags("Service plans")]
[Route("api/v1")]
public sealed class ServicePlansApiController : ApiControllerBase
{
    [RequirePermission(Permission.ViewServicePlans)]
    [HttpGet("service-plans", Name = "ListServicePlans")]
    [EndpointSummary("List service plans")]
    [EndpointDescription("The company's plans, filtered; for a reseller, the plans its provider assigned to it (R14). Not paged.")]
    [ProducesResponseType<IReadOnlyList<ServicePlanRow>>(StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<ServicePlanRow>> List(
        [FromServices] ListServicePlans list, string? search, Guid? productId, LicenseType? licenseType, Lifecycle? lifecycle, bool? locked,
        CancellationToken cancellationToken = default) =>
        (await list.HandleAsync(new ServicePlanFilter(search, productId, licenseType, lifecycle, locked), cancellationToken)).Plans;

    [RequirePermission(Permission.ViewServicePlans)]
    [HttpGet("service-plans/{planId:guid}", Name = "GetServicePlan")]
    [EndpointSummary("Get a service plan")]
    [EndpointDescription("One plan with how many of the company's customers use it and the first 100 by name; its ETag is its version (send it as If-Match to change the plan).")]
    [ReturnsETag]
    [ProducesResponseType<ServicePlanDetail>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get([FromServices] GetServicePlan get, Guid planId, CancellationToken cancellationToken)
    {
        var result = await get.HandleAsync(planId, cancellationToken);
        if (!result.Succeeded)
        {
            return Problem(result);
        }

        Response.Headers.ETag = ETagOf(result.Value!.Version);
        return Ok(result.Value);
    }

    [RequirePermission(Permission.ManageServicePlans)]
    [HttpPost("service-plans", Name = "CreateServicePlan")]
    [EndpointSummary("Create a service plan")]
    [EndpointDescription("Creates a plan of the key's company (provider, MSP; R14: resellers use their provider's). Send an Idempotency-Key to make retries safe.")]
    [ReturnsETag]
    [Idempotent]
    [ProducesResponseType<ServicePlanDetail>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> Create(
        [FromServices] SaveServicePlan save, [FromServices] GetServicePlan get, ServicePlanRequest request,
        CancellationToken cancellationToken)
    {
        var result = await save.HandleAsync(null, request.ToInput(version: 0), cancellationToken);
        if (!result.Succeeded)
        {
            return Problem(result);
        }

        var created = (await get.HandleAsync(result.Value, cancellationToken)).Value!;
        Response.Headers.ETag = ETagOf(created.Version);
        return Created($"/api/v1/service-plans/{result.Value}", created);
    }

    [RequirePermission(Permission.ManageServicePlans)]
    [HttpPut("service-plans/{planId:guid}", Name = "UpdateServicePlan")]
    [EndpointSummary("Change a service plan")]
    [EndpointDescription("Changes a plan the company owns, as the edit page does (customers who have it keep their licenses). Needs If-Match (R19).")]
    [ReturnsETag]
    [ProducesResponseType<ServicePlanDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public async Task<IActionResult> Update(
        [FromServices] SaveServicePlan save, [FromServices] GetServicePlan get, Guid planId, ServicePlanRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        // Another company's plan, or one assigned to a reseller by its provider, is not the caller's to change (R1, R14).
        if ((await get.HandleAsync(planId, cancellationToken)).Value is not { IsOwner: true } current)
        {
            return NotFoundProblem();
        }

        if (Precondition(ifMatch, current.Version) is { } refusal)
        {
            return refusal;
        }

        var result = await save.HandleAsync(planId, request.ToInput(current.Version), cancellationToken);
        if (!result.Succeeded)
        {
            return Problem(result);
        }

        var saved = (await get.HandleAsync(planId, cancellationToken)).Value!;
        Response.Headers.ETag = ETagOf(saved.Version);
        return Ok(saved);
    }

    [RequirePermission(Permission.ViewServicePlans)]
    [HttpGet("suite-change-approvals", Name = "ListSuiteChangeApprovals")]
    [EndpointSummary("List suite change approvals")]
    [EndpointDescription("Suite composition changes awaiting the company's approval (its plans of that product are locked, R5), and those it approved. Not for resellers (404): their provider approves.")]
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

    [RequirePermission(Permission.ApproveSuiteChanges)]
    [HttpPost("suite-change-approvals/{changeId:guid}/approve", Name = "ApproveSuiteChange")]
    [EndpointSummary("Approve a suite composition change")]
    [EndpointDescription("Approves a suite composition change: the company's plans of that product unlock (R5); 422 when it already approved.")]
    [ProducesResponseType<MessageResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> Approve([FromServices] ApproveSuiteChange approve, Guid changeId, CancellationToken cancellationToken)
    {
        var result = await approve.HandleAsync(changeId, cancellationToken);
        return result.Succeeded ? Ok(new MessageResource(result.Message ?? "Approved.")) : Problem(result);
    }
}

/// <summary>A service plan as the API creates or changes it: the create/edit form's fields (PRODUCT.md §2).</summary>
public sealed record ServicePlanRequest(
    string? Name,
    Guid? ProductId,
    Guid? ServiceLevelId,
    LicenseType LicenseType = LicenseType.Full,
    int? PeriodLength = 12,
    PeriodUnit PeriodUnit = PeriodUnit.Months,
    int? UnitsPerLicense = 1,
    bool AutoRenewDefault = true,
    bool AddOnAvailable = false)
{
    public ServicePlanInput ToInput(int version) => new()
    {
        Name = Name,
        ProductId = ProductId,
        ServiceLevelId = ServiceLevelId,
        LicenseType = LicenseType,
        PeriodLength = PeriodLength,
        PeriodUnit = PeriodUnit,
        UnitsPerLicense = UnitsPerLicense,
        AutoRenewDefault = AutoRenewDefault,
        AddOnAvailable = AddOnAvailable,
        Version = version,
    };
}
