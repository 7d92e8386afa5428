namespace LicensingPortal.Domain.Notifications;

public enum OutboxEmailState
{
    Pending = 0,
    Sending = 1,
    Sent = 2,
    Failed = 3,
}
