using LicensingPortal.Application.Billing;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.CustomerAccounts;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Web.Models.Prices;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>
/// R24, Prices: the provider's price list, a partner's prices and each plan's charging policy; a partner's cost and an MSP's
/// resale prices. Reading needs ViewBilling, setting ManagePrices; the use cases answer not found for what is not the caller's
/// (a partner posting a list price, another provider's plan or partner: R1). Linked from Service Plans and the partner page.
/// </summary>
[Route("prices")]
[RequirePermission(Permission.ViewBilling)]
public sealed class PricesController(GetPriceList getList, GetCustomerPrices getCustomerPrices) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(Guid? plan, CancellationToken cancellationToken)
    {
        var prices = await getList.HandleAsync(cancellationToken);
        return View(new PriceListPage(prices, NewPrice(plan, prices.AsOf), await getCustomerPrices.HandleAsync(cancellationToken)));
    }

    /// <summary>R25: whether the company's customers' own users see their licenses' prices (one switch: the sentence after the redirect).</summary>
    [RequirePermission(Permission.ManageCustomerAccounts)]
    [HttpPost("customer-prices")]
    public async Task<IActionResult> CustomerPrices([FromServices] SetCustomerPrices set, [FromForm] bool show, [FromForm] int version, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            // Only a crafted POST gets here (the page sends "true" or nothing, and the version it read).
            this.Flash("Nothing was saved: the setting sent was not the page's. Choose again and save.", "danger");
            return RedirectToAction(nameof(Index));
        }

        var result = await set.HandleAsync(show, version, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        this.Flash(result);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>The provider's list price of the plan chosen on the price list.</summary>
    [RequirePermission(Permission.ManagePrices)]
    [HttpPost("")]
    public async Task<IActionResult> SetListPrice([FromServices] SetPlanPrice set, [Bind(Prefix = "Input")] PlanPriceInput input, CancellationToken cancellationToken) =>
        Sells(CompanyType.Provider)
            ? await OnList(ModelState.IsValid ? await set.HandleAsync(input, cancellationToken) : null, input, cancellationToken)
            : NotFound();

    /// <summary>An MSP's price to its customers of the plan chosen on its price list.</summary>
    [RequirePermission(Permission.ManagePrices)]
    [HttpPost("resale")]
    public async Task<IActionResult> SetResalePrice([FromServices] SetResalePrice set, [Bind(Prefix = "Input")] PlanPriceInput input, CancellationToken cancellationToken) =>
        Sells(CompanyType.Msp)
            ? await OnList(ModelState.IsValid ? await set.HandleAsync(input, cancellationToken) : null, input, cancellationToken)
            : NotFound();

    [HttpGet("plan/{planId:guid}")]
    public async Task<IActionResult> Plan([FromServices] GetPlanPrices get, Guid planId, CancellationToken cancellationToken)
    {
        var result = await get.HandleAsync(planId, cancellationToken);
        return result.Value is { } detail ? View(PlanPage(detail)) : NotFound();
    }

    [RequirePermission(Permission.ManagePrices)]
    [HttpPost("plan/{planId:guid}")]
    public async Task<IActionResult> SetPlanListPrice(
        [FromServices] SetPlanPrice set, [FromServices] GetPlanPrices get, Guid planId, [Bind(Prefix = "Input")] PlanPriceInput input, CancellationToken cancellationToken)
    {
        if (!Sells(CompanyType.Provider))
        {
            return NotFound();
        }

        input.PlanId = planId;
        return await OnPlan(get, planId, ModelState.IsValid ? await set.HandleAsync(input, cancellationToken) : null, page => page with { Input = input }, "Input", cancellationToken);
    }

    [RequirePermission(Permission.ManagePrices)]
    [HttpPost("plan/{planId:guid}/resale")]
    public async Task<IActionResult> SetPlanResalePrice(
        [FromServices] SetResalePrice set, [FromServices] GetPlanPrices get, Guid planId, [Bind(Prefix = "Input")] PlanPriceInput input, CancellationToken cancellationToken)
    {
        if (!Sells(CompanyType.Msp))
        {
            return NotFound();
        }

        input.PlanId = planId;
        return await OnPlan(get, planId, ModelState.IsValid ? await set.HandleAsync(input, cancellationToken) : null, page => page with { Input = input }, "Input", cancellationToken);
    }

    [RequirePermission(Permission.ManagePrices)]
    [HttpPost("plan/{planId:guid}/charging-policy")]
    public async Task<IActionResult> ChargingPolicy(
        [FromServices] SetChargingPolicy set, [FromServices] GetPlanPrices get, Guid planId, [Bind(Prefix = "Policy")] ChargingPolicyInput input, CancellationToken cancellationToken) =>
        await OnPlan(get, planId, ModelState.IsValid ? await set.HandleAsync(planId, input, cancellationToken) : null, page => page with { Policy = input }, "Policy", cancellationToken);

    [HttpGet("partner/{partnerId:guid}")]
    public async Task<IActionResult> Partner([FromServices] GetPartnerPrices get, Guid partnerId, CancellationToken cancellationToken)
    {
        var result = await get.HandleAsync(partnerId, cancellationToken);
        return result.Value is { } prices ? View(new PartnerPricesPage(prices, new PartnerPriceInput { EffectiveFrom = prices.AsOf })) : NotFound();
    }

    [RequirePermission(Permission.ManagePrices)]
    [HttpPost("partner/{partnerId:guid}")]
    public async Task<IActionResult> SetPartnerPrice(
        [FromServices] SetPartnerPrice set, [FromServices] GetPartnerPrices get, Guid partnerId, [Bind(Prefix = "Input")] PartnerPriceInput input, CancellationToken cancellationToken)
    {
        var result = ModelState.IsValid ? await set.HandleAsync(partnerId, input, cancellationToken) : null;
        if (result?.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        if (result is { Succeeded: true })
        {
            this.Flash(result);
            return RedirectToAction(nameof(Partner), new { partnerId });
        }

        // Shown again only to whom the page is: a partner's call never learns whether the id exists (R1).
        if ((await get.HandleAsync(partnerId, cancellationToken)).Value is not { } prices)
        {
            return NotFound();
        }

        result?.AddTo(ModelState, "Input", typeof(PartnerPriceInput));
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Partner), new PartnerPricesPage(prices, input));
    }

    /// <summary>
    /// List prices are the provider's, resale prices an MSP's: the use cases answer not found to anyone else (R1), and so does
    /// the page before reading the form, so a malformed post from the wrong company is refused the same way as a valid one.
    /// </summary>
    private bool Sells(CompanyType seller) => User.CompanyType() == seller;

    private static PlanPriceInput NewPrice(Guid? planId, DateOnly today) => new() { PlanId = planId, Period = BillingPeriod.Monthly, EffectiveFrom = today };

    private static PlanPricesPage PlanPage(PlanPriceDetail detail) =>
        new(detail, NewPrice(detail.Plan.PlanId, detail.AsOf), new ChargingPolicyInput { ChargingPolicy = detail.Plan.ChargingPolicy, Version = detail.Plan.Version });

    /// <summary>PRG to the price list with the result's sentence, 404, or the list again with the messages next to the fields (R18).</summary>
    private async Task<IActionResult> OnList(Result? result, PlanPriceInput input, CancellationToken cancellationToken)
    {
        switch (result?.Kind)
        {
            case ResultKind.NotFound:
                return NotFound();
            case ResultKind.Ok:
                this.Flash(result);
                return RedirectToAction(nameof(Index));
            default:
                result?.AddTo(ModelState, "Input", typeof(PlanPriceInput));
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
                return View(nameof(Index), new PriceListPage(await getList.HandleAsync(cancellationToken), input, await getCustomerPrices.HandleAsync(cancellationToken)));
        }
    }

    /// <summary>The same for one plan's page: <paramref name="keepInput"/> puts back the form as typed.</summary>
    private async Task<IActionResult> OnPlan(
        GetPlanPrices get, Guid planId, Result? result, Func<PlanPricesPage, PlanPricesPage> keepInput, string prefix, CancellationToken cancellationToken)
    {
        if (result?.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        if (result is { Succeeded: true })
        {
            this.Flash(result);
            return RedirectToAction(nameof(Plan), new { planId });
        }

        if ((await get.HandleAsync(planId, cancellationToken)).Value is not { } detail)
        {
            return NotFound();
        }

        result?.AddTo(ModelState, prefix, prefix == "Policy" ? typeof(ChargingPolicyInput) : typeof(PlanPriceInput));
        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return View(nameof(Plan), keepInput(PlanPage(detail)));
    }
}
