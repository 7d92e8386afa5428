using LicensingPortal.Application.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace LicensingPortal.Web.Api;

/// <summary>
/// What every /api/v1 controller shares (each names its own route, starting with api/v1): JSON, API-key authentication (the scheme is chosen by path),
/// no antiforgery (no cookie is read on /api, so there is nothing to forge), the per-key rate limit,
/// a 64 KB body limit, and problem details for refusals.
/// </summary>
[ApiController]
[IgnoreAntiforgeryToken]
[EnableRateLimiting(ApiServices.RateLimitPolicy)]
[RequestSizeLimit(64 * 1024)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status401Unauthorized, ApiProblems.ContentType)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound, ApiProblems.ContentType)]
[ProducesResponseType<ProblemDetails>(StatusCodes.Status429TooManyRequests, ApiProblems.ContentType)]
public abstract class ApiControllerBase : ControllerBase
{
    protected ObjectResult Problem(Result failure) => ApiProblems.From(this, failure);

    protected ObjectResult NotFoundProblem() => ApiProblems.From(this, Result.NotFound());

    protected ObjectResult ValidationProblem(FluentValidation.Results.ValidationResult validation) =>
        ApiProblems.From(this, Result.Invalid(validation.Errors.GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray())));
}
