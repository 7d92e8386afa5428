using LicensingPortal.Application.Branding;
using LicensingPortal.Domain.Branding;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace LicensingPortal.Web.Controllers;

/// <summary>
/// R25: a company's logo, for anyone: the sign-in page of a brand's host name shows it before anyone signs in, and mail
/// clients load it without the portal's cookie (docs/branding.md). Served with the content type found when it was
/// uploaded (PNG or SVG, never the browser's claim), <c>nosniff</c>, and for SVG a policy that lets nothing run or load.
/// The address carries the brand's version (?v=): that address never changes its content, so it is cached for a year;
/// without it, or with an old one, the answer is revalidated by its ETag.
/// </summary>
[AllowAnonymous]
public sealed class BrandLogoController : Controller
{
    public const string SvgContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; sandbox";

    [HttpGet("brand/{companyId:guid}/logo")]
    public async Task<IActionResult> Logo([FromServices] GetBrandLogo get, Guid companyId, int? v, CancellationToken cancellationToken)
    {
        var logo = await get.HandleAsync(companyId, cancellationToken);
        if (logo is null)
        {
            return NotFound();
        }

        var etag = new EntityTagHeaderValue($"\"{companyId:N}-{logo.Version}\"");
        var headers = Response.Headers;
        headers.ETag = etag.ToString();
        headers.CacheControl = v == logo.Version ? "public, max-age=31536000, immutable" : "no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (logo.ContentType == BrandLogo.Svg)
        {
            headers.ContentSecurityPolicy = SvgContentSecurityPolicy;
        }

        if (Request.GetTypedHeaders().IfNoneMatch.Any(t => t.Compare(etag, useStrongComparison: false)))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        return File(logo.Content, logo.ContentType);
    }
}
