namespace LicensingPortal.Infrastructure.Notifications;

/// <summary>
/// How far the notification job has read an append-only source (license transactions, audit entries).
/// Job bookkeeping, not domain: each run re-reads a few minutes before it (a transaction committed late
/// with an earlier time is not missed) and the notifications' unique key drops what was already seen.
/// </summary>
public sealed class NotificationCursor
{
    public string Source { get; set; } = string.Empty;

    public DateTimeOffset Position { get; set; }

    public int Version { get; set; }
}
