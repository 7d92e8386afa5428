using LicensingPortal.Application.Notifications;
using LicensingPortal.Application.Security;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Api.V1;

/// <summary>The partner's license pool warning (R20): fewer free units than this percentage, or null when off.</summary>
public sealed record PoolWarningResource(int? Percent);

/// <summary>Notifications › Settings › License pools, for keys of partners (R21: what the page does).</summary>
[Tags("Notifications")]
[Route("api/v1/pool-warning")]
[RequirePermission(Permission.ManagePoolWarnings)]
public sealed class PoolWarningApiController : ApiControllerBase
{
    [HttpGet("", Name = "GetPoolWarning")]
    [EndpointSummary("Get the pool warning threshold")]
    [EndpointDescription("The threshold: a warning when fewer free units than this percentage are left, null when off. Its ETag is the company's version (send it as If-Match to change it).")]
    [ReturnsETag]
    [ProducesResponseType<PoolWarningResource>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Get([FromServices] GetPoolWarning get, CancellationToken cancellationToken)
    {
        if (await get.HandleAsync(cancellationToken) is not { } warning)
        {
            return NotFoundProblem();
        }

        Response.Headers.ETag = ETagOf(warning.Version);
        return Ok(new PoolWarningResource(warning.Percent));
    }

    [HttpPut("", Name = "SetPoolWarning")]
    [EndpointSummary("Set the pool warning threshold")]
    [EndpointDescription("Sets the threshold (1-99) or turns the warning off (null). Needs If-Match (R19).")]
    [ReturnsETag]
    [ProducesResponseType<PoolWarningResource>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status412PreconditionFailed, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status422UnprocessableEntity, ApiProblems.ContentType)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status428PreconditionRequired, ApiProblems.ContentType)]
    public async Task<IActionResult> Put(
        [FromServices] GetPoolWarning get, [FromServices] SetPoolWarning set, PoolWarningResource request, [FromHeader(Name = "If-Match")] string? ifMatch,
        CancellationToken cancellationToken)
    {
        if (await get.HandleAsync(cancellationToken) is not { } current)
        {
            return NotFoundProblem();
        }

        if (Precondition(ifMatch, current.Version) is { } refusal)
        {
            return refusal;
        }

        var result = await set.HandleAsync(new PoolWarningInput { Warn = request.Percent is not null, Percent = request.Percent, Version = current.Version }, cancellationToken);
        return result.Succeeded ? await Get(get, cancellationToken) : Problem(result);
    }
}
