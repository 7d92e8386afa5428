using System.Globalization;
using LicensingPortal.Domain.Common;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace LicensingPortal.Web.TagHelpers;

/// <summary>
/// Every <c>&lt;input type="date"&gt;</c> offers only the dates the input policy accepts (ADR 0014): a min and a max
/// of 2000-01-01 and 2100-12-31 unless the page sets a narrower one (a license expires after today). The browser then
/// refuses year 1 or 9999 before sending; the server refuses them anyway.
/// </summary>
[HtmlTargetElement("input")]
public sealed class DateWindowTagHelper : TagHelper
{
    /// <summary>After the input tag helper, which sets the type from the model.</summary>
    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.TryGetAttribute("type", out var type) || !string.Equals(type.Value?.ToString(), "date", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        if (!output.Attributes.ContainsName("min"))
        {
            output.Attributes.SetAttribute("min", InputPolicy.EarliestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }

        if (!output.Attributes.ContainsName("max"))
        {
            output.Attributes.SetAttribute("max", InputPolicy.LatestDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        }
    }
}
