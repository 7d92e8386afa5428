using LicensingPortal.Application.Common;
using LicensingPortal.Application.Products;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.SuiteChanges;
using LicensingPortal.Domain.Products;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <summary>Products (provider): lifecycle (R4) and suite composition changes (R5).</summary>
[RequirePermission(Permission.ManageProducts)]
[Route("products")]
public sealed class ProductsController : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index([FromServices] ListProducts list, CancellationToken cancellationToken) =>
        View(await list.HandleAsync(cancellationToken));

    [HttpPost("{id:guid}/end-of-sale")]
    public Task<IActionResult> MarkEndOfSale([FromServices] MarkProductLifecycle mark, Guid id, CancellationToken cancellationToken) =>
        Mark(mark, id, Lifecycle.EndOfSale, cancellationToken);

    [HttpPost("{id:guid}/end-of-life")]
    public Task<IActionResult> MarkEndOfLife([FromServices] MarkProductLifecycle mark, Guid id, CancellationToken cancellationToken) =>
        Mark(mark, id, Lifecycle.EndOfLife, cancellationToken);

    [HttpGet("{id:guid}/suite-change")]
    public async Task<IActionResult> SuiteChange([FromServices] GetProduct get, Guid id, CancellationToken cancellationToken)
    {
        var product = await get.HandleAsync(id, cancellationToken);
        if (product.Value is null)
        {
            return NotFound();
        }

        ViewData["Product"] = product.Value;
        return View(new SuiteChangeInput());
    }

    [HttpPost("{id:guid}/suite-change")]
    public async Task<IActionResult> SuiteChange(
        [FromServices] GetProduct get, [FromServices] RecordSuiteChange record,
        Guid id, SuiteChangeInput input, CancellationToken cancellationToken)
    {
        var product = await get.HandleAsync(id, cancellationToken);
        if (product.Value is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var result = await record.HandleAsync(id, input, cancellationToken);
            if (result.Succeeded)
            {
                this.Flash($"Suite change of {product.Value.Name} recorded: {Counted.Of(result.Value, "plan")} locked until each owner approves it.");
                return RedirectToAction(nameof(Index));
            }

            result.AddTo(ModelState, formType: typeof(SuiteChangeInput));
        }

        ViewData["Product"] = product.Value;
        return View(input);
    }

    private async Task<IActionResult> Mark(MarkProductLifecycle mark, Guid id, Lifecycle target, CancellationToken cancellationToken)
    {
        var result = await mark.HandleAsync(id, target, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        this.Flash(result);
        return RedirectToAction(nameof(Index));
    }
}
