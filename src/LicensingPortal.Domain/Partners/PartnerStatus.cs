namespace LicensingPortal.Domain.Partners;

public enum PartnerStatus
{
    Active = 0,
    Suspended = 1,
    Canceled = 2,
}
