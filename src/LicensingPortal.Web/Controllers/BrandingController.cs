using LicensingPortal.Application.Branding;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Branding;
using LicensingPortal.Web.Security;
using Microsoft.AspNetCore.Mvc;

namespace LicensingPortal.Web.Controllers;

/// <param name="Input">What the form shows: the brand as stored, or as the user sent it when it was refused.</param>
public sealed record BrandingPage(BrandView Brand, BrandInput Input);

/// <summary>
/// R25, Branding: a company's administrators set the logo, colour, display name and host name its customers' pages and
/// emails carry; a provider's administrators also those of its partners (the partner's page links here). Another
/// company's brand is not found (R1).
/// </summary>
[RequirePermission(Permission.ManageBranding)]
public sealed class BrandingController : Controller
{
    /// <summary>The logo's limit with room for the form around it.</summary>
    public const int MaxUploadBytes = BrandLogo.MaxBytes + (64 * 1024);

    /// <summary>The fields a refusal is shown beside; the logo's under the file input.</summary>
    private static readonly HashSet<string> FormFields = new(StringComparer.Ordinal) { nameof(BrandInput.DisplayName), nameof(BrandInput.Colour), nameof(BrandInput.HostName), "Logo" };

    [HttpGet("branding")]
    public IActionResult Index([FromServices] ICurrentUser user) => RedirectToAction(nameof(Edit), new { companyId = user.CompanyId });

    [HttpGet("companies/{companyId:guid}/branding")]
    public async Task<IActionResult> Edit([FromServices] GetBrand get, Guid companyId, CancellationToken cancellationToken) =>
        await get.HandleAsync(companyId, cancellationToken) is { } brand ? View(new BrandingPage(brand, BrandInput.From(brand))) : NotFound();

    [HttpPost("companies/{companyId:guid}/branding")]
    [RequestSizeLimit(MaxUploadBytes)]
    public async Task<IActionResult> Edit(
        [FromServices] SaveBrand save, [FromServices] GetBrand get, Guid companyId, [Bind(Prefix = nameof(BrandingPage.Input))] BrandInput input, IFormFile? logo, CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var result = await save.HandleAsync(companyId, input, logo is { Length: > 0 } ? await ReadAsync(logo, cancellationToken) : null, cancellationToken);
            if (result.Kind == Application.Common.ResultKind.NotFound)
            {
                return NotFound();
            }

            if (result.Succeeded)
            {
                this.Flash(result.Message!);
                return RedirectToAction(nameof(Edit), new { companyId });
            }

            result.AddTo(ModelState, nameof(BrandingPage.Input), formFields: FormFields);
        }

        return await get.HandleAsync(companyId, cancellationToken) is { } brand ? View(new BrandingPage(brand, input)) : NotFound();
    }

    [HttpPost("companies/{companyId:guid}/branding/remove-logo")]
    public async Task<IActionResult> RemoveLogo([FromServices] RemoveBrandLogo remove, Guid companyId, int version, CancellationToken cancellationToken)
    {
        var result = await remove.HandleAsync(companyId, version, cancellationToken);
        if (result.Kind == Application.Common.ResultKind.NotFound)
        {
            return NotFound();
        }

        this.Flash(result);
        return RedirectToAction(nameof(Edit), new { companyId });
    }

    private static async Task<byte[]> ReadAsync(IFormFile file, CancellationToken cancellationToken)
    {
        // Read at most one byte past the limit: the domain names the limit for a larger file.
        using var stream = file.OpenReadStream();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while (buffer.Length <= BrandLogo.MaxBytes && (read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
