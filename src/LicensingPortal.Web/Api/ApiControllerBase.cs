using LicensingPortal.Application.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace LicensingPortal.Web.Api;

/// <summary>
/// What every /api/v1 controller shares (each names its own route, starting with api/v1): JSON, API-key authentication (the scheme is chosen by path),
/// no antiforgery (no cookie is read on /api, so there is nothing to forge), the per-key rate limit,
/// a 64 KB body limit (413 problem details beyond it, Input/RequestBodyLimits), and problem details for refusals.
/// </summary>
[ApiController]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(ApiServices.RateLimitPolicy)]
[RequestSizeLimit(64 * 1024)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status413PayloadTooLarge, ApiProblems.ContentType)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, ApiProblems.ContentType)]
public abstract class ApiControllerBase : ControllerBase
{
    /// <summary>What a paged list answers to a <c>pageSize</c> outside 1 to <see cref="Paging.MaxPageSize"/> (400, R18).</summary>
    protected const string PageSizeMessage = "{0} must be between {1} and {2}.";

    /// <summary>The one mapping from a use case's outcome to an answer: 200 with its value, or problem details (404, 400, 412, 422).</summary>
    protected ObjectResult Answer<T>(Result<T> result) => result.Succeeded ? Ok(result.Value) : Problem(result);

    protected ObjectResult Problem(Result failure) => ApiProblems.From(this, failure);

    protected ObjectResult NotFoundProblem() => ApiProblems.From(this, Result.NotFound());

    /// <summary>R19 over HTTP: no If-Match is 428 (a blind overwrite is not allowed); a stale one is 412 and nothing changes.</summary>
    protected ObjectResult? Precondition(string? ifMatch, int version)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return ApiProblems.Create(this, StatusCodes.Status428PreconditionRequired, "If-Match required",
                "Send If-Match with the ETag from GET, so a change made by someone else meanwhile is not overwritten.", "R19");
        }

        var tag = ifMatch.Trim();
        if (tag.StartsWith("W/", StringComparison.Ordinal))
        {
            tag = tag[2..];
        }

        return int.TryParse(tag.Trim('"'), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var expected) && expected == version
            ? null
            : ApiProblems.Create(this, StatusCodes.Status412PreconditionFailed, "Changed by someone else", Result.ConcurrencyMessage, "R19");
    }

    /// <summary>An entity's ETag: its version, quoted (RFC 9110).</summary>
    protected static string ETagOf(int version) => $"\"{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}\"";
}

/// <summary>The action's success answer carries the ETag of what it shows (<see cref="ApiControllerBase.ETagOf"/>); the OpenAPI document declares the header.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReturnsETagAttribute : Attribute;
