namespace LicensingPortal.Application.Webhooks;

/// <summary>Protects an endpoint's secret for storage and gets it back to sign (ADR 0011: ASP.NET Core Data Protection, keys in the database).</summary>
public interface IWebhookSecrets
{
    string Protect(string secret);

    string Unprotect(string protectedSecret);
}

/// <summary>
/// Checks a webhook URL where it will be sent (ADR 0011): the rules of <see cref="Domain.Webhooks.WebhookTargets"/>,
/// and in production also the addresses its host resolves to.
/// </summary>
public interface IWebhookTargetCheck
{
    /// <summary>The parsed URL, or why it is refused (a sentence naming the problem).</summary>
    Task<(Uri? Url, string? Refusal)> CheckAsync(string? url, CancellationToken cancellationToken);
}
