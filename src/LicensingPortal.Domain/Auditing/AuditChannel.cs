namespace LicensingPortal.Domain.Auditing;

/// <summary>
/// R26: how the person (or program) behind an audit entry reached the portal. Stored as these words, so a new channel
/// needs no migration and the audit page can filter by them.
/// </summary>
public static class AuditChannel
{
    /// <summary>Signed in with a password (and two-factor) on the portal's own sign-in page.</summary>
    public const string Web = "web";

    /// <summary>An API key (R21).</summary>
    public const string Api = "api";

    /// <summary>Signed in through the company's own OpenID Connect provider.</summary>
    public const string Sso = "sso";

    /// <summary>A provider support engineer in an audited support session ("view as").</summary>
    public const string Support = "support";

    /// <summary>The scheduler's jobs and anything else run without a request.</summary>
    public const string System = "system";

    public const int MaxLength = 20;

    /// <summary>The longest client address stored: an IPv6 address with a zone.</summary>
    public const int ClientIpMaxLength = 64;

    public static readonly IReadOnlyList<string> All = [Web, Api, Sso, Support, System];

    /// <summary>As the audit page names it.</summary>
    public static string Display(string? channel) => channel switch
    {
        Web => "Web",
        Api => "API key",
        Sso => "Single sign-on",
        Support => "Support session",
        System => "System",
        _ => "Unknown",
    };
}
