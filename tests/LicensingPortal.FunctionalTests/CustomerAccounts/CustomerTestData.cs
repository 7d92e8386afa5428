using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.FunctionalTests.Infrastructure;
using LicensingPortal.FunctionalTests.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.CustomerAccounts;

/// <summary>R25 test data: a customer of its own per test (the tests of a class share one app and database).</summary>
internal static class CustomerTestData
{
    /// <summary>A new customer of Contoso (active MSP) with <paramref name="licenses"/> licenses of its WFBSS Standard plan.</summary>
    public static async Task<Customer> NewContosoCustomerAsync(this PortalFactory factory, int licenses = 2)
    {
        factory.StartServer();
        await using var db = factory.CreateDbContext();
        var now = factory.Clock.GetUtcNow();
        var owner = await db.Companies.SingleAsync(c => c.Name == PartnerTestData.ActiveMsp);
        var plan = await db.ServicePlans.Include(p => p.Product).SingleAsync(p => p.Name == "WFBSS Standard – 12 months" && p.OwnerId == owner.Id);
        var pool = await db.LicensePools.SingleAsync(p => p.PartnerId == owner.Id && p.ProductId == plan.ProductId && p.ServiceLevelId == plan.ServiceLevelId && p.LicenseType == plan.LicenseType);
        var customer = Customer.Create(owner, $"R25 Customer {Guid.NewGuid():N}"[..30], null, "US", now);
        db.Customers.Add(customer);
        for (var i = 0; i < licenses; i++)
        {
            var (license, purchase) = CustomerLicense.Purchase(customer, plan, 3 + i, pool, new Actor(null, "R25 test"), now.AddDays(-i));
            db.AddRange(license, purchase);
        }

        await db.SaveChangesAsync();
        return customer;
    }

    /// <summary>A customer of a new partner of the demo provider, the partner then moved to <paramref name="status"/>.</summary>
    public static async Task<Customer> NewCustomerOfPartnerInAsync(this PortalFactory factory, PartnerStatus status)
    {
        var partner = await factory.NewPartnerAsync(CompanyType.Msp, PartnerStatus.Active);
        await using var db = factory.CreateDbContext();
        var now = factory.Clock.GetUtcNow();
        var owner = await db.Companies.SingleAsync(c => c.Id == partner.Id);
        var customer = Customer.Create(owner, $"R25 Customer {Guid.NewGuid():N}"[..30], null, "US", now);
        db.Customers.Add(customer);
        switch (status)
        {
            case PartnerStatus.Suspended:
                owner.Suspend(now);
                break;
            case PartnerStatus.Canceled:
                owner.Cancel(now);
                break;
        }

        await db.SaveChangesAsync();
        return customer;
    }
}
