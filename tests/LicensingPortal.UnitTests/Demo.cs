using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.TestSupport;

namespace LicensingPortal.UnitTests;

/// <summary>A small world for domain tests: a provider, an MSP with pools, products, plans, a customer.</summary>
internal sealed class Demo
{
    public static readonly DateTimeOffset Now = TestToday.Now;
    public static readonly Actor Someone = new(Guid.NewGuid(), "Test User");

    public Demo()
    {
        Provider = Company.CreateProvider("Northwind", "US", "US", Now.AddYears(-2));
        Msp = Company.CreatePartner(Provider, CompanyType.Msp, Profile("Contoso MSP"), Now.AddYears(-1));
        Reseller = Company.CreatePartner(Provider, CompanyType.Reseller, Profile("Fabrikam"), Now.AddYears(-1));
        Wfbss = Product.Create("WFBSS", ["Standard", "Advanced"], supportsPlanSwitching: true);
        Email = Product.Create("Email Security", ["Standard"], addOnName: "Sandbox");
        Pools =
        [
            Pool(Wfbss, 0, LicenseType.Full, 100),
            Pool(Wfbss, 1, LicenseType.Full, 100),
            Pool(Wfbss, 0, LicenseType.Trial, 20),
            Pool(Email, 0, LicenseType.Full, 50),
        ];
        Standard12 = Plan(Msp, Wfbss, "WFBSS Standard 12", 0);
        Advanced12 = Plan(Msp, Wfbss, "WFBSS Advanced 12", 1);
        Trial = Plan(Msp, Wfbss, "WFBSS Trial", 0, LicenseType.Trial);
        EmailPlan = Plan(Msp, Email, "Email 12", 0, addOn: true);
        Customer = Customer.Create(Msp, "Acme", "it@acme.example", "US", Now.AddYears(-1));
    }

    public Company Provider { get; }

    public Company Msp { get; }

    public Company Reseller { get; }

    public Product Wfbss { get; }

    public Product Email { get; }

    public List<LicensePool> Pools { get; }

    public ServicePlan Standard12 { get; }

    public ServicePlan Advanced12 { get; }

    public ServicePlan Trial { get; }

    public ServicePlan EmailPlan { get; }

    public Customer Customer { get; }

    public static CompanyProfile Profile(string name, string dataCenter = "US") =>
        new(name, "Contact", "contact@example.com", null, null, "US", dataCenter);

    public LicensePool? PoolFor(ServicePlan plan) =>
        Pools.SingleOrDefault(p => p.ProductId == plan.ProductId && p.ServiceLevelId == plan.ServiceLevelId && p.LicenseType == plan.LicenseType);

    public CustomerLicense Buy(ServicePlan plan, int units = 10, DateTimeOffset? at = null) =>
        CustomerLicense.Purchase(Customer, plan, units, PoolFor(plan), Someone, at ?? Now).License;

    public static ServicePlan Plan(Company owner, Product product, string name, int level, LicenseType type = LicenseType.Full, bool addOn = false, int months = 12) =>
        ServicePlan.Create(owner, product, new ServicePlanDefinition(
            name, product.ServiceLevels[level].Id, type, type == LicenseType.Trial ? LicensePeriod.Trial : new LicensePeriod(months, PeriodUnit.Months), 10, true, addOn), Now.AddYears(-1));

    private LicensePool Pool(Product product, int level, LicenseType type, int units) =>
        LicensePool.Assign(Msp, product, product.ServiceLevels[level].Id, type, units, DateOnly.FromDateTime(Now.UtcDateTime).AddYears(-1), DateOnly.FromDateTime(Now.UtcDateTime).AddYears(2));
}
