namespace LicensingPortal.Domain.Licenses;

public enum LicenseType
{
    Full = 0,
    Trial = 1,

    /// <summary>Not for resale: the partner's own demo and internal-use licenses.</summary>
    Nfr = 2,
}
