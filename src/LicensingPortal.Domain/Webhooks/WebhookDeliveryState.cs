namespace LicensingPortal.Domain.Webhooks;

public enum WebhookDeliveryState
{
    Pending = 0,
    Sending = 1,
    Delivered = 2,
    Failed = 3,
}
