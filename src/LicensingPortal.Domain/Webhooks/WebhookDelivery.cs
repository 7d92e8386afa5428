using System.Text.Json;
using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Webhooks;

/// <summary>
/// One event for one endpoint, in the webhook outbox (ADR 0011). Its key is unique per endpoint, so however
/// many runs or nodes see the event, it is delivered once. Sent like an outbox email (ADR 0009): claimed
/// through the version column with a lease, retried after 1, 2, 4... minutes (at most six hours apart), and
/// Failed after <see cref="MaxAttempts"/>; a user can send a failed or delivered one again.
/// </summary>
public sealed class WebhookDelivery : IVersioned
{
    /// <summary>About four days of retries: longer than an endpoint may fail before it is disabled (three days by default).</summary>
    public const int MaxAttempts = 25;
    public const int KeyMaxLength = 150;
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(6);

    /// <summary>Longer than a request can take (the client times out well before): a node that dies mid-send frees it after this.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How long a delivered or failed delivery stays in the endpoint's log (and can be sent again) after its last
    /// attempt; the webhook job deletes it then. Waiting deliveries are never deleted.
    /// </summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    private WebhookDelivery()
    {
    }

    public Guid Id { get; private set; }

    public Guid EndpointId { get; private set; }

    public Guid CompanyId { get; private set; }

    public WebhookEvents EventType { get; private set; }

    /// <summary>What makes the event one event (e.g. the transaction id): unique per endpoint.</summary>
    public string EventKey { get; private set; } = string.Empty;

    /// <summary>The JSON body, fixed when the event happened.</summary>
    public string Payload { get; private set; } = string.Empty;

    public WebhookDeliveryState State { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>When a Pending delivery may be tried next; for a Sending one, when its claim expires.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset OccurredAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public int Version { get; private set; }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A new delivery of an event, with the body every delivery carries: <c>{ id, type, occurredAt, companyId, data }</c> (docs/webhooks.md).</summary>
    public static WebhookDelivery ForEvent(WebhookEndpoint endpoint, WebhookEvents type, string key, DateTimeOffset occurredAt, object data, DateTimeOffset now) =>
        Create(endpoint, type, key, occurredAt, id => JsonSerializer.Serialize(new { id, type = type.Name(), occurredAt, companyId = endpoint.CompanyId, data }, Json), now);

    /// <summary>A test event (<c>ping</c>) for the endpoint, sent like any other on the next run; each is a delivery of its own.</summary>
    public static WebhookDelivery Ping(WebhookEndpoint endpoint, DateTimeOffset now) =>
        ForEvent(endpoint, WebhookEvents.Ping, $"ping:{Ids.New():N}", now, new { endpointId = endpoint.Id, message = "A test event sent from the portal's Webhooks page." }, now);

    /// <summary>A new delivery; <paramref name="payload"/> builds the body from the delivery's own id.</summary>
    public static WebhookDelivery Create(WebhookEndpoint endpoint, WebhookEvents type, string key, DateTimeOffset occurredAt, Func<Guid, string> payload, DateTimeOffset now)
    {
        var id = Ids.New();
        return new WebhookDelivery
        {
            Id = id,
            EndpointId = endpoint.Id,
            CompanyId = endpoint.CompanyId,
            EventType = type,
            EventKey = key.Length > KeyMaxLength ? key[..KeyMaxLength] : key,
            Payload = payload(id),
            State = WebhookDeliveryState.Pending,
            DueAt = now,
            OccurredAt = occurredAt,
            CreatedAt = now,
        };
    }

    public bool IsDue(DateTimeOffset now) => State is WebhookDeliveryState.Pending or WebhookDeliveryState.Sending && DueAt <= now;

    public void Claim(DateTimeOffset now)
    {
        if (!IsDue(now))
        {
            throw new DomainRuleViolation("R18", "This delivery is not due to be sent.");
        }

        State = WebhookDeliveryState.Sending;
        Attempts++;
        LastAttemptAt = now;
        DueAt = now + ClaimLease;
    }

    public void MarkDelivered(int statusCode, DateTimeOffset now)
    {
        EnsureSending();
        State = WebhookDeliveryState.Delivered;
        DeliveredAt = now;
        LastStatusCode = statusCode;
        LastError = null;
    }

    /// <summary>A failed attempt (a status other than 2xx, a timeout, a refused address): retried later, or Failed after too many.</summary>
    public void MarkFailed(int? statusCode, string error, DateTimeOffset now)
    {
        EnsureSending();
        LastStatusCode = statusCode;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (Attempts >= MaxAttempts)
        {
            State = WebhookDeliveryState.Failed;
            return;
        }

        State = WebhookDeliveryState.Pending;
        DueAt = now + RetryDelay(Attempts);
    }

    /// <summary>"Send again" from the delivery log: a failed or delivered one goes out on the next run, counting attempts afresh.</summary>
    public void SendAgain(DateTimeOffset now)
    {
        if (State is not (WebhookDeliveryState.Failed or WebhookDeliveryState.Delivered))
        {
            throw new DomainRuleViolation("R18", "This delivery is already waiting to be sent.");
        }

        State = WebhookDeliveryState.Pending;
        Attempts = 0;
        DueAt = now;
    }

    public static TimeSpan RetryDelay(int attempts)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Min(20, Math.Max(0, attempts - 1)));
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }

    private void EnsureSending()
    {
        if (State != WebhookDeliveryState.Sending)
        {
            throw new DomainRuleViolation("R18", "This delivery was not claimed for sending.");
        }
    }
}
