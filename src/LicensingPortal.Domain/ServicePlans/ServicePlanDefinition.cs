using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Products;

namespace LicensingPortal.Domain.ServicePlans;

public sealed record ServicePlanDefinition(
    string Name,
    Guid ServiceLevelId,
    LicenseType LicenseType,
    LicensePeriod Period,
    int UnitsPerLicense,
    bool AutoRenewDefault,
    bool AddOnAvailable);
