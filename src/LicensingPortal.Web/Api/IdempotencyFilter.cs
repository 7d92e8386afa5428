using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using LicensingPortal.Application.ApiKeys;
using LicensingPortal.Infrastructure.ApiKeys;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Options;

namespace LicensingPortal.Web.Api;

/// <summary>Marks a creating POST: with an <c>Idempotency-Key</c> header, a retry is answered from the record (docs/adr/0009).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class IdempotentAttribute() : ServiceFilterAttribute(typeof(IdempotencyFilter));

/// <summary>
/// Reserves the key before the action runs (a unique index on key id + key makes a concurrent retry lose),
/// stores the answer after, and replays it to any retry with the same request. The records are kept apart
/// from the request's unit of work (<see cref="IIdempotentRequests"/>), so one never saves half of a refused use case.
/// </summary>
public sealed class IdempotencyFilter(IIdempotentRequests requests, IOptions<JsonOptions> json) : IAsyncActionFilter
{
    /// <summary>As MVC's JSON output writes it (relaxed escaping), so a replay is byte for byte the first answer.</summary>
    private readonly JsonSerializerOptions _output = new(json.Value.JsonSerializerOptions) { Encoder = json.Value.JsonSerializerOptions.Encoder ?? JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        var key = http.Request.Headers[HeaderName].ToString();
        if (string.IsNullOrEmpty(key) || !Guid.TryParse(http.User.FindFirstValue(ApiKeyAuthenticationHandler.KeyIdClaim), out var apiKeyId))
        {
            await next();
            return;
        }

        var controller = (ControllerBase)context.Controller;
        if (key.Length > IdempotentRequest.KeyMaxLength)
        {
            context.Result = ApiProblems.Create(controller, 400, "Invalid Idempotency-Key", $"The Idempotency-Key is at most {IdempotentRequest.KeyMaxLength} characters.", "R18");
            return;
        }

        var hash = RequestHash(context);
        var reservation = await requests.ReserveAsync(apiKeyId, key, hash, http.RequestAborted);
        if (!reservation.Reserved)
        {
            context.Result = reservation.Earlier is { } earlier ? Replay(controller, earlier, hash) : InProgress(controller);
            return;
        }

        var executed = await next();
        (int status, object? body, string? location) = executed.Result switch
        {
            CreatedResult created => (created.StatusCode ?? 201, created.Value, created.Location),
            ObjectResult result => (result.StatusCode ?? 200, result.Value, null),
            IStatusCodeActionResult result => (result.StatusCode ?? 200, null, null),
            _ => (500, null, null),
        };

        if (executed.Exception is not null && !executed.ExceptionHandled || status >= 500)
        {
            // Nothing to replay: the client may retry with the same key.
            await requests.ReleaseAsync(apiKeyId, key, CancellationToken.None);
        }
        else
        {
            await requests.CompleteAsync(apiKeyId, key, status, body is null ? null : JsonSerializer.Serialize(body, body.GetType(), _output), location, CancellationToken.None);
        }
    }

    private static IActionResult Replay(ControllerBase controller, IdempotentAnswer earlier, string hash)
    {
        if (earlier.RequestHash != hash)
        {
            return ApiProblems.Create(controller, 422, "Idempotency-Key reused", "This Idempotency-Key was used for a different request. Use a new key for a new request.", "R21");
        }

        if (earlier.InProgress)
        {
            return InProgress(controller);
        }

        controller.Response.Headers[ReplayedHeader] = "true";
        if (earlier.Location is not null)
        {
            controller.Response.Headers.Location = earlier.Location;
        }

        return new ContentResult
        {
            StatusCode = earlier.StatusCode,
            Content = earlier.Body,
            ContentType = earlier.StatusCode >= 400 ? ApiProblems.ContentType : "application/json; charset=utf-8",
        };
    }

    private static ObjectResult InProgress(ControllerBase controller) =>
        ApiProblems.Create(controller, 409, "Request in progress", "A request with this Idempotency-Key is still being processed. Retry shortly.", "R21");

    /// <summary>
    /// Method, path and the arguments bound from the request: the same key with other input is another request.
    /// Services the action takes ([FromServices]) and the cancellation token are not input (and a validator does not even serialize).
    /// </summary>
    private string RequestHash(ActionExecutingContext context)
    {
        var input = context.ActionDescriptor.Parameters
            .Where(p => p.BindingInfo?.BindingSource is not { } source || (source != BindingSource.Services && source != BindingSource.Special))
            .Select(p => p.Name)
            .ToHashSet(StringComparer.Ordinal);
        var arguments = context.ActionArguments.Where(a => input.Contains(a.Key) && a.Value is not CancellationToken).OrderBy(a => a.Key, StringComparer.Ordinal)
            .ToDictionary(a => a.Key, a => a.Value);
        var text = $"{context.HttpContext.Request.Method} {context.HttpContext.Request.Path}\n{JsonSerializer.Serialize(arguments, json.Value.JsonSerializerOptions)}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
