using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Notifications;

/// <summary>
/// R20: an email waiting in the outbox, written in the same save as its notification and sent by the
/// background job. A node claims it by moving it to Sending with a lease (the version column makes a
/// second claimer's save fail, ADR 0008/0009); a failure is retried with exponential backoff; a
/// permanent failure (a bad address) or too many attempts leaves it Failed, shown to administrators.
/// </summary>
public sealed class OutboxEmail : IVersioned
{
    public const int MaxAttempts = 8;
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromHours(6);

    /// <summary>Longer than an SMTP conversation can take: a node that dies mid-send frees the email after it.</summary>
    public static readonly TimeSpan ClaimLease = TimeSpan.FromMinutes(5);

    private OutboxEmail()
    {
    }

    public Guid Id { get; private set; }

    public Guid NotificationId { get; private set; }

    public Guid CompanyId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public string To { get; private set; } = string.Empty;

    public string Subject { get; private set; } = string.Empty;

    public string HtmlBody { get; private set; } = string.Empty;

    public OutboxEmailState State { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>When a Pending email may be tried next; for a Sending one, when its claim expires.</summary>
    public DateTimeOffset DueAt { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public string? LastError { get; private set; }

    public int Version { get; private set; }

    public static OutboxEmail For(Notification notification, string to, RenderedMessage message, DateTimeOffset now) => new()
    {
        Id = Ids.New(),
        NotificationId = notification.Id,
        CompanyId = notification.CompanyId,
        Kind = notification.Kind,
        To = to,
        Subject = message.Subject,
        HtmlBody = message.HtmlBody,
        State = OutboxEmailState.Pending,
        DueAt = now,
        CreatedAt = now,
    };

    /// <summary>Due to be sent: pending and its time has come, or claimed by a node whose lease ran out.</summary>
    public bool IsDue(DateTimeOffset now) => State is OutboxEmailState.Pending or OutboxEmailState.Sending && DueAt <= now;

    public void Claim(DateTimeOffset now)
    {
        if (!IsDue(now))
        {
            throw new DomainRuleViolation("R20", "This email is not due to be sent.");
        }

        State = OutboxEmailState.Sending;
        Attempts++;
        DueAt = now + ClaimLease;
    }

    public void MarkSent(DateTimeOffset now)
    {
        EnsureSending();
        State = OutboxEmailState.Sent;
        SentAt = now;
        LastError = null;
    }

    /// <summary>A failed attempt: retried after 1, 2, 4... minutes (at most six hours apart), unless permanent or too many.</summary>
    public void MarkFailed(string error, bool permanent, DateTimeOffset now)
    {
        EnsureSending();
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (permanent || Attempts >= MaxAttempts)
        {
            State = OutboxEmailState.Failed;
            return;
        }

        State = OutboxEmailState.Pending;
        DueAt = now + RetryDelay(Attempts);
    }

    /// <summary>An administrator sends a failed email again (e.g. after fixing the address or the server).</summary>
    public void Retry(DateTimeOffset now)
    {
        if (State != OutboxEmailState.Failed)
        {
            throw new DomainRuleViolation("R20", "Only a failed email can be sent again.");
        }

        State = OutboxEmailState.Pending;
        Attempts = 0;
        DueAt = now;
    }

    public static TimeSpan RetryDelay(int attempts)
    {
        var delay = FirstRetryDelay * Math.Pow(2, Math.Max(0, attempts - 1));
        return delay > MaxRetryDelay ? MaxRetryDelay : delay;
    }

    private void EnsureSending()
    {
        if (State != OutboxEmailState.Sending)
        {
            throw new DomainRuleViolation("R20", "This email was not claimed for sending.");
        }
    }
}
