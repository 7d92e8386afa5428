using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;

namespace LicensingPortal.TestSupport;

/// <summary>An MSP whose <c>count</c> customers each have a change (units 10 → 20) due a week after <c>now</c>.</summary>
public static class DueChangesSeed
{
    public static async Task SeedAsync(TestDatabase database, int count, DateTimeOffset now)
    {
        await using var db = database.CreateContext();
        var actor = new Actor(null, "Tester");
        var provider = Company.CreateProvider("Scale Provider", "US", "US", now);
        var msp = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Scale MSP", null, "ops@scale.example", null, null, "US", "US"), now);
        var product = Product.Create("Scale Product", ["Standard"]);
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var pool = LicensePool.Assign(msp, product, product.ServiceLevels[0].Id, LicenseType.Full, 100_000, today.AddYears(-1), today.AddYears(2));
        var plan = ServicePlan.Create(msp, product, new ServicePlanDefinition("Scale Plan", product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 10, true, false), now);
        db.AddRange(provider, msp, product, pool, plan);
        for (var i = 0; i < count; i++)
        {
            var customer = Customer.Create(msp, $"Customer {i:D4}", null, "US", now);
            var (license, purchase) = CustomerLicense.Purchase(customer, plan, 10, pool, actor, now);
            var scheduled = license.Schedule(license.Settings with { Units = 20 }, null, today.AddDays(7), actor, now);
            db.AddRange(customer, license, purchase, scheduled);
        }

        await db.SaveChangesAsync();
    }
}
