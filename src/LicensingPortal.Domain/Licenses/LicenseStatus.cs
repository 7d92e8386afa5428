namespace LicensingPortal.Domain.Licenses;

/// <summary>R8: computed from the clock each time it is shown, never stored.</summary>
public enum LicenseStatus
{
    Normal = 0,
    ExpiringSoon = 1,
    Expired = 2,
}
