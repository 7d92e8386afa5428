namespace LicensingPortal.Domain.Auditing;

public enum TransactionType
{
    NewPurchase = 0,
    LicenseChange = 1,
    ChangeScheduled = 2,
    ScheduledChangeCanceled = 3,
    ScheduledChangeFailed = 4,
    AutoRenewal = 5,
    Conversion = 6,
    SuiteChange = 7,
    Expiration = 8,
}
