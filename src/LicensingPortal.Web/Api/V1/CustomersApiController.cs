using System.ComponentModel.DataAnnotations;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Customers;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Api.V1;

public sealed record CustomerPageResource(IReadOnlyList<CustomerRow> Items, string? NextCursor);

/// <summary>Customers (R21): the same use cases as the Customers pages, the same permissions and tenancy.</summary>
[Tags("Customers")]
[Route("api/v1")]
public sealed class CustomersApiController(GetCustomer details) : ApiControllerBase
{
    [RequirePermission(Permission.ViewCustomers)]
    [HttpGet("customers", Name = "ListCustomers")]
    [EndpointSummary("List customers")]
    [EndpointDescription(
        "Customers the key's company may see, 25 a page unless `pageSize` says otherwise (up to 200), keyset-paged: pass `nextCursor` as `after` " +
        "(null on the last page). `status` filters by worst license status (R8), `servicePlanId` to those with a license on that plan.")]
    [ProducesResponseType<CustomerPageResource>(StatusCodes.Status200OK)]
    public async Task<CustomerPageResource> List(
        [FromServices] ListCustomers list, string? search, LicenseStatus? status, Guid? productId, CustomerSort sort = CustomerSort.Name, bool descending = false, string? after = null,
        Guid? servicePlanId = null, [Range(1, Paging.MaxPageSize, ErrorMessage = PageSizeMessage)] int pageSize = ListCustomers.PageSize, CancellationToken cancellationToken = default)
    {
        var page = await list.HandleAsync(new CustomerListQuery(search, status, productId, sort, descending, after, servicePlanId, pageSize), cancellationToken);
        return new CustomerPageResource(page.Rows, page.NextCursor);
    }

    [RequirePermission(Permission.ViewCustomers)]
    [HttpGet("customers/{customerId:guid}", Name = "GetCustomer")]
    [EndpointSummary("Get a customer")]
    [EndpointDescription("A customer with its licenses (status from the clock, R8) and the plans it may be given.")]
    [ProducesResponseType<CustomerDetail>(StatusCodes.Status200OK)]
    public async Task<ActionResult<CustomerDetail>> Get(Guid customerId, CancellationToken cancellationToken) =>
        await details.HandleAsync(customerId, cancellationToken) is { } customer ? customer : NotFoundProblem();

    [RequirePermission(Permission.ManageCustomers)]
    [HttpPost("customers", Name = "CreateCustomer")]
    [EndpointSummary("Create a customer")]
    [EndpointDescription("Creates a customer of the key's company (refused for a suspended partner, R11). Send an Idempotency-Key to make retries safe.")]
    [Idempotent]
    [ProducesResponseType<CustomerDetail>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> Create([FromServices] SaveCustomer save, CustomerInput input, CancellationToken cancellationToken)
    {
        var result = await save.CreateAsync(input, cancellationToken);
        if (!result.Succeeded)
        {
            return Problem(result);
        }

        var customer = await details.HandleAsync(result.Value, cancellationToken);
        return Created($"/api/v1/customers/{result.Value}", customer);
    }

    [RequirePermission(Permission.AssignPlansToCustomers)]
    [HttpPost("customers/{customerId:guid}/licenses", Name = "AssignPlan")]
    [EndpointSummary("Assign a service plan to a customer")]
    [EndpointDescription(
        "A new purchase: assigns a service plan to the customer (R4 End of Sale/Life, R5 lock, R11, R12 pool are checked); `units` defaults to the plan's. " +
        "The answer is the customer with its licenses. Send an Idempotency-Key to make retries safe.")]
    [Idempotent]
    [ProducesResponseType<CustomerDetail>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> AssignPlan([FromServices] AssignPlan assign, Guid customerId, AssignPlanRequest request, CancellationToken cancellationToken)
    {
        if (!await details.IsVisibleAsync(customerId, cancellationToken: cancellationToken))
        {
            return NotFoundProblem();
        }

        var result = await assign.HandleAsync(customerId, request.ServicePlanId, request.Units, cancellationToken);
        if (!result.Succeeded)
        {
            return Problem(result);
        }

        return Created($"/api/v1/customers/{customerId}", await details.HandleAsync(customerId, cancellationToken));
    }
}
