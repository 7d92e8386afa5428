namespace LicensingPortal.Infrastructure.ApiKeys;

/// <summary>
/// A creating API request made with an Idempotency-Key (R21): reserved before the request runs, then
/// completed with the answer, which a retry with the same key gets again instead of a second effect.
/// Scoped to the API key, so two clients cannot collide on a key value.
/// </summary>
public sealed class IdempotentRequest
{
    public const int KeyMaxLength = 100;

    public Guid Id { get; set; }

    public Guid ApiKeyId { get; set; }

    public string Key { get; set; } = string.Empty;

    /// <summary>SHA-256 of method, path and body: the same key with another request is refused, not replayed.</summary>
    public string RequestHash { get; set; } = string.Empty;

    /// <summary>0 while the first request is still running.</summary>
    public int StatusCode { get; set; }

    public string? ResponseBody { get; set; }

    public string? Location { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}
