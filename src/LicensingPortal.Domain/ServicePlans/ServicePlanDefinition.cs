using LicensingPortal.Domain.Licenses;

namespace LicensingPortal.Domain.ServicePlans;

public sealed record ServicePlanDefinition(
    string Name,
    Guid ServiceLevelId,
    LicenseType LicenseType,
    LicensePeriod Period,
    int UnitsPerLicense,
    bool AutoRenewDefault,
    bool AddOnAvailable);
