using LicensingPortal.Application.Customers;
using LicensingPortal.Application.Products;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.IntegrationTests.Customers;

/// <summary>
/// The customers list reads a page of customers, then the license figures of that page in one grouped query
/// (ListCustomers). Every row of every page, on SQLite and PostgreSQL, must show what the rules give for that
/// customer's own licenses: their count, the worst status on the clock's day (R8) and the next expiration from today;
/// and an MSP's pages hold its own customers only (R1).
/// </summary>
[Trait("Category", "Calendar")]
public sealed class CustomerListFiguresTests
{
    private static readonly DateTimeOffset Now = TestToday.Now;
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    public static TheoryData<string> Providers => ["Sqlite", "PostgreSql"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_row_of_every_page_shows_its_own_license_count_worst_status_and_next_expiration_R1_R8(string provider)
    {
        await using var database = provider == "Sqlite" ? TestDatabase.Sqlite() : await TestDatabase.PostgreSqlAsync();
        await database.MigrateAsync();
        var (northwind, msp) = await SeedAsync(database);

        var providerRows = await AllPagesAsync(database, northwind);
        var mspRows = await AllPagesAsync(database, msp);

        var expected = await ExpectedAsync(database);
        Assert.Equal(expected.Count, providerRows.Count);
        Assert.True(providerRows.Count > ListCustomers.PageSize, "more than one page");
        Assert.All(providerRows, row => Assert.Equal(expected[row.Id], (row.Licenses, row.WorstStatus, row.NextExpiration)));

        // Each kind of row is there: no licenses, and each status as the worst one.
        Assert.Equal(
            [null, LicenseStatus.Normal, LicenseStatus.ExpiringSoon, LicenseStatus.Expired],
            providerRows.Select(r => r.WorstStatus).Distinct().OrderBy(s => s.HasValue ? (int)s.Value : -1).ToList());

        // R1: the MSP's pages list its customers, with the same figures as the provider's pages give them.
        var mspCustomers = await QueryAsync(database, db => db.Customers.Where(c => c.OwnerId == msp.Id).Select(c => c.Id).ToListAsync());
        Assert.Equal(mspCustomers.Order(), mspRows.Select(r => r.Id).Order());
        Assert.All(mspRows, row => Assert.Equal(providerRows.Single(p => p.Id == row.Id), row));
    }

    [Fact]
    public async Task The_product_filter_is_read_once_a_minute_so_a_product_added_meanwhile_shows_within_a_minute()
    {
        await using var database = TestDatabase.Sqlite();
        await database.MigrateAsync();
        await using (var db = database.CreateContext())
        {
            db.Add(Product.Create("Endpoint Security", ["Standard"]));
            await db.SaveChangesAsync();
        }

        var clock = new TestClock(Now);
        var names = new ProductNames(clock);
        async Task<List<string>> ReadAsync()
        {
            await using var db = database.CreateContext();
            return (await names.GetAsync(db, CancellationToken.None)).Select(p => p.Name).ToList();
        }

        Assert.Equal(["Endpoint Security"], await ReadAsync());
        await using (var db = database.CreateContext())
        {
            db.Add(Product.Create("Cloud App Security", ["Standard"]));
            await db.SaveChangesAsync();
        }

        // Still the list read a minute ago (no query), then the catalog as it is now.
        clock.Advance(ProductNames.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal(["Endpoint Security"], await ReadAsync());

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(["Cloud App Security", "Endpoint Security"], await ReadAsync());
    }

    private static async Task<List<CustomerRow>> AllPagesAsync(TestDatabase database, Company company)
    {
        var rows = new List<CustomerRow>();
        string? after = null;
        do
        {
            await using var db = database.CreateContext();
            var page = await new ListCustomers(db, new CompanyAdministrator(company), new TestClock(Now), new ProductNames(new TestClock(Now)))
                .HandleAsync(new CustomerListQuery(After: after));
            rows.AddRange(page.Rows);
            after = page.NextCursor;
        }
        while (after is not null);

        return rows;
    }

    /// <summary>Per customer, from its licenses as loaded entities and the domain's rule.</summary>
    private static async Task<Dictionary<Guid, (int, LicenseStatus?, DateOnly?)>> ExpectedAsync(TestDatabase database)
    {
        var customers = await QueryAsync(database, db => db.Customers.Select(c => c.Id).ToListAsync());
        var licenses = await QueryAsync(database, db => db.CustomerLicenses.ToListAsync());
        return customers.ToDictionary(id => id, id =>
        {
            var own = licenses.Where(l => l.CustomerId == id).ToList();
            LicenseStatus? worst = own.Count == 0 ? null : own.Max(l => l.StatusOn(Today));
            DateOnly? next = own.Where(l => l.ExpiresOn >= Today).Select(l => (DateOnly?)l.ExpiresOn).Min();
            return (own.Count, worst, next);
        });
    }

    private static async Task<T> QueryAsync<T>(TestDatabase database, Func<Infrastructure.Persistence.PortalDbContext, Task<T>> query)
    {
        await using var db = database.CreateContext();
        return await query(db);
    }

    /// <summary>
    /// 40 customers, direct and an MSP's, bought on different days so their licenses are expired, within their
    /// notification period or further out, some with none and some with several.
    /// </summary>
    private static async Task<(Company Provider, Company Msp)> SeedAsync(TestDatabase database)
    {
        var provider = Company.CreateProvider("Northwind Distribution", "US", "US", Now);
        var msp = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Contoso MSP", null, "ops@contoso.example", null, null, "US", "US"), Now);
        var product = Product.Create("Endpoint Security", ["Standard"]);
        var plan = ServicePlan.Create(provider, product, new ServicePlanDefinition(
            "Endpoint – 12 months", product.ServiceLevels[0].Id, LicenseType.Full, new LicensePeriod(12, PeriodUnit.Months), 10, false, false), Now);
        var pool = LicensePool.Assign(msp, product, product.ServiceLevels[0].Id, LicenseType.Full, 1000, Today.AddYears(-2), Today.AddYears(1));
        var seed = new List<object> { provider, msp, product, plan, pool };
        var actor = new Actor(null, "Seed");

        // Days before now each license was bought (12-month plan, 30 days' notice): -400 expired, -350 expires in 15
        // days (within notice), -200 and -30 far out.
        int[][] purchases = [[], [-400], [-350], [-200], [-400, -30], [-350, -200], [-200, -30, -30], [-400, -350, -200]];
        for (var i = 0; i < 40; i++)
        {
            var owner = i % 3 == 0 ? provider : msp;
            // Names out of insertion order, so the pages' order is not the seed's.
            var customer = Customer.Create(owner, $"Customer {(i * 7) % 40:00}", null, "US", Now.AddDays(-500 + i));
            seed.Add(customer);
            foreach (var daysAgo in purchases[i % purchases.Length])
            {
                var (license, purchase) = CustomerLicense.Purchase(customer, plan, 1 + i % 5, owner.IsPartner ? pool : null, actor, Now.AddDays(daysAgo));
                seed.AddRange(license, purchase);
            }
        }

        await using var db = database.CreateContext();
        db.AddRange(seed);
        await db.SaveChangesAsync();
        return (provider, msp);
    }
}
