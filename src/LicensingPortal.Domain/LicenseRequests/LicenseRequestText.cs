namespace LicensingPortal.Domain.LicenseRequests;

public static class LicenseRequestText
{
    public static string Display(this LicenseRequestKind kind) => kind switch
    {
        LicenseRequestKind.Units => "Units per license",
        LicenseRequestKind.AutoRenewal => "Auto-renewal",
        LicenseRequestKind.ServicePlan => "Service plan",
        LicenseRequestKind.CancelAtRenewal => "Cancel at renewal",
    };

    public static string Display(this LicenseRequestState state) => state switch
    {
        LicenseRequestState.Open => "Open",
        LicenseRequestState.Approved => "Approved",
        LicenseRequestState.Declined => "Declined",
        LicenseRequestState.Withdrawn => "Withdrawn",
    };
}
