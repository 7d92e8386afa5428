using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Webhooks;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

public sealed record WebhooksPage(IReadOnlyList<WebhookEndpointRow> Endpoints, WebhookEndpointInput Input, string? Secret = null, string? SecretFor = null);

public sealed record WebhookEditPage(WebhookEndpointRow Endpoint, WebhookEndpointInput Input);

/// <summary>Webhooks (ADR 0011): the company's HTTPS endpoints, the events each receives, their secrets (shown once) and delivery logs.</summary>
[RequirePermission(Permission.ManageWebhooks)]
[Route("webhooks")]
public sealed class WebhooksController(ListWebhookEndpoints list) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken) =>
        View(new WebhooksPage(await list.HandleAsync(cancellationToken), new WebhookEndpointInput { LicenseChanged = true }));

    /// <summary>Not a redirect: the secret is rendered in this one answer only.</summary>
    [HttpPost("")]
    public async Task<IActionResult> Create([FromServices] CreateWebhookEndpoint create, [Bind(Prefix = "Input")] WebhookEndpointInput input, CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return View(nameof(Index), new WebhooksPage(await list.HandleAsync(cancellationToken), input));
        }

        var result = await create.HandleAsync(input, cancellationToken);
        if (!result.Succeeded)
        {
            result.AddTo(ModelState, "Input", typeof(WebhookEndpointInput));
            return View(nameof(Index), new WebhooksPage(await list.HandleAsync(cancellationToken), input));
        }

        Response.Headers.CacheControl = "no-store";
        ModelState.Clear();
        return View(nameof(Index), new WebhooksPage(await list.HandleAsync(cancellationToken), new WebhookEndpointInput { LicenseChanged = true }, result.Value!.Secret, input.Url!.Trim()));
    }

    [HttpGet("{endpointId:guid}/edit")]
    public async Task<IActionResult> Edit([FromServices] GetWebhookEndpoint get, Guid endpointId, CancellationToken cancellationToken) =>
        await get.HandleAsync(endpointId, cancellationToken) is { } found
            ? View(new WebhookEditPage(found.Row, WebhookEndpointInput.From(found.Row, found.Version)))
            : NotFound();

    [HttpPost("{endpointId:guid}/edit")]
    public async Task<IActionResult> Update(
        [FromServices] GetWebhookEndpoint get, [FromServices] UpdateWebhookEndpoint update, Guid endpointId, [Bind(Prefix = "Input")] WebhookEndpointInput input, CancellationToken cancellationToken)
    {
        if (await get.HandleAsync(endpointId, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return View(nameof(Edit), new WebhookEditPage(found.Row, input));
        }

        var result = await update.HandleAsync(endpointId, input, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            result.AddTo(ModelState, "Input", typeof(WebhookEndpointInput));
            return View(nameof(Edit), new WebhookEditPage(found.Row, input));
        }

        this.Flash(result.Message!);
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{endpointId:guid}/enable")]
    public Task<IActionResult> Enable([FromServices] SetWebhookEndpointEnabled set, Guid endpointId, CancellationToken cancellationToken) =>
        FlashAsync(set.HandleAsync(endpointId, true, cancellationToken));

    [HttpPost("{endpointId:guid}/disable")]
    public Task<IActionResult> Disable([FromServices] SetWebhookEndpointEnabled set, Guid endpointId, CancellationToken cancellationToken) =>
        FlashAsync(set.HandleAsync(endpointId, false, cancellationToken));

    [HttpPost("{endpointId:guid}/ping")]
    public Task<IActionResult> Ping([FromServices] SendWebhookPing ping, Guid endpointId, CancellationToken cancellationToken) =>
        FlashAsync(ping.HandleAsync(endpointId, cancellationToken));

    [HttpPost("{endpointId:guid}/delete")]
    public Task<IActionResult> Delete([FromServices] DeleteWebhookEndpoint delete, Guid endpointId, CancellationToken cancellationToken) =>
        FlashAsync(delete.HandleAsync(endpointId, cancellationToken));

    /// <summary>Like create: the new secret is rendered in this one answer.</summary>
    [HttpPost("{endpointId:guid}/rotate-secret")]
    public async Task<IActionResult> RotateSecret([FromServices] RotateWebhookSecret rotate, Guid endpointId, CancellationToken cancellationToken)
    {
        var result = await rotate.HandleAsync(endpointId, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        var endpoints = await list.HandleAsync(cancellationToken);
        if (!result.Succeeded)
        {
            this.Flash(result);
            return RedirectToAction(nameof(Index));
        }

        Response.Headers.CacheControl = "no-store";
        return View(nameof(Index), new WebhooksPage(endpoints, new WebhookEndpointInput { LicenseChanged = true }, result.Value, endpoints.Single(e => e.Id == endpointId).Url));
    }

    [HttpGet("{endpointId:guid}/deliveries")]
    public async Task<IActionResult> Deliveries([FromServices] ListWebhookDeliveries deliveries, Guid endpointId, int page = 1, CancellationToken cancellationToken = default) =>
        await deliveries.HandleAsync(endpointId, page, cancellationToken: cancellationToken) is { } found ? View(found) : NotFound();

    [HttpPost("{endpointId:guid}/deliveries/{deliveryId:guid}/send-again")]
    public async Task<IActionResult> SendAgain([FromServices] SendWebhookDeliveryAgain sendAgain, Guid endpointId, Guid deliveryId, CancellationToken cancellationToken)
    {
        var result = await sendAgain.HandleAsync(endpointId, deliveryId, cancellationToken);
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        this.Flash(result);
        return RedirectToAction(nameof(Deliveries), new { endpointId });
    }

    private async Task<IActionResult> FlashAsync(Task<Result> action)
    {
        var result = await action;
        if (result.Kind == ResultKind.NotFound)
        {
            return NotFound();
        }

        this.Flash(result);
        return RedirectToAction(nameof(Index));
    }
}
