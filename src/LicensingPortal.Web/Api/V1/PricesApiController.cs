using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Api.V1;

/// <summary>
/// R24 prices through the same use cases as the Prices pages (R21): the provider's list prices and partner prices, an MSP's
/// resale prices, a plan's charging policy. Reading needs ViewBilling, setting ManagePrices; what is not the key's company's is
/// not found (R1), as on the pages.
/// </summary>
[Tags("Prices")]
[Route("api/v1")]
public sealed class PricesApiController : ApiControllerBase
{
    [RequirePermission(Permission.ViewBilling)]
    [HttpGet("prices", Name = "ListPrices")]
    [EndpointSummary("List prices")]
    [EndpointDescription(
        "For a provider, every charged plan it prices (its own and its partners') with the list price in force today, the next scheduled one and " +
        "every row. For a partner, the plans it sells with their list price and what it pays after its own price (cost, nextCost); for an MSP " +
        "also its resale prices and its margin a unit a month. Trial and NFR plans are free and not listed.")]
    [ProducesResponseType<PriceList>(StatusCodes.Status200OK)]
    public Task<PriceList> List([FromServices] GetPriceList list, CancellationToken cancellationToken) => list.HandleAsync(cancellationToken);

    [RequirePermission(Permission.ViewBilling)]
    [HttpGet("prices/{planId:guid}", Name = "GetPlanPrices")]
    [EndpointSummary("Get a plan's prices")]
    [EndpointDescription("One plan's row of the price list; its ETag is the plan's version (send it as If-Match to set the charging policy).")]
    [ReturnsETag]
    [ProducesResponseType<PlanPriceDetail>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get([FromServices] GetPlanPrices get, Guid planId, CancellationToken cancellationToken)
    {
        var result = await get.HandleAsync(planId, cancellationToken);
        if (!result.Succeeded)
        {
            return Problem(result);
        }

        Response.Headers.ETag = ETagOf(result.Value!.Plan.Version);
        return Ok(result.Value);
    }

    [RequirePermission(Permission.ManagePrices)]
    [HttpPost("prices", Name = "SetListPrice")]
    [EndpointSummary("Set a list price")]
    [EndpointDescription(
        "The provider's unit price of a plan for a billing period from a day on, today or later (422 R24 for a day that has passed): a new row, so a " +
        "month already charged keeps its price. At most 1,000,000, in whole smallest units of the provider's currency (422 R18). Providers only: " +
        "for a partner's key, and for a plan the provider does not price, 404. Send an Idempotency-Key to make retries safe.")]
    [ReturnsETag]
    [Idempotent]
    [ProducesResponseType<PlanPriceDetail>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> SetListPrice([FromServices] SetPlanPrice set, [FromServices] GetPlanPrices get, PlanPriceRequest request, CancellationToken cancellationToken) =>
        await Created(await set.HandleAsync(request.ToInput(), cancellationToken), get, request.PlanId, cancellationToken);

    [RequirePermission(Permission.ManagePrices)]
    [HttpPost("prices/resale", Name = "SetResalePrice")]
    [EndpointSummary("Set a resale price")]
    [EndpointDescription(
        "An MSP's price of one of its plans to its customers, from a day on (today or later), in its provider's currency; the same rules as a list " +
        "price. MSPs only: for any other key, and for a plan that is not the MSP's, 404. Send an Idempotency-Key to make retries safe.")]
    [ReturnsETag]
    [Idempotent]
    [ProducesResponseType<PlanPriceDetail>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> SetResalePrice([FromServices] SetResalePrice set, [FromServices] GetPlanPrices get, PlanPriceRequest request, CancellationToken cancellationToken) =>
        await Created(await set.HandleAsync(request.ToInput(), cancellationToken), get, request.PlanId, cancellationToken);

    [RequirePermission(Permission.ManagePrices)]
    [HttpPut("prices/{planId:guid}/charging-policy", Name = "SetChargingPolicy")]
    [EndpointSummary("Set a plan's charging policy")]
    [EndpointDescription(
        "Which units the plan charges for each day: Provisioned, GreaterOfProvisionedAndUsed or Used. Only the plan's owner sets it (a partner's plan on " +
        "the provider's list: 422 R1). Needs If-Match with the plan's version (R19).")]
    [ReturnsETag]
    [ProducesResponseType<PlanPriceDetail>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public async Task<IActionResult> SetChargingPolicy(
        [FromServices] SetChargingPolicy set, [FromServices] GetPlanPrices get, Guid planId, ChargingPolicyRequest request,
        [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        if ((await get.HandleAsync(planId, cancellationToken)).Value is not { } current)
        {
            return NotFoundProblem();
        }

        if (Precondition(ifMatch, current.Plan.Version) is { } refusal)
        {
            return refusal;
        }

        var result = await set.HandleAsync(planId, new ChargingPolicyInput { ChargingPolicy = request.ChargingPolicy, Version = current.Plan.Version }, cancellationToken);
        return result.Succeeded ? await Get(get, planId, cancellationToken) : Problem(result);
    }

    [RequirePermission(Permission.ViewBilling)]
    [HttpGet("partners/{partnerId:guid}/prices", Name = "GetPartnerPrices")]
    [EndpointSummary("Get a partner's prices")]
    [EndpointDescription("The provider's view of one partner: its own price rows (newest first) and what it pays for each plan it sells, today and from its next change. Providers only.")]
    [ProducesResponseType<PartnerPrices>(StatusCodes.Status200OK)]
    public async Task<IActionResult> GetPartner([FromServices] GetPartnerPrices get, Guid partnerId, CancellationToken cancellationToken) =>
        Answer(await get.HandleAsync(partnerId, cancellationToken));

    [RequirePermission(Permission.ManagePrices)]
    [HttpPost("partners/{partnerId:guid}/prices", Name = "SetPartnerPrice")]
    [EndpointSummary("Set a partner's price")]
    [EndpointDescription(
        "A discount off the list price (discountPercent, more than 0 and at most 100) for one plan or every plan (planId null), or the partner's own " +
        "unit price (unitPrice) for one plan, from a day on (today or later). A plan's own row wins over an every-plan row. Providers only. Send an " +
        "Idempotency-Key to make retries safe.")]
    [Idempotent]
    [ProducesResponseType<PartnerPrices>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> SetPartnerPrice(
        [FromServices] SetPartnerPrice set, [FromServices] GetPartnerPrices get, Guid partnerId, PartnerPriceRequest request, CancellationToken cancellationToken)
    {
        var result = await set.HandleAsync(partnerId, request.ToInput(), cancellationToken);
        if (!result.Succeeded)
        {
            return Problem(result);
        }

        return Created($"/api/v1/partners/{partnerId}/prices", (await get.HandleAsync(partnerId, cancellationToken)).Value);
    }

    /// <summary>201 with the plan's prices after a price was set, or the refusal.</summary>
    private async Task<IActionResult> Created(Result result, GetPlanPrices get, Guid? planId, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            return Problem(result);
        }

        var detail = (await get.HandleAsync(planId!.Value, cancellationToken)).Value!;
        Response.Headers.ETag = ETagOf(detail.Plan.Version);
        return Created($"/api/v1/prices/{detail.Plan.PlanId}", detail);
    }
}

/// <summary>A seller's price of one plan from a day on: the provider's list price, or an MSP's resale price.</summary>
public sealed record PlanPriceRequest(Guid? PlanId, BillingPeriod? Period, decimal? UnitPrice, DateOnly? EffectiveFrom)
{
    public PlanPriceInput ToInput() => new() { PlanId = PlanId, Period = Period, UnitPrice = UnitPrice, EffectiveFrom = EffectiveFrom };
}

/// <summary>A partner's own price: a discount (one plan, or every plan when planId is null) or its own unit price (one plan), from a day on.</summary>
public sealed record PartnerPriceRequest(Guid? PlanId, decimal? DiscountPercent, decimal? UnitPrice, DateOnly? EffectiveFrom)
{
    public PartnerPriceInput ToInput() => new() { PlanId = PlanId, DiscountPercent = DiscountPercent, UnitPrice = UnitPrice, EffectiveFrom = EffectiveFrom };
}

/// <summary>Which units a plan charges for each day.</summary>
public sealed record ChargingPolicyRequest(ChargingPolicy? ChargingPolicy);
