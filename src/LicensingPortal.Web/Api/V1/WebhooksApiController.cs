using System.ComponentModel.DataAnnotations;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Webhooks;
using LicensingPortal.Domain.Webhooks;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Api.V1;

public sealed record WebhookEndpointResource(
    Guid Id, string Url, string? Description, IReadOnlyList<string> Events, bool Enabled, string? DisabledReason, DateTimeOffset? FailingSince,
    DateTimeOffset CreatedAt, int Waiting, int Failed)
{
    public static WebhookEndpointResource From(WebhookEndpointRow e) =>
        new(e.Id, e.Url, e.Description, WebhookEventTypes.All.Where(t => e.Events.HasFlag(t)).Select(t => t.Name()).ToList(), e.Enabled, e.DisabledReason, e.FailingSince, e.CreatedAt, e.Pending, e.Failed);
}

/// <summary>A new endpoint and its signing secret: the only time the secret is shown.</summary>
public sealed record CreatedWebhookEndpoint(WebhookEndpointResource Endpoint, string Secret);

/// <summary>An endpoint to register: an https:// URL and event types (<c>license.changed</c>, <c>license.expiring</c>, <c>license.renewed</c>, <c>partner.status_changed</c>, <c>suite_change.pending</c>, <c>usage.over_provisioned</c>, <c>statement.ready</c>, <c>statement.approved</c>, <c>license_request.created</c>).</summary>
public sealed record WebhookEndpointRequest(string? Url, IReadOnlyList<string>? Events, string? Description = null);

public sealed record WebhookDeliveryResource(
    Guid Id, string Type, DateTimeOffset OccurredAt, string Status, int Attempts, DateTimeOffset? LastAttemptAt, int? LastStatusCode, string? LastError);

public sealed record WebhookDeliveryPageResource(IReadOnlyList<WebhookDeliveryResource> Items, int Total, int Page, int PageCount);

