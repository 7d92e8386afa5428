using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Notifications;

/// <summary>
/// R20: a provider's wording of one kind of email, with placeholders such as {customer} {plan} {date} {link}.
/// A template is plain text: the body is HTML-encoded whole (so a template cannot carry script) and so is
/// every value put into it; {link} becomes a link. An unknown placeholder is refused, named. Without a
/// saved template the safe default of <see cref="Defaults"/> is used.
/// </summary>
public sealed partial class NotificationTemplate : IVersioned
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 4000;

    public static readonly IReadOnlyList<string> Placeholders = ["customer", "plan", "product", "date", "days", "link", "partner", "company", "recipient", "units", "total", "percent", "endpoint", "reason", "used", "provisioned", "month", "amount", "change", "outcome", "comment", "person"];

    private NotificationTemplate()
    {
    }

    /// <summary>The provider whose wording this is; its partners' emails use it too.</summary>
    public Guid ProviderId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public string Subject { get; private set; } = string.Empty;

    public string Body { get; private set; } = string.Empty;

    public DateTimeOffset UpdatedAt { get; private set; }

    public int Version { get; private set; }

    public static NotificationTemplate Create(Guid providerId, NotificationKind kind, string? subject, string? body, DateTimeOffset now)
    {
        var template = new NotificationTemplate { ProviderId = providerId, Kind = kind };
        template.Update(subject, body, now);
        return template;
    }

    public void Update(string? subject, string? body, DateTimeOffset now)
    {
        var (checkedSubject, checkedBody) = Validate(subject, body);
        Subject = checkedSubject;
        Body = checkedBody;
        UpdatedAt = now;
    }

    /// <summary>Refuses empty, too long, or unknown placeholders, naming the field and the placeholder.</summary>
    public static (string Subject, string Body) Validate(string? subject, string? body)
    {
        var checkedSubject = Guard.Text(subject, nameof(Subject), SubjectMaxLength, "R20");
        var checkedBody = Guard.Text(body, nameof(Body), BodyMaxLength, "R20", multiLine: true);
        EnsureKnownPlaceholders(checkedSubject, nameof(Subject));
        EnsureKnownPlaceholders(checkedBody, nameof(Body));
        return (checkedSubject, checkedBody);
    }

    public static RenderedMessage Default(NotificationKind kind, IReadOnlyDictionary<string, string> values, EmailBrand? brand = null)
    {
        var (subject, body) = Defaults(kind);
        return Render(subject, body, values, brand);
    }

    public RenderedMessage Render(IReadOnlyDictionary<string, string> values, EmailBrand? brand = null) => Render(Subject, Body, values, brand);

    /// <summary>
    /// The subject is a header (values in it are plain text, line breaks removed); the body becomes HTML: its
    /// text and every value are encoded, line breaks become &lt;br&gt;, and {link} an anchor to the encoded URL.
    /// An email to a customer's user carries its partner's <paramref name="brand"/> above the body (R25).
    /// </summary>
    public static RenderedMessage Render(string subject, string body, IReadOnlyDictionary<string, string> values, EmailBrand? brand = null)
    {
        string Value(string name) => values.TryGetValue(name, out var value) ? value : string.Empty;

        // One pass: a value that itself looks like a placeholder is not replaced again.
        var renderedSubject = AnyPlaceholderPattern().Replace(subject, m => Placeholders.Contains(m.Groups["name"].Value) ? Value(m.Groups["name"].Value) : m.Value);
        renderedSubject = renderedSubject.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

        var html = new StringBuilder();
        var last = 0;
        foreach (var m in AnyPlaceholderPattern().Matches(body).Where(m => Placeholders.Contains(m.Groups["name"].Value)))
        {
            html.Append(Encode(body[last..m.Index]));
            var name = m.Groups["name"].Value;
            var value = WebUtility.HtmlEncode(Value(name));
            html.Append(name == "link" ? $"<a href=\"{value}\">{value}</a>" : value);
            last = m.Index + m.Length;
        }

        html.Append(Encode(body[last..]));
        var message = new RenderedMessage(renderedSubject.Trim(), html.ToString());
        return brand?.Apply(message) ?? message;

        static string Encode(string text) =>
            WebUtility.HtmlEncode(text).Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "<br>\n", StringComparison.Ordinal);
    }

    /// <summary>The wording used until a provider saves its own: plain, with every fact a reader needs to act.</summary>
    public static (string Subject, string Body) Defaults(NotificationKind kind) => kind switch
    {
        NotificationKind.LicenseExpiringSoon => (
            "{customer}: {plan} expires on {date}",
            "Hello {recipient},\n\nThe {plan} license of {customer} expires on {date}, in {days} day(s), and will not renew by itself.\nRenew it, extend it or convert it before then:\n{link}"),
        NotificationKind.LicenseExpired => (
            "{customer}: {plan} expired on {date}",
            "Hello {recipient},\n\nThe {plan} license of {customer} expired on {date}.\n{link}"),
        NotificationKind.AutoRenewalComingUp => (
            "{customer}: {plan} renews automatically on {date}",
            "Hello {recipient},\n\nThe {plan} license of {customer} renews automatically on {date}, in {days} day(s).\nTo reduce its units or turn auto-renewal off, change it before then:\n{link}"),
        NotificationKind.AutoRenewalDone => (
            "{customer}: {plan} renewed until {date}",
            "Hello {recipient},\n\nThe {plan} license of {customer} renewed automatically; it now expires on {date}.\n{link}"),
        NotificationKind.ScheduledChangeApplied => (
            "{customer}: the scheduled change to {plan} was applied",
            "Hello {recipient},\n\nThe change scheduled for the {plan} license of {customer} was applied on {date}.\n{link}"),
        NotificationKind.ScheduledChangeRefused => (
            "{customer}: the change scheduled for {plan} on {date} was refused",
            "Hello {recipient},\n\nThe change scheduled for the {plan} license of {customer} on {date} was not applied: {reason}\nThe license is as it was. Schedule the change again or change it now:\n{link}"),
        NotificationKind.UsageOverProvisioned => (
            "{customer}: {used} units in use on {date}, {provisioned} provisioned",
            "Hello {recipient},\n\nThe product reported {used} units of the {plan} license of {customer} in use on {date}, more than the {provisioned} units it provides.\nRaise the license's units, or check the customer's usage; plans charged by use bill what was used:\n{link}"),
        NotificationKind.PartnerSuspended => (
            "{partner} is suspended",
            "Hello {recipient},\n\n{partner} was suspended on {date}: only its profile can be changed until it is reactivated.\n{link}"),
        NotificationKind.PartnerReactivated => (
            "{partner} is active again",
            "Hello {recipient},\n\n{partner} was reactivated on {date}.\n{link}"),
        NotificationKind.PartnerCanceled => (
            "{partner} was canceled",
            "Hello {recipient},\n\n{partner} was canceled on {date}. Its accounts can no longer sign in and the licenses of its customers expired on that date."),
        NotificationKind.SuiteChangeAwaitingApproval => (
            "{product}: a suite composition change awaits your approval",
            "Hello {recipient},\n\nThe components of {product} change on {date}. The service plans of {company} for it are locked until you review and approve the change:\n{link}"),
        NotificationKind.LicensePoolRunningLow => (
            "{product} ({plan}): {units} of {total} units left in the license pool",
            "Hello {recipient},\n\nThe {product} ({plan}) license pool of {company} has {units} of its {total} units free, less than the {percent}% you asked to be warned at.\nOnce it is empty, new licenses for your customers are refused unless license pool refill is on. Ask your provider for more units in time:\n{link}"),
        NotificationKind.StatementReady => (
            "Your statement for {month} is ready to review",
            "Hello {recipient},\n\nThe statement of {company} for {month} is ready to review: {amount}.\nCheck its lines, adjust a line with a comment where the units differ, and submit it. If it is not submitted by then, it is submitted automatically on {date}.\n{link}"),
        NotificationKind.StatementSubmitted => (
            "{partner} submitted its statement for {month}",
            "Hello {recipient},\n\n{partner} submitted its statement for {month} on {date}: {amount}.\nApprove it, or reject it with a reason:\n{link}"),
        NotificationKind.StatementApproved => (
            "Your statement for {month} is approved",
            "Hello {recipient},\n\nThe statement of {company} for {month} was approved on {date}: {amount}. It will not change; a later correction goes on a later month.\n{link}"),
        NotificationKind.StatementRejected => (
            "Your statement for {month} was rejected",
            "Hello {recipient},\n\nThe statement of {company} for {month} was rejected on {date}: {reason}\nCorrect it and submit it again:\n{link}"),
        NotificationKind.LicenseRequestCreated => (
            "{customer} asks for a change to {plan}",
            "Hello {recipient},\n\n{customer} asked on {date} for a change to its {plan} license: {change}\nTheir comment: {comment}\nApprove it (now or on a date) or decline it with a reason on Customers › Requests:\n{link}"),
        NotificationKind.LicenseRequestAnswered => (
            "Your request for {plan}: {outcome}",
            "Hello {recipient},\n\nYour request for the {plan} license ({change}) was {outcome} on {date}.\n{reason}\n{link}"),
        NotificationKind.SupportSessionStarted => (
            "{person} of your provider is viewing the portal of {company}",
            "Hello {recipient},\n\n{person} of your provider opened the portal of {company} as {company} on {date}, read-only, for at most an hour.\nThe reason given: {reason}\nEverything done in the session is in your audit log. Write access needs your consent; give it, revoke it or end the session on Support access:\n{link}"),
        NotificationKind.WebhookEndpointDisabled => (
            "Webhook endpoint {endpoint} was disabled",
            "Hello {recipient},\n\nEvery delivery to the webhook endpoint {endpoint} of {company} failed for days, so it was disabled on {date}. Fix the receiver, enable the endpoint again and send the failed deliveries again from its delivery log:\n{link}"),
    };

    private static void EnsureKnownPlaceholders(string text, string field)
    {
        foreach (Match m in AnyPlaceholderPattern().Matches(text))
        {
            var name = m.Groups["name"].Value;
            if (!Placeholders.Contains(name))
            {
                throw new DomainRuleViolation("R20", $"{{{name}}} is not a placeholder. Use {string.Join(" ", Placeholders.Select(p => "{" + p + "}"))}.", field);
            }
        }
    }

    [GeneratedRegex(@"\{(?<name>[^{}\s]*)\}")]
    private static partial Regex AnyPlaceholderPattern();
}
