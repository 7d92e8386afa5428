namespace LicensingPortal.Domain.LicenseRequests;

/// <summary>R25: Open → Approved (applied now or scheduled) / Declined (with a reason) / Withdrawn (by the customer). Stored by number.</summary>
public enum LicenseRequestState
{
    Open = 0,
    Approved = 1,
    Declined = 2,
    Withdrawn = 3,
}
