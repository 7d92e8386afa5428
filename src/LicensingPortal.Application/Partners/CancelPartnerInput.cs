namespace LicensingPortal.Application.Partners;

public sealed class CancelPartnerInput
{
    public string? ConfirmName { get; set; }

    public int Version { get; set; }
}
