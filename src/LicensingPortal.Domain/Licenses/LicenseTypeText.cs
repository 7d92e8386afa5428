namespace LicensingPortal.Domain.Licenses;

public static class LicenseTypeText
{
    public static string Display(this LicenseType type) => type switch
    {
        LicenseType.Full => "Full",
        LicenseType.Trial => "Trial",
        LicenseType.Nfr => "NFR",
    };
}
