using LicensingPortal.Application.Billing;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.IntegrationTests.Billing;

/// <summary>
/// R24 from the database: licenses bought and changed through the domain (so their transactions carry their state),
/// prices, a partner discount and usage stored, and one month's lines read back: the same amounts as worked by hand.
/// </summary>
public abstract class StatementCalculatorTests : MigratedDatabaseTests
{
    private static readonly DateOnly LongAgo = new(2026, 1, 1);
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly Actor Someone = new(null, "Tester");

    private static DateTimeOffset On(int month, int day) => new(2026, month, day, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_partners_november_is_prorated_from_its_history_at_its_own_price_and_nobody_elses_licenses_appear_R24()
    {
        var (provider, msp) = await SeedAsync();

        await using var db = Database.CreateContext();
        var lines = await new StatementCalculator(db).LinesAsync(provider, msp, November, TestContext.Current.CancellationToken);

        // Maple: 10 units Nov 1–15, 15 from the 16th, at 10.00 less 10%: 10 × 9 × 15/30 = 45.00; 15 × 9 × 15/30 = 67.50.
        // Oak (Used policy): 4 in use Nov 1–10, nothing reported after: 4 × 13.50 × 10/30 = 18.00, then 0.
        // The trial costs nothing; the other MSP's customer is not on this statement.
        Assert.Equal(
            [("Maple Street Pharmacy", 15, 10, 45.00m), ("Maple Street Pharmacy", 15, 15, 67.50m), ("Oak Dental", 10, 4, 18.00m), ("Oak Dental", 20, 0, 0.00m)],
            lines.Select(l => (l.CustomerName, l.Charge.Days, l.Charge.Chargeable, l.Charge.Amount)));
        Assert.Equal(130.50m, lines.Sum(l => l.Charge.Amount));
    }

    [Fact]
    public async Task A_partner_suspended_on_the_11th_and_reactivated_on_the_21st_pays_for_20_of_novembers_30_days_R11_R24()
    {
        var (provider, msp) = await SeedAsync();
        await using (var db = Database.CreateContext())
        {
            // Through the partner, as ChangePartnerStatus does: the status history is saved with the partner.
            var partner = await db.Companies.SingleAsync(c => c.Id == msp.Id, TestContext.Current.CancellationToken);
            partner.Suspend(On(11, 11));
            partner.Reactivate(On(11, 21));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var read = Database.CreateContext();
        var lines = await new StatementCalculator(read).LinesAsync(provider, msp, November, TestContext.Current.CancellationToken);

        // Maple (10 units, 15 from the 16th) at 9.00: 10 × 9 × 10/30 = 30.00 (1–10); 11–15 and 16–20 suspended at 0;
        // 15 × 9 × 10/30 = 45.00 (21–30). Oak (Used, 13.50): 4 × 13.50 × 10/30 = 18.00 (1–10); 11–20 suspended; nothing
        // reported after: 0.00 (21–30).
        Assert.Equal(
            [
                ("Maple Street Pharmacy", 1, 10, 10, false, 30.00m), ("Maple Street Pharmacy", 11, 15, 0, true, 0.00m), ("Maple Street Pharmacy", 16, 20, 0, true, 0.00m),
                ("Maple Street Pharmacy", 21, 30, 15, false, 45.00m), ("Oak Dental", 1, 10, 4, false, 18.00m), ("Oak Dental", 11, 20, 0, true, 0.00m), ("Oak Dental", 21, 30, 0, false, 0.00m),
            ],
            lines.Select(l => (l.CustomerName, l.Charge.From.Day, l.Charge.To.Day, l.Charge.Chargeable, l.Charge.PartnerSuspended, l.Charge.Amount)));
        Assert.Equal(93.00m, lines.Sum(l => l.Charge.Amount));
        Assert.Equal(
            [(PartnerStatus.Suspended, On(11, 11)), (PartnerStatus.Active, On(11, 21))],
            (await read.CompanyStatusChanges.AsNoTracking().Where(c => c.CompanyId == msp.Id).ToListAsync(TestContext.Current.CancellationToken))
                .OrderBy(c => c.At).Select(c => (c.Status, c.At)));
    }

    [Fact]
    public async Task The_same_month_read_twice_and_after_later_changes_gives_the_same_lines_R24()
    {
        var (provider, msp) = await SeedAsync();
        IReadOnlyList<CalculatedLine> first;
        await using (var db = Database.CreateContext())
        {
            first = await new StatementCalculator(db).LinesAsync(provider, msp, November, TestContext.Current.CancellationToken);
        }

        // December: the units go up again and a new list price starts; November must not move.
        await using (var db = Database.CreateContext())
        {
            var license = await db.CustomerLicenses.Include(l => l.Customer).ThenInclude(c => c.Owner).Include(l => l.Plan).ThenInclude(p => p.Product)
                .SingleAsync(l => l.Customer.Name == "Maple Street Pharmacy", TestContext.Current.CancellationToken);
            var pools = await db.LicensePools.ToListAsync(TestContext.Current.CancellationToken);
            db.LicenseTransactions.Add(license.Modify(license.Settings with { Units = 20 }, null, plan => pools.Single(p => p.ServiceLevelId == plan.ServiceLevelId && p.LicenseType == plan.LicenseType && p.PartnerId == msp.Id), Someone, On(12, 2)));
            db.PlanPrices.Add(PlanPrice.Set(provider.Id, license.ServicePlanId, BillingPeriod.Monthly, 99.00m, new DateOnly(2026, 12, 1), Currency.Usd, LongAgo, On(1, 1)));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using (var db = Database.CreateContext())
        {
            var again = await new StatementCalculator(db).LinesAsync(provider, msp, November, TestContext.Current.CancellationToken);
            Assert.Equal(first.Select(l => l.Charge), again.Select(l => l.Charge));
        }
    }

    private async Task<(Company Provider, Company Msp)> SeedAsync()
    {
        await using var db = Database.CreateContext();
        var provider = Company.CreateProvider("Northwind", "US", "US", On(1, 1));
        var msp = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Contoso MSP", null, "ops@contoso.example", null, null, "US", "US"), On(1, 1));
        var rival = Company.CreatePartner(provider, CompanyType.Msp, new CompanyProfile("Fabrikam MSP", null, "ops@fabrikam.example", null, null, "US", "US"), On(1, 1));
        var product = Product.Create("Email Security", ["Standard", "Advanced"]);
        var standard = product.ServiceLevels[0].Id;
        var advanced = product.ServiceLevels[1].Id;
        LicensePool Pool(Company partner, Guid level, LicenseType type) => LicensePool.Assign(partner, product, level, type, 1000, LongAgo, LongAgo.AddYears(3));
        var pools = new[] { Pool(msp, standard, LicenseType.Full), Pool(msp, advanced, LicenseType.Full), Pool(msp, standard, LicenseType.Trial), Pool(rival, standard, LicenseType.Full) };
        LicensePool? PoolFor(Company partner, ServicePlan plan) => pools.Single(p => p.PartnerId == partner.Id && p.ServiceLevelId == plan.ServiceLevelId && p.LicenseType == plan.LicenseType);
        ServicePlan Plan(Company owner, string name, Guid level, LicenseType type) => ServicePlan.Create(owner, product, new ServicePlanDefinition(
            name, level, type, type == LicenseType.Trial ? new LicensePeriod(30, PeriodUnit.Days) : new LicensePeriod(12, PeriodUnit.Months), 1, true, false), On(1, 1));
        var full = Plan(msp, "Email Standard", standard, LicenseType.Full);
        var usedPlan = Plan(msp, "Email Advanced by use", advanced, LicenseType.Full);
        usedPlan.SetChargingPolicy(ChargingPolicy.Used);
        var trial = Plan(msp, "Email trial", standard, LicenseType.Trial);
        var rivalPlan = Plan(rival, "Email Standard", standard, LicenseType.Full);
        db.AddRange(provider, msp, rival, product, full, usedPlan, trial, rivalPlan);
        db.AddRange(pools);

        var maple = Customer.Create(msp, "Maple Street Pharmacy", null, "US", On(1, 1));
        var oak = Customer.Create(msp, "Oak Dental", null, "US", On(1, 1));
        var elm = Customer.Create(msp, "Elm Trial Co", null, "US", On(1, 1));
        var other = Customer.Create(rival, "Somebody Else", null, "US", On(1, 1));
        db.AddRange(maple, oak, elm, other);

        var (mapleLicense, bought) = CustomerLicense.Purchase(maple, full, 10, PoolFor(msp, full), Someone, On(10, 3));
        var changed = mapleLicense.Modify(mapleLicense.Settings with { Units = 15 }, null, plan => PoolFor(msp, plan), Someone, On(11, 16));
        var (oakLicense, oakBought) = CustomerLicense.Purchase(oak, usedPlan, 6, PoolFor(msp, usedPlan), Someone, On(9, 1));
        var (elmLicense, elmBought) = CustomerLicense.Purchase(elm, trial, 5, PoolFor(msp, trial), Someone, On(11, 2));
        var (otherLicense, otherBought) = CustomerLicense.Purchase(other, rivalPlan, 50, PoolFor(rival, rivalPlan), Someone, On(10, 1));
        db.AddRange(mapleLicense, oakLicense, elmLicense, otherLicense);
        db.LicenseTransactions.AddRange(bought, changed, oakBought, elmBought, otherBought);

        foreach (var plan in new[] { full, usedPlan, trial, rivalPlan })
        {
            db.PlanPrices.Add(PlanPrice.Set(provider.Id, plan.Id, BillingPeriod.Monthly, plan == usedPlan ? 15.00m : 10.00m, LongAgo, Currency.Usd, LongAgo, On(1, 1)));
        }

        db.PartnerPrices.Add(PartnerPrice.Discount(msp.Id, null, 10m, LongAgo, LongAgo, On(1, 1)));
        for (var day = November; day.Day <= 10; day = day.AddDays(1))
        {
            db.LicenseUsages.Add(LicenseUsage.First(oakLicense.Id, day, 4, day, On(11, day.Day)));
            db.LicenseUsages.Add(LicenseUsage.First(otherLicense.Id, day, 40, day, On(11, day.Day)));
        }

        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (provider, msp);
    }
}

public sealed class SqliteStatementCalculatorTests : StatementCalculatorTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.Sqlite());
}

public sealed class PostgreSqlStatementCalculatorTests : StatementCalculatorTests
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.PostgreSqlAsync();
}
