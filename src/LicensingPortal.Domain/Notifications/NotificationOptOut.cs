namespace LicensingPortal.Domain.Notifications;

/// <summary>A user who turned a kind of notification off (in the portal and by email). No row: on.</summary>
public sealed class NotificationOptOut
{
    private NotificationOptOut()
    {
    }

    public Guid UserId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public static NotificationOptOut For(Guid userId, NotificationKind kind) => new() { UserId = userId, Kind = kind };
}
