namespace LicensingPortal.Domain.Partners;

public static class DataCenters
{
    public static readonly IReadOnlyList<string> All = ["US", "EU", "JP", "AU", "SG", "IN"];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}
