namespace LicensingPortal.Domain.Partners;

public sealed record CompanyProfile(
    string Name,
    string? ContactName,
    string ContactEmail,
    string? Phone,
    string? Address,
    string Country,
    string DataCenter);
