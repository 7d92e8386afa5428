using System.Security.Cryptography;
using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Webhooks;

/// <summary>
/// An HTTPS address of a company's system that receives the events it subscribed to, signed with its own
/// secret (ADR 0011). The secret is shown once; what is stored is the secret protected with the portal's
/// data-protection keys, because signing needs the secret itself (a hash could only verify). An endpoint
/// that keeps failing for days is disabled by the job; its owner enables it again after fixing it.
/// </summary>
public sealed class WebhookEndpoint : IVersioned
{
    public const int UrlMaxLength = 500;
    public const int DescriptionMaxLength = 200;

    /// <summary>Every secret starts with this, so a leaked one is recognisable by secret scanners.</summary>
    public const string SecretPrefix = "whsec_";

    private WebhookEndpoint()
    {
    }

    public Guid Id { get; private set; }

    public Guid CompanyId { get; private set; }

    public string Url { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public WebhookEvents Events { get; private set; }

    /// <summary>The secret, protected (encrypted) by the portal: never shown after it was created or rotated.</summary>
    public string ProtectedSecret { get; private set; } = string.Empty;

    public bool Enabled { get; private set; }

    /// <summary>Why the job disabled it (null when a user did, or when enabled).</summary>
    public string? DisabledReason { get; private set; }

    /// <summary>When the first of the failed attempts in a row was; null after a success.</summary>
    public DateTimeOffset? FailingSince { get; private set; }

    public string CreatedBy { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SecretRotatedAt { get; private set; }

    public int Version { get; private set; }

    /// <summary>A new random secret (256 bits): the caller protects it for storage and shows it once.</summary>
    public static string NewSecret() =>
        SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static WebhookEndpoint Create(Guid companyId, Uri url, WebhookEvents events, string? description, string protectedSecret, string createdBy, DateTimeOffset now)
    {
        var endpoint = new WebhookEndpoint
        {
            Id = Ids.New(),
            CompanyId = companyId,
            ProtectedSecret = protectedSecret,
            Enabled = true,
            CreatedBy = createdBy,
            CreatedAt = now,
        };
        endpoint.Update(url, events, description);
        return endpoint;
    }

    public void Update(Uri url, WebhookEvents events, string? description)
    {
        var text = url.AbsoluteUri;
        if (!url.IsAbsoluteUri || url.Scheme != Uri.UriSchemeHttps || text.Length > UrlMaxLength)
        {
            throw new DomainRuleViolation("R18", $"The URL must be an absolute https:// address of at most {UrlMaxLength} characters.", "Url");
        }

        if ((events & WebhookEventTypes.Every) == WebhookEvents.None || (events & ~WebhookEventTypes.Every) != WebhookEvents.None)
        {
            throw new DomainRuleViolation("R18", "Choose at least one event.", "Events");
        }

        var trimmed = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (trimmed?.Length > DescriptionMaxLength)
        {
            throw new DomainRuleViolation("R18", $"The description is at most {DescriptionMaxLength} characters.", "Description");
        }

        if (InputPolicy.TextProblem(trimmed, "Description") is { } problem)
        {
            throw new DomainRuleViolation("R18", problem, "Description");
        }

        Url = text;
        Events = events;
        Description = trimmed;
    }

    public bool Receives(WebhookEvents type) => Enabled && (Events & type) == type;

    public void RotateSecret(string protectedSecret, DateTimeOffset now)
    {
        ProtectedSecret = protectedSecret;
        SecretRotatedAt = now;
    }

    public void Disable(string? reason)
    {
        if (!Enabled)
        {
            throw new DomainRuleViolation("R18", "This endpoint is already disabled.");
        }

        Enabled = false;
        DisabledReason = reason;
    }

    /// <summary>Enabled again, it starts with a clean record: the days of failure before do not count.</summary>
    public void Enable()
    {
        if (Enabled)
        {
            throw new DomainRuleViolation("R18", "This endpoint is already enabled.");
        }

        Enabled = true;
        DisabledReason = null;
        FailingSince = null;
    }

    /// <summary>A delivery got a 2xx. Returns whether anything changed (so a healthy endpoint is not saved on every delivery).</summary>
    public bool RecordSuccess()
    {
        if (FailingSince is null)
        {
            return false;
        }

        FailingSince = null;
        return true;
    }

    /// <summary>
    /// A delivery attempt failed. Returns true when this failure disabled the endpoint: it has failed every
    /// attempt for at least <paramref name="disableAfter"/>.
    /// </summary>
    public bool RecordFailure(DateTimeOffset now, TimeSpan disableAfter)
    {
        FailingSince ??= now;
        if (!Enabled || now - FailingSince.Value < disableAfter)
        {
            return false;
        }

        Enabled = false;
        DisabledReason = $"Every delivery failed from {FailingSince.Value.UtcDateTime:yyyy-MM-dd HH:mm} UTC to {now.UtcDateTime:yyyy-MM-dd HH:mm} UTC.";
        return true;
    }
}
