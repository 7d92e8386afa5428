namespace LicensingPortal.Application.ApiKeys;

/// <summary>What an earlier request with the same Idempotency-Key left: the hash of its input and, once it finished, its answer.</summary>
public sealed record IdempotentAnswer(string RequestHash, int StatusCode, string? Body, string? Location)
{
    /// <summary>The first request is still running (its answer is not stored yet).</summary>
    public bool InProgress => StatusCode == 0;
}

/// <summary>
/// How reserving an Idempotency-Key went: <see cref="Reserved"/> (this request runs), an <see cref="Earlier"/> request
/// to answer from, or neither: a concurrent request reserved the key a moment before.
/// </summary>
public sealed record IdempotencyReservation(bool Reserved, IdempotentAnswer? Earlier);

/// <summary>
/// R21 (ADR 0010): creating API requests by API key and Idempotency-Key. Kept in its own unit of work, apart from
/// the request's use case, so a record never saves half of a refused use case and a refused use case never loses it.
/// </summary>
public interface IIdempotentRequests
{
    /// <summary>Reserves <paramref name="key"/> for this request before it runs (a unique index makes a concurrent retry lose).</summary>
    Task<IdempotencyReservation> ReserveAsync(Guid apiKeyId, string key, string requestHash, CancellationToken cancellationToken);

    /// <summary>Stores the answer, which a retry with the same key and input gets again.</summary>
    Task CompleteAsync(Guid apiKeyId, string key, int statusCode, string? body, string? location, CancellationToken cancellationToken);

    /// <summary>Forgets the reservation: there is nothing to replay, and the client may retry with the same key.</summary>
    Task ReleaseAsync(Guid apiKeyId, string key, CancellationToken cancellationToken);
}
