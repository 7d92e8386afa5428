using LicensingPortal.Application.Common;
using LicensingPortal.Domain.Notifications;

namespace LicensingPortal.Application.Notifications;

/// <summary>
/// R20: the provider's email wording per kind (its partners' emails use it too), with sample values for
/// the preview. Values a real email carries come from the event; the sample shows a hostile one encoded.
/// </summary>
public static class TemplateSamples
{
    public static readonly IReadOnlyDictionary<string, string> Values = new Dictionary<string, string>
    {
        ["customer"] = "Cedar Law Group <script>alert(1)</script>",
        ["plan"] = "WFBSS Advanced – 12 months",
        ["product"] = "Worry-Free Business Security Services",
        ["date"] = "2026-12-31",
        ["days"] = "14",
        ["link"] = "https://portal.example/customers/…/licenses/…",
        ["partner"] = "Contoso Managed Services",
        ["company"] = "Contoso Managed Services",
        ["recipient"] = "Alex Admin",
        ["units"] = "12",
        ["used"] = "15",
        ["provisioned"] = "12",
        ["total"] = "200",
        ["percent"] = "10",
        ["endpoint"] = "https://hooks.example.com/licensing",
        ["month"] = "November 2026",
        ["amount"] = "1,234.50 USD",
        ["reason"] = "Three seats were handed out on the 20th.",
        ["change"] = "Units: 20 → 25",
        ["outcome"] = "approved",
        ["comment"] = "Five new staff start in January.",
        ["person"] = "Sam Support",
    };
}

/// <summary>Renders what an email of this template would look like, without saving; an invalid template is refused the same way a save is.</summary>
public static class PreviewNotificationTemplate
{
    public static Result<RenderedMessage> Render(string? subject, string? body)
    {
        try
        {
            var (checkedSubject, checkedBody) = NotificationTemplate.Validate(subject, body);
            return Result<RenderedMessage>.Ok(NotificationTemplate.Render(checkedSubject, checkedBody, TemplateSamples.Values));
        }
        catch (Domain.Common.DomainRuleViolation violation)
        {
            return Result<RenderedMessage>.From(Result.Refused(violation));
        }
    }
}