/// <summary>Integrations › Webhooks (ADR 0011, docs/webhooks.md): the same use cases as the page, for keys acting as an administrator.</summary>
[Tags("Webhooks")]
[Route("api/v1/webhooks")]
[RequirePermission(Permission.ManageWebhooks)]
public sealed class WebhooksApiController : ApiControllerBase
{
    [HttpGet("", Name = "ListWebhookEndpoints")]
    [EndpointSummary("List webhook endpoints")]
    [EndpointDescription("The company's webhook endpoints with their events, whether enabled (and why not), and how many deliveries wait or failed.")]
    [ProducesResponseType<IReadOnlyList<WebhookEndpointResource>>(StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<WebhookEndpointResource>> List([FromServices] ListWebhookEndpoints list, CancellationToken cancellationToken) =>
        (await list.HandleAsync(cancellationToken)).Select(WebhookEndpointResource.From).ToList();

    [HttpPost("", Name = "CreateWebhookEndpoint")]
    [EndpointSummary("Register a webhook endpoint")]
    [EndpointDescription(
        "Registers an https:// endpoint for the given events; the answer carries its signing secret, once. Takes no Idempotency-Key, on purpose: " +
        "a stored answer would keep the secret; a retried request registers a second endpoint, delete the spare one.")]
    [ProducesResponseType<CreatedWebhookEndpoint>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public async Task<IActionResult> Create(
        [FromServices] CreateWebhookEndpoint create, [FromServices] ListWebhookEndpoints list, WebhookEndpointRequest request, CancellationToken cancellationToken)
    {
        if (ToInput(request, version: 0) is not { } input)
        {
            return EventsProblem(request);
        }

        var result = await create.HandleAsync(input, cancellationToken);
        if (!result.Succeeded)
        {
            return Problem(result);
        }

        var created = (await list.HandleAsync(cancellationToken)).Single(e => e.Id == result.Value!.EndpointId);
        Response.Headers.CacheControl = "no-store";
        return Created($"/api/v1/webhooks/{created.Id}/deliveries", new CreatedWebhookEndpoint(WebhookEndpointResource.From(created), result.Value!.Secret));
    }

    [HttpGet("{endpointId:guid}", Name = "GetWebhookEndpoint")]
    [EndpointSummary("Get a webhook endpoint")]
    [EndpointDescription("One endpoint; its ETag is its version (send it as If-Match to change the endpoint).")]
    [ReturnsETag]
    [ProducesResponseType<WebhookEndpointResource>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get([FromServices] GetWebhookEndpoint get, Guid endpointId, CancellationToken cancellationToken)
    {
        if (await get.HandleAsync(endpointId, cancellationToken) is not { } found)
        {
            return NotFoundProblem();
        }

        Response.Headers.ETag = ETagOf(found.Version);
        return Ok(WebhookEndpointResource.From(found.Row));
    }

    [HttpPut("{endpointId:guid}", Name = "UpdateWebhookEndpoint")]
    [EndpointSummary("Change a webhook endpoint")]
    [EndpointDescription("Changes the endpoint's URL, description and events, as the edit page does. Needs If-Match (R19).")]
    [ReturnsETag]
    [ProducesResponseType<WebhookEndpointResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public async Task<IActionResult> Update(
        [FromServices] GetWebhookEndpoint get, [FromServices] UpdateWebhookEndpoint update,
        Guid endpointId, WebhookEndpointRequest request, [FromHeader(Name = "If-Match")] string? ifMatch, CancellationToken cancellationToken)
    {
        if (await get.HandleAsync(endpointId, cancellationToken) is not { } found)
        {
            return NotFoundProblem();
        }

        if (Precondition(ifMatch, found.Version) is { } refusal)
        {
            return refusal;
        }

        if (ToInput(request, found.Version) is not { } input)
        {
            return EventsProblem(request);
        }

        var result = await update.HandleAsync(endpointId, input, cancellationToken);
        return result.Succeeded ? await Get(get, endpointId, cancellationToken) : Problem(result);
    }

    [HttpPost("{endpointId:guid}/enable", Name = "EnableWebhookEndpoint")]
    [EndpointSummary("Enable a webhook endpoint")]
    [EndpointDescription("Turns the endpoint on again: deliveries waiting go out on the next run. 422 when it is enabled already.")]
    [ProducesResponseType<MessageResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public Task<IActionResult> Enable([FromServices] SetWebhookEndpointEnabled set, Guid endpointId, CancellationToken cancellationToken) =>
        MessageAsync(set.HandleAsync(endpointId, true, cancellationToken));

    [HttpPost("{endpointId:guid}/disable", Name = "DisableWebhookEndpoint")]
    [EndpointSummary("Disable a webhook endpoint")]
    [EndpointDescription("Turns the endpoint off: nothing is sent to it; deliveries wait. 422 when it is disabled already.")]
    [ProducesResponseType<MessageResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public Task<IActionResult> Disable([FromServices] SetWebhookEndpointEnabled set, Guid endpointId, CancellationToken cancellationToken) =>
        MessageAsync(set.HandleAsync(endpointId, false, cancellationToken));

    [HttpPost("{endpointId:guid}/ping", Name = "PingWebhookEndpoint")]
    [EndpointSummary("Send a test event to a webhook endpoint")]
    [EndpointDescription("Queues a signed test event (`ping`) for the endpoint, whatever it subscribes to, sent on the next run and shown in its delivery log.")]
    [ProducesResponseType<MessageResource>(StatusCodes.Status200OK)]
    public Task<IActionResult> Ping([FromServices] SendWebhookPing ping, Guid endpointId, CancellationToken cancellationToken) =>
        MessageAsync(ping.HandleAsync(endpointId, cancellationToken));

    [HttpPost("{endpointId:guid}/rotate-secret", Name = "RotateWebhookSecret")]
    [EndpointSummary("Rotate a webhook endpoint's signing secret")]
    [EndpointDescription("A new signing secret, in this answer only; the old one stops signing at once.")]
    [ProducesResponseType<CreatedWebhookEndpoint>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    public async Task<IActionResult> RotateSecret([FromServices] RotateWebhookSecret rotate, [FromServices] GetWebhookEndpoint get, Guid endpointId, CancellationToken cancellationToken)
    {
        var result = await rotate.HandleAsync(endpointId, cancellationToken);
        if (!result.Succeeded)
        {
            return Problem(result);
        }

        var found = (await get.HandleAsync(endpointId, cancellationToken))!.Value;
        Response.Headers.CacheControl = "no-store";
        return Ok(new CreatedWebhookEndpoint(WebhookEndpointResource.From(found.Row), result.Value!));
    }

    [HttpPost("{endpointId:guid}/deliveries/{deliveryId:guid}/send-again", Name = "SendWebhookDeliveryAgain")]
    [EndpointSummary("Send a webhook delivery again")]
    [EndpointDescription("Queues a delivered or failed delivery again, as its log's \"Send again\" does; 422 for one still waiting.")]
    [ProducesResponseType<MessageResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    public Task<IActionResult> SendAgain([FromServices] SendWebhookDeliveryAgain sendAgain, Guid endpointId, Guid deliveryId, CancellationToken cancellationToken) =>
        MessageAsync(sendAgain.HandleAsync(endpointId, deliveryId, cancellationToken));

    [HttpDelete("{endpointId:guid}", Name = "DeleteWebhookEndpoint")]
    [EndpointSummary("Delete a webhook endpoint")]
    [EndpointDescription("Deletes the endpoint and its delivery log.")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    public async Task<IActionResult> Delete([FromServices] DeleteWebhookEndpoint delete, Guid endpointId, CancellationToken cancellationToken)
    {
        var result = await delete.HandleAsync(endpointId, cancellationToken);
        return result.Succeeded ? NoContent() : Problem(result);
    }

    [HttpGet("{endpointId:guid}/deliveries", Name = "ListWebhookDeliveries")]
    [EndpointSummary("List a webhook endpoint's deliveries")]
    [EndpointDescription("The endpoint's delivery log, newest first, 25 a page unless `pageSize` says otherwise (up to 200). `page` past the last answers the last.")]
    [ProducesResponseType<WebhookDeliveryPageResource>(StatusCodes.Status200OK)]
    public async Task<ActionResult<WebhookDeliveryPageResource>> Deliveries(
        [FromServices] ListWebhookDeliveries deliveries, Guid endpointId, int page = 1,
        [Range(1, Paging.MaxPageSize, ErrorMessage = PageSizeMessage)] int pageSize = ListWebhookDeliveries.PageSize, CancellationToken cancellationToken = default)
    {
        if (await deliveries.HandleAsync(endpointId, page, pageSize, cancellationToken) is not { } found)
        {
            return NotFoundProblem();
        }

        return new WebhookDeliveryPageResource(
            found.Deliveries.Select(d => new WebhookDeliveryResource(d.Id, d.EventType.Name(), d.OccurredAt, d.State.ToString(), d.Attempts, d.LastAttemptAt, d.LastStatusCode, d.LastError)).ToList(),
            found.Total, found.Page, found.PageCount);
    }

    private async Task<IActionResult> MessageAsync(Task<Result> action)
    {
        var result = await action;
        return result.Succeeded ? Ok(new MessageResource(result.Message ?? "Done.")) : Problem(result);
    }

    /// <summary>The request as the page's form; null when an event name is unknown or none is given.</summary>
    private static WebhookEndpointInput? ToInput(WebhookEndpointRequest request, int version)
    {
        var input = new WebhookEndpointInput { Url = request.Url, Description = request.Description, Version = version };
        foreach (var name in request.Events ?? [])
        {
            switch (WebhookEventTypes.All.FirstOrDefault(t => t.Name() == name))
            {
                case WebhookEvents.LicenseChanged: input.LicenseChanged = true; break;
                case WebhookEvents.LicenseExpiring: input.LicenseExpiring = true; break;
                case WebhookEvents.LicenseRenewed: input.LicenseRenewed = true; break;
                case WebhookEvents.PartnerStatusChanged: input.PartnerStatusChanged = true; break;
                case WebhookEvents.SuiteChangePending: input.SuiteChangePending = true; break;
                case WebhookEvents.UsageOverProvisioned: input.UsageOverProvisioned = true; break;
                case WebhookEvents.StatementReady: input.StatementReady = true; break;
                case WebhookEvents.StatementApproved: input.StatementApproved = true; break;
                case WebhookEvents.LicenseRequestCreated: input.LicenseRequestCreated = true; break;
                default: return null;
            }
        }

        return input.Events == WebhookEvents.None ? null : input;
    }

    private ObjectResult EventsProblem(WebhookEndpointRequest request)
    {
        var known = string.Join(", ", WebhookEventTypes.All.Select(t => t.Name()));
        var unknown = (request.Events ?? []).Where(name => WebhookEventTypes.All.All(t => t.Name() != name)).ToList();
        return Problem(Result.Invalid(new Dictionary<string, string[]>
        {
            ["events"] = [unknown.Count > 0 ? $"Unknown event type(s): {string.Join(", ", unknown)}. Use {known}." : $"Choose at least one event: {known}."],
        }));
    }
}
