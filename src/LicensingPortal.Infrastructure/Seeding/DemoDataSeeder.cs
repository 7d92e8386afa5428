using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.LicenseRequests;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Domain.SuiteChanges;
using LicensingPortal.Infrastructure.Identity;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LicensingPortal.Infrastructure.Seeding;

/// <summary>
/// The demo data of PRODUCT.md §5, built through the domain's own methods so it obeys the rules.
/// Idempotent: the seven roles are ensured on every start; the demo companies only into an empty database.
/// </summary>
public sealed class DemoDataSeeder(
    PortalDbContext db,
    UserManager<PortalUser> users,
    RoleManager<PortalRole> roles,
    TimeProvider clock,
    ILogger<DemoDataSeeder> logger)
{
    private static readonly Actor Seed = new(null, "Demo data");

    public async Task EnsureRolesAsync(CancellationToken cancellationToken = default)
    {
        foreach (var role in Roles.All.Concat(Roles.Customer))
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new PortalRole(role));
            }
        }

        _ = cancellationToken;
    }

    /// <returns>True when the demo data was created by this call.</returns>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        await EnsureRolesAsync(cancellationToken);
        if (await db.Companies.AnyAsync(cancellationToken))
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        // Companies: a provider, an active MSP and reseller, a suspended and a canceled partner.
        var provider = Company.CreateProvider("Northwind Distribution", "US", "US", now.AddYears(-3));
        var msp = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile(
            "Contoso Managed Services", "Dana Whitfield", "ops@contoso-msp.example", "+1 206 555 0100", "1 Harbor Way, Seattle, WA", "US", "US"), now.AddYears(-2));
        var reseller = Company.CreatePartner(provider, CompanyType.Reseller, new CompanyProfile(
            "Fabrikam Resellers", "Lena Kraus", "sales@fabrikam-resell.example", "+49 30 5550 1000", "Friedrichstr. 10, Berlin", "DE", "EU"), now.AddYears(-2));
        var suspended = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile(
            "Litware MSP", "Kenji Sato", "it@litware-msp.example", "+81 3 5550 2000", "2-1 Marunouchi, Tokyo", "JP", "JP"), now.AddYears(-1));
        var canceled = Company.CreatePartner(provider, CompanyType.Reseller, new CompanyProfile(
            "Tailspin Reseller", "Ava Moore", "hello@tailspin-resell.example", "+61 2 5550 3000", "5 George St, Sydney", "AU", "AU"), now.AddYears(-1));
        msp.SetLicensePoolRefill(false);
        msp.EnableRemoteManager();
        db.Companies.AddRange(provider, msp, reseller, suspended, canceled);

        // Products: several levels + plan switching (WFBSS), one level, an add-on, End of Sale, End of Life.
        var wfbss = Product.Create("Worry-Free Business Security Services", ["Standard", "Advanced"], supportsPlanSwitching: true,
            components: ["Antivirus", "Web Reputation", "Device Control"]);
        var cloudApp = Product.Create("Cloud App Security", ["Standard"], components: ["Mail Scanning", "File Scanning"]);
        var email = Product.Create("Email Security", ["Standard", "Advanced"], addOnName: "Sandbox Analysis",
            components: ["Anti-spam", "Anti-phishing"]);
        var encryption = Product.Create("Endpoint Encryption", ["Standard"], components: ["Full Disk Encryption"]);
        var legacy = Product.Create("ServerProtect Legacy", ["Standard"], managedThroughRemoteManager: false, components: ["File Server Scanning"]);
        db.Products.AddRange(wfbss, cloudApp, email, encryption, legacy);

        var wfStd = wfbss.ServiceLevels[0].Id;
        var wfAdv = wfbss.ServiceLevels[1].Id;
        var caStd = cloudApp.ServiceLevels[0].Id;
        var emStd = email.ServiceLevels[0].Id;
        var emAdv = email.ServiceLevels[1].Id;
        var encStd = encryption.ServiceLevels[0].Id;
        var legStd = legacy.ServiceLevels[0].Id;

        // The MSP's license pools (R12).
        var yearAgo = today.AddYears(-1);
        var inThreeYears = today.AddYears(3);
        LicensePool Pool(Company partner, Product product, Guid level, LicenseType type, int units) =>
            LicensePool.Assign(partner, product, level, type, units, yearAgo, inThreeYears);
        var pools = new List<LicensePool>
        {
            Pool(msp, wfbss, wfStd, LicenseType.Full, 500),
            Pool(msp, wfbss, wfAdv, LicenseType.Full, 200),
            Pool(msp, wfbss, wfStd, LicenseType.Trial, 50),
            Pool(msp, cloudApp, caStd, LicenseType.Full, 150),
            Pool(msp, email, emStd, LicenseType.Full, 120),
            Pool(msp, email, emAdv, LicenseType.Full, 60),
            Pool(msp, encryption, encStd, LicenseType.Full, 40),
            Pool(msp, legacy, legStd, LicenseType.Full, 40),
            Pool(msp, wfbss, wfStd, LicenseType.Nfr, 10),
            Pool(reseller, wfbss, wfStd, LicenseType.Full, 300),
            Pool(reseller, email, emStd, LicenseType.Full, 100),
            Pool(suspended, wfbss, wfStd, LicenseType.Full, 100),
            Pool(canceled, wfbss, wfStd, LicenseType.Full, 100),
        };
        db.LicensePools.AddRange(pools);
        LicensePool? PoolFor(Company owner, ServicePlan plan) =>
            pools.SingleOrDefault(p => p.PartnerId == owner.Id && p.ProductId == plan.ProductId && p.ServiceLevelId == plan.ServiceLevelId && p.LicenseType == plan.LicenseType);

        ServicePlan Plan(Company owner, Product product, string name, Guid level, LicenseType type = LicenseType.Full, int months = 12, int units = 10, bool autoRenew = true, bool addOn = false) =>
            ServicePlan.Create(owner, product, new ServicePlanDefinition(
                name, level, type, type == LicenseType.Trial ? LicensePeriod.Trial : new LicensePeriod(months, PeriodUnit.Months), units, autoRenew, addOn), now.AddMonths(-18));

        // The MSP's own plans.
        var mspWfStd12 = Plan(msp, wfbss, "WFBSS Standard – 12 months", wfStd);
        var mspWfStd24 = Plan(msp, wfbss, "WFBSS Standard – 24 months", wfStd, months: 24);
        var mspWfAdv12 = Plan(msp, wfbss, "WFBSS Advanced – 12 months", wfAdv);
        var mspWfTrial = Plan(msp, wfbss, "WFBSS Trial – 30 days", wfStd, LicenseType.Trial, units: 5, autoRenew: false);
        var mspCloudApp = Plan(msp, cloudApp, "Cloud App Security – 12 months", caStd, units: 25);
        var mspEmailStd = Plan(msp, email, "Email Security Standard – 12 months", emStd, addOn: true);
        var mspEmailAdv = Plan(msp, email, "Email Security Advanced – 12 months", emAdv, addOn: true);
        var mspEncryption = Plan(msp, encryption, "Endpoint Encryption – 12 months", encStd, units: 5);
        var mspLegacy = Plan(msp, legacy, "ServerProtect Legacy – 12 months", legStd, units: 5, autoRenew: false);

        // The provider's plans (for its direct customers and its resellers).
        var provWfStd = Plan(provider, wfbss, "Northwind WFBSS Standard – 12 months", wfStd, units: 25);
        var provWfAdv = Plan(provider, wfbss, "Northwind WFBSS Advanced – 12 months", wfAdv, units: 25);
        var provEmail = Plan(provider, email, "Northwind Email Security – 12 months", emStd, units: 25, addOn: true);
        var provCloudApp = Plan(provider, cloudApp, "Northwind Cloud App Security – 12 months", caStd, units: 25);
        var provEncryption = Plan(provider, encryption, "Northwind Endpoint Encryption – 12 months", encStd, units: 10);

        var suspendedPlan = Plan(suspended, wfbss, "Litware WFBSS – 12 months", wfStd);
        var allPlans = new[]
        {
            mspWfStd12, mspWfStd24, mspWfAdv12, mspWfTrial, mspCloudApp, mspEmailStd, mspEmailAdv, mspEncryption, mspLegacy,
            provWfStd, provWfAdv, provEmail, provCloudApp, provEncryption, suspendedPlan,
        };
        db.ServicePlans.AddRange(allPlans);

        db.ResellerPlanAssignments.AddRange(
            ResellerPlanAssignment.Assign(provider, reseller, provWfStd, [], now.AddMonths(-12)),
            ResellerPlanAssignment.Assign(provider, reseller, provEmail, [], now.AddMonths(-12)));

        // Customers and their licenses; purchase dates chosen so today shows each status of R8.
        var transactions = new List<LicenseTransaction>();
        CustomerLicense Buy(Customer customer, ServicePlan plan, DateTimeOffset when, int? units = null)
        {
            var (license, transaction) = CustomerLicense.Purchase(customer, plan, units, PoolFor(customer.Owner, plan), Seed, when);
            db.CustomerLicenses.Add(license);
            transactions.Add(transaction);
            return license;
        }

        Customer NewCustomer(Company owner, string name, string country = "US")
        {
            var slug = new string(name.ToLowerInvariant().Where(char.IsLetterOrDigit).ToArray());
            var customer = Customer.Create(owner, name, $"it@{slug}.example", country, now.AddYears(-2));
            db.Customers.Add(customer);
            return customer;
        }

        var daysAgo = (int d) => now.AddDays(-d);
        Buy(NewCustomer(msp, "Acme Dental"), mspWfTrial, daysAgo(10));                       // trial (R3)
        Buy(NewCustomer(msp, "Blue Harbor Logistics"), mspLegacy, daysAgo(120), 12);          // End of Life (R4)
        var cedar = NewCustomer(msp, "Cedar Law Group");
        Buy(cedar, mspWfStd12, daysAgo(355), 15);                                            // expiring soon (R8)
        var delta = Buy(NewCustomer(msp, "Delta Bakery"), mspWfStd12, daysAgo(375), 8);      // expired (R8): renewal was turned off
        transactions.Add(delta.Modify(delta.Settings with { AutoRenew = false, AutoRenewMonths = null }, null, p => PoolFor(msp, p), Seed, daysAgo(200)));
        var evergreen = NewCustomer(msp, "Evergreen Clinic");
        var evergreenWf = Buy(evergreen, mspWfStd12, daysAgo(60), 20);                       // normal; upgrade + switch; an open request (R25)
        Buy(NewCustomer(msp, "Fjord Analytics", "NO"), mspCloudApp, daysAgo(90), 30);        // locked by the suite change (R5)
        Buy(NewCustomer(msp, "Granite Builders"), mspEmailStd, daysAgo(45), 25);             // product with an add-on
        Buy(NewCustomer(msp, "Harbor View Hotel"), mspEncryption, daysAgo(200), 6);          // End of Sale plan
        Buy(evergreen, mspEmailStd, daysAgo(30), 20);
        string[] more =
        [
            "Ironwood Accounting", "Juniper Schools", "Kestrel Engineering", "Lakeside Veterinary", "Maple Street Pharmacy",
            "Northgate Realty", "Orchard Family Practice", "Pinecrest Insurance", "Quarry Hill Winery", "Riverbend Architects",
            "Summit Physiotherapy", "Tidewater Marine", "Upland Farms", "Valley Print Shop", "Willow Creek Library",
            "Xeno Robotics", "Yellowstone Outfitters", "Zephyr Travel", "Alder Consulting", "Birch & Co Opticians",
            "Copperleaf Bistro", "Driftwood Studios", "Elm Street Dental", "Foxglove Florists", "Greystone Security",
        ];
        for (var i = 0; i < more.Length; i++)
        {
            var plan = (i % 3) switch { 0 => mspWfStd12, 1 => mspWfAdv12, _ => mspEmailStd };
            Buy(NewCustomer(msp, more[i]), plan, daysAgo(20 + (i * 13 % 330)), 3 + (i % 7));
        }

        Buy(NewCustomer(reseller, "Hanse Logistik", "DE"), provWfStd, daysAgo(100), 30);
        var isar = NewCustomer(reseller, "Isar Kliniken", "DE");
        Buy(isar, provEmail, daysAgo(340), 40);

        // R25: bought today (after the demo statements' months), so Isar Kliniken's own users see two licenses.
        Buy(isar, provEmail, now, 12);
        Buy(NewCustomer(provider, "Jupiter Manufacturing"), provWfAdv, daysAgo(50), 100);
        Buy(NewCustomer(provider, "Keystone Credit Union"), provEncryption, daysAgo(10), 15);
        Buy(NewCustomer(suspended, "Kobe Trading", "JP"), suspendedPlan, daysAgo(80), 10);
        var canceledCustomer = NewCustomer(canceled, "Outback Tours", "AU");

        // End of Sale and End of Life come after the plans that use them were sold.
        encryption.MarkEndOfSale(now.AddMonths(-2));
        legacy.MarkEndOfLife(now.AddMonths(-1));

        // A pending suite composition change locks every Cloud App Security plan (R5).
        db.SuiteCompositionChanges.Add(SuiteCompositionChange.Record(
            cloudApp, ["Data Loss Prevention"], ["File Scanning"], "File Scanning is folded into the new Data Loss Prevention component.",
            today.AddDays(-3), [mspCloudApp, provCloudApp], new Actor(null, "Trend Micro (vendor)"), now.AddDays(-3)));

        // The suspended and canceled partners. The canceled reseller's customer had a license; it expired on the cancel date.
        var canceledPlanLicense = Buy(canceledCustomer, provWfStd, daysAgo(300), 10);
        suspended.Suspend(now.AddDays(-14));
        canceled.Cancel(now.AddDays(-30));
        if (canceledPlanLicense.ExpireBecausePartnerCanceled(now.AddDays(-30), Seed) is { } expiry)
        {
            transactions.Add(expiry);
        }

        // R25: one open change request in the MSP's queue (Customers › Requests). Not audited: no one asked it in this portal,
        // so it announces nothing (no notification, no webhook) on the first run.
        db.LicenseRequests.Add(LicenseRequest.Create(
            evergreenWf, LicenseRequestKind.Units, 25, null, null, "We are opening a second office next month and need five more seats.",
            null, new Actor(null, "Nora Evans (Evergreen Clinic)"), now.AddDays(-1)));

        db.LicenseTransactions.AddRange(transactions);
        db.AuditEntries.Add(AuditEntry.Record("PartnerSuspended", nameof(Company), suspended.Id.ToString(), suspended.Id, Seed, now.AddDays(-14), "Active", "Suspended"));
        db.AuditEntries.Add(AuditEntry.Record("PartnerCanceled", nameof(Company), canceled.Id.ToString(), canceled.Id, Seed, now.AddDays(-30), "Active", "Canceled"));

        await db.SaveChangesAsync(cancellationToken);
        await DemoBilling.SeedAsync(db, provider, msp, reseller, suspended, allPlans, mspEmailStd, now, cancellationToken);

        await AddUserAsync(provider, DemoAccounts.ProviderAdmin, "Paula Provider", Roles.Administrator);
        await AddUserAsync(provider, DemoAccounts.ProviderSupport, "Sam Support", Roles.SupportEngineer);
        await AddUserAsync(msp, DemoAccounts.MspAdmin, "Morgan MSP", Roles.Administrator);
        await AddUserAsync(msp, DemoAccounts.MspStaff, "Casey Customer-Manager", Roles.CustomerAccountManager);
        await AddUserAsync(reseller, DemoAccounts.ResellerAdmin, "Riley Reseller", Roles.Administrator);
        await AddUserAsync(suspended, DemoAccounts.SuspendedPartnerAdmin, "Kai Litware", Roles.Administrator);
        await AddUserAsync(canceled, DemoAccounts.CanceledPartnerAdmin, "Tali Tailspin", Roles.Administrator, disabled: true);

        // R25: one customer's own administrator per active partner, on a customer with two licenses.
        await AddUserAsync(msp, DemoAccounts.MspCustomerAdmin, "Erin Evergreen", Roles.CustomerAdministrator, customer: evergreen);
        await AddUserAsync(reseller, DemoAccounts.ResellerCustomerAdmin, "Ida Isar", Roles.CustomerAdministrator, customer: isar);
        logger.LogInformation("Demo data seeded: {Companies} companies, {Customers} customers", 5, more.Length + 15);
        return true;
    }

    private async Task AddUserAsync(Company company, string email, string name, string role, bool disabled = false, Customer? customer = null)
    {
        var user = new PortalUser
        {
            Id = Guid.CreateVersion7(),
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = name,
            CompanyId = company.Id,
            CustomerId = customer?.Id,
            IsDisabled = disabled,
            LockoutEnabled = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, DemoAccounts.Password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo user {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }

        await users.AddToRoleAsync(user, role);
    }
}
