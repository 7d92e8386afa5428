namespace LicensingPortal.Domain.Licensing;

public enum LicenseType
{
    Full = 0,
    Trial = 1,

    /// <summary>Not for resale: the partner's own demo and internal-use licenses.</summary>
    Nfr = 2,
}

public static class LicenseTypeText
{
    public static string Display(this LicenseType type) => type switch
    {
        LicenseType.Full => "Full",
        LicenseType.Trial => "Trial",
        LicenseType.Nfr => "NFR",
    };
}
