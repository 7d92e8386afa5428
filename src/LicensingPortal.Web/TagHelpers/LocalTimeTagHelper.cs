using System.Globalization;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace LicensingPortal.Web.TagHelpers;

/// <summary>
/// <c>&lt;local-time value="@instant" /&gt;</c>: an instant (stored in UTC) shown in the reader's time zone.
/// The server writes the UTC time, so the page reads correctly without script; site.js rewrites it in the
/// browser's time zone and keeps the UTC time in the tooltip. Calendar dates (expirations) are not instants
/// and are shown as they are.
/// </summary>
[HtmlTargetElement("local-time", TagStructure = TagStructure.WithoutEndTag)]
public sealed class LocalTimeTagHelper : TagHelper
{
    public DateTimeOffset Value { get; set; }

    /// <summary>Show seconds (the audit log).</summary>
    public bool Seconds { get; set; }

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var utc = Value.ToUniversalTime();
        var text = utc.ToString(Seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
        output.TagName = "time";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("datetime", utc.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        output.Attributes.SetAttribute("title", text);
        output.Attributes.SetAttribute("data-local-time", Seconds ? "seconds" : "minutes");
        output.Content.SetContent(text);
    }
}
