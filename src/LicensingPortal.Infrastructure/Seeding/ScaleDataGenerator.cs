using System.Diagnostics;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Customers;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;
using LicensingPortal.Domain.ServicePlans;
using LicensingPortal.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace LicensingPortal.Infrastructure.Seeding;

/// <summary>
/// How much data <see cref="ScaleDataGenerator"/> writes. The shares are of all licenses: licenses due for
/// auto-renewal tonight, and licenses with a pending scheduled change (half of them due tonight).
/// </summary>
public sealed record ScaleDataOptions(
    int Partners = 2_000,
    int Customers = 100_000,
    int Licenses = 1_000_000,
    int Seed = 9,
    double DueRenewalShare = 0.05,
    double PendingChangeShare = 0.02);

public sealed record ScaleDataSummary(int Partners, int Customers, int Licenses, int PendingChanges, int Pools, TimeSpan Took, bool Reused)
{
    /// <summary>R24: the month of history and usage written (the month before the day of generation).</summary>
    public DateOnly Month { get; init; }

    public int Transactions { get; init; }

    public int UsageDays { get; init; }

    public int Prices { get; init; }
}

/// <summary>
/// Writes a large, realistic data set (issue 9: 2,000 partners, 100,000 customers, 1,000,000 licenses) on top
/// of the demo data, for the benchmark. Rows go in as batched multi-row INSERTs through the entity
/// configurations' table and column names and type mappings (<see cref="TableColumns"/>), so the app reads
/// them like its own. The spread: MSPs and resellers, some suspended or canceled; every seeded plan (all
/// products, levels, trial, NFR, End of Sale and End of Life); expired, expiring-soon and long-running
/// licenses; auto-renewal on most full licenses; pending changes, some due. For billing (R24), the month before the
/// day of generation: a list price per plan (one changing on the 15th), some partner discounts and own prices, two
/// plans charging by use with a day's usage reported for each of their licenses, every license's purchase
/// transaction (its plan, units and last day) and mid-month unit changes, and the partners' status history (some
/// suspended and reactivated within the month).
/// </summary>
public sealed class ScaleDataGenerator(PortalDbContext db, DemoDataSeeder seeder, TimeProvider clock, ILogger<ScaleDataGenerator> logger)
{
    private static readonly (string Country, string DataCenter)[] Places =
        [("US", "US"), ("DE", "EU"), ("JP", "JP"), ("AU", "AU"), ("SG", "SG"), ("IN", "IN"), ("GB", "EU"), ("FR", "EU"), ("CA", "US"), ("NL", "EU")];

    private static readonly string[] FirstWords =
        ["Acme", "Blue", "Cedar", "Delta", "Evergreen", "Fjord", "Granite", "Harbor", "Iris", "Juniper", "Kestrel", "Lumen", "Maple", "Northstar",
         "Oak", "Pine", "Quartz", "River", "Summit", "Tidal", "Umber", "Vertex", "Willow", "Yarrow", "Zenith", "Atlas", "Beacon", "Cobalt"];

    private static readonly string[] SecondWords =
        ["Dental", "Logistics", "Law Group", "Bakery", "Analytics", "Clinic", "Builders", "Foods", "Consulting", "Motors", "Labs", "Studio",
         "Accounting", "Hotels", "Pharmacy", "Realty", "Schools", "Textiles", "Travel", "Veterinary", "Wealth", "Media", "Energy", "Freight"];

    private static readonly string[] PartnerWords = ["Managed Services", "IT Solutions", "Networks", "Secure", "Systems", "Technologies", "Cloud", "Resellers"];

    private static readonly int[] NotifyDays = [30, 30, 30, 30, 14, 7, 60];

    public async Task<ScaleDataSummary> GenerateAsync(ScaleDataOptions options, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        await db.Database.MigrateAsync(cancellationToken);
        await seeder.SeedAsync(cancellationToken);
        var existing = await db.Customers.CountAsync(cancellationToken);
        if (existing >= options.Customers)
        {
            logger.LogInformation("Scale data: {Customers} customers already there; reusing them", existing);
            return new ScaleDataSummary(
                await db.Companies.CountAsync(c => c.Type != CompanyType.Provider, cancellationToken), existing,
                await db.CustomerLicenses.CountAsync(cancellationToken), 0, 0, watch.Elapsed, Reused: true);
        }

        var provider = await db.Companies.AsNoTracking().SingleAsync(c => c.Type == CompanyType.Provider, cancellationToken);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var month = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var random = new Random(options.Seed);

        // Billing's draws come from their own sequence, so the partners, customers and licenses are the ones the sets
        // generated before R24 had (the nightly job's figures in docs/performance.md stay comparable).
        var billingRandom = new Random(options.Seed + 1);

        if (db.Database.IsSqlite())
        {
            // A generated data set can be generated again: no need to wait for the disk on every page.
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous = OFF", cancellationToken);

            // The license indexes take keys in random order: keep their pages in memory (256 MB) while writing.
            await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", cancellationToken);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (name, policy) in ChargedByUse)
        {
            await db.ServicePlans.Where(p => p.Name == name).ExecuteUpdateAsync(u => u.SetProperty(p => p.ChargingPolicy, policy), cancellationToken);
        }

        var plans = await db.ServicePlans.AsNoTracking().Include(p => p.Product).OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var partners = await WritePartnersAsync(options, provider, now, month, random, cancellationToken);
        var customers = await WriteCustomersAsync(options, provider, partners, now, random, cancellationToken);
        var prices = await WritePricesAsync(provider, partners, plans, month, now, cancellationToken);
        logger.LogInformation("Scale data: {Partners} partners, {Customers} customers and {Prices} prices written at {Seconds:F1} s", partners.Count, customers.Count, prices, watch.Elapsed.TotalSeconds);
        var licenses = await WriteLicensesAsync(options, provider, customers, partners, plans, now, today, month, random, billingRandom, cancellationToken);
        logger.LogInformation("Scale data: {Licenses} licenses, {Transactions} transactions and {Changes} pending changes written at {Seconds:F1} s",
            options.Licenses, licenses.Transactions, licenses.PendingChanges, watch.Elapsed.TotalSeconds);
        var usageDays = await WriteUsageAsync(licenses.ChargedByUse, billingRandom, cancellationToken);
        logger.LogInformation("Scale data: {Days} days of usage written at {Seconds:F1} s", usageDays, watch.Elapsed.TotalSeconds);
        var pools = await WritePoolsAsync(partners, plans, licenses.Used, today, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (db.Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL")
        {
            // A million rows in one transaction leave the planner's statistics empty until autovacuum comes by, and
            // without them PostgreSQL reads every customer for each list page (docs/performance.md).
            await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        }

        var summary = new ScaleDataSummary(partners.Count, customers.Count, options.Licenses, licenses.PendingChanges, pools, watch.Elapsed, Reused: false)
        {
            Month = month,
            Transactions = licenses.Transactions,
            UsageDays = usageDays,
            Prices = prices,
        };
        logger.LogInformation("Scale data: {Partners} partners, {Customers} customers, {Licenses} licenses, {Changes} pending changes, {Pools} license pools in {Seconds:F1} s",
            summary.Partners, summary.Customers, summary.Licenses, summary.PendingChanges, summary.Pools, summary.Took.TotalSeconds);
        return summary;
    }

    /// <summary>R24: the seeded plans that charge by use (the rest charge what is provisioned).</summary>
    private static readonly (string Plan, ChargingPolicy Policy)[] ChargedByUse =
        [("Cloud App Security – 12 months", ChargingPolicy.Used), ("Northwind Endpoint Encryption – 12 months", ChargingPolicy.GreaterOfProvisionedAndUsed)];

    private sealed record PartnerRow(Guid Id, PartnerStatus Status, DateTimeOffset? CanceledAt, string Country);

    private sealed record CustomerRow(Guid Id, int Owner, string Country, string Name);

    /// <summary>A license whose plan charges by use: a day's usage is reported for each of its days in the month.</summary>
    private sealed record ByUse(Guid LicenseId, int Units, DateOnly From, DateOnly To);

    private sealed record WrittenLicenses(int PendingChanges, int Transactions, Dictionary<(int Partner, int Pool), long> Used, List<ByUse> ChargedByUse);

    private async Task<List<PartnerRow>> WritePartnersAsync(ScaleDataOptions options, Company provider, DateTimeOffset now, DateOnly month, Random random, CancellationToken cancellationToken)
    {
        var history = new List<object?[]>();
        var columns = TableColumns.Of<Company>(db,
            "Id", "Type", "ProviderId", "Name", "ContactName", "ContactEmail", "Phone", "Address", "Country", "DataCenter", "Status",
            "StatusChangedAt", "CanceledAt", "LicensePoolRefill", "PoolWarningPercent", "RemoteManagerEnabled", "CreatedAt", "Version");
        await using var insert = new BulkInserter(db, columns);
        var partners = new List<PartnerRow>(options.Partners);
        for (var i = 0; i < options.Partners; i++)
        {
            var type = i % 5 < 3 ? CompanyType.Msp : CompanyType.Reseller;
            var status = i % 100 == 13 ? PartnerStatus.Canceled : i % 50 == 7 ? PartnerStatus.Suspended : PartnerStatus.Active;
            var created = now.AddDays(-random.Next(200, 2500));
            var statusChanged = status == PartnerStatus.Active ? (DateTimeOffset?)null : now.AddDays(-random.Next(1, 180));
            var canceledAt = status == PartnerStatus.Canceled ? statusChanged : null;
            var (country, dataCenter) = Places[random.Next(Places.Length)];
            var name = $"{FirstWords[i % FirstWords.Length]} {PartnerWords[(i / FirstWords.Length) % PartnerWords.Length]} {i + 1:0000}";
            var id = Guid.CreateVersion7(created);
            partners.Add(new PartnerRow(id, status, canceledAt, country));

            // R24: the status history billing reads (as Company.Suspend, Reactivate and Cancel append it); some partners
            // were suspended for ten days of the month and are active again.
            if (statusChanged is { } changedAt)
            {
                history.Add([Guid.CreateVersion7(changedAt), id, status, changedAt]);
            }
            else if (i % 50 == 21)
            {
                var suspendedAt = new DateTimeOffset(month.AddDays(7).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
                history.Add([Guid.CreateVersion7(suspendedAt), id, PartnerStatus.Suspended, suspendedAt]);
                history.Add([Guid.CreateVersion7(suspendedAt.AddDays(10)), id, PartnerStatus.Active, suspendedAt.AddDays(10)]);
            }

            await insert.AddAsync(
            [
                id, type, provider.Id, name, $"Contact {i + 1}", $"ops@partner{i + 1}.example", $"+1 555 {i:0000}", $"{i + 1} Main Street", country, dataCenter, status,
                statusChanged, canceledAt, i % 3 == 0 && status != PartnerStatus.Canceled, Company.DefaultPoolWarningPercent, type == CompanyType.Msp && i % 2 == 0, created, 0,
            ], cancellationToken);
        }

        await insert.FlushAsync(cancellationToken);
        await using var moves = new BulkInserter(db, TableColumns.Of<CompanyStatusChange>(db, "Id", "CompanyId", "Status", "At"));
        foreach (var move in history)
        {
            await moves.AddAsync(move, cancellationToken);
        }

        await moves.FlushAsync(cancellationToken);
        return partners;
    }

    /// <summary>
    /// R24: a list price per plan from long ago (the 24-month plan priced by the year), the first plan's price raised on
    /// the month's 15th; every fourth partner a discount off every plan, every 25th its own price for one plan. Written as
    /// rows (a price set through <see cref="PlanPrice.Set"/> never starts in the past; these are generated history).
    /// </summary>
    private async Task<int> WritePricesAsync(Company provider, List<PartnerRow> partners, List<ServicePlan> plans, DateOnly month, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var longAgo = month.AddYears(-3);
        var created = new DateTimeOffset(longAgo.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var written = 0;
        await using (var list = new BulkInserter(db, TableColumns.Of<PlanPrice>(db, "Id", "ProviderId", "ServicePlanId", "Period", "UnitPrice", "EffectiveFrom", "CreatedAt")))
        {
            for (var i = 0; i < plans.Count; i++)
            {
                var yearly = plans[i].Period is { Length: 24, Unit: PeriodUnit.Months };
                var unitPrice = 3.00m + (i * 1.25m % 9m);
                await list.AddAsync([Guid.CreateVersion7(created), provider.Id, plans[i].Id, yearly ? BillingPeriod.Yearly : BillingPeriod.Monthly, yearly ? unitPrice * 11 : unitPrice, longAgo, created], cancellationToken);
                written++;
                if (i == 0)
                {
                    await list.AddAsync([Guid.CreateVersion7(now), provider.Id, plans[i].Id, BillingPeriod.Monthly, unitPrice + 0.50m, month.AddDays(14), created.AddYears(2)], cancellationToken);
                    written++;
                }
            }

            await list.FlushAsync(cancellationToken);
        }

        await using var own = new BulkInserter(db, TableColumns.Of<PartnerPrice>(db, "Id", "PartnerId", "ServicePlanId", "DiscountPercent", "UnitPrice", "EffectiveFrom", "CreatedAt"));
        var ownPlan = plans.First(p => p.LicenseType == LicenseType.Full && p.Lifecycle == Lifecycle.Active);
        for (var i = 0; i < partners.Count; i++)
        {
            if (i % 4 == 1)
            {
                await own.AddAsync([Guid.CreateVersion7(created), partners[i].Id, null, 5m * (1 + (i / 4 % 4)), null, longAgo, created], cancellationToken);
                written++;
            }

            if (i % 25 == 3)
            {
                await own.AddAsync([Guid.CreateVersion7(created), partners[i].Id, ownPlan.Id, null, 2.75m, longAgo, created], cancellationToken);
                written++;
            }
        }

        await own.FlushAsync(cancellationToken);
        return written;
    }

    private async Task<List<CustomerRow>> WriteCustomersAsync(
        ScaleDataOptions options, Company provider, List<PartnerRow> partners, DateTimeOffset now, Random random, CancellationToken cancellationToken)
    {
        var columns = TableColumns.Of<Customer>(db, "Id", "OwnerId", "Name", "NormalizedName", "ContactEmail", "Country", "CreatedAt", "Version");
        await using var insert = new BulkInserter(db, columns);
        var customers = new List<CustomerRow>(options.Customers);
        for (var i = 0; i < options.Customers; i++)
        {
            // A few direct customers of the provider; the rest skewed towards the larger partners.
            var owner = i % 33 == 0 ? -1 : (int)(Math.Pow(random.NextDouble(), 2) * partners.Count);
            var ownerId = owner < 0 ? provider.Id : partners[owner].Id;
            var country = owner < 0 ? provider.Country : partners[owner].Country;
            var name = $"{FirstWords[random.Next(FirstWords.Length)]} {SecondWords[random.Next(SecondWords.Length)]} {i + 1}";
            var created = now.AddDays(-random.Next(1, 1500)).AddMinutes(-random.Next(1440));
            var id = Guid.CreateVersion7(created);
            customers.Add(new CustomerRow(id, owner, country, name));
            await insert.AddAsync([id, ownerId, name, name.ToUpperInvariant(), $"it@customer{i + 1}.example", country, created, 0], cancellationToken);
        }

        await insert.FlushAsync(cancellationToken);
        return customers;
    }

    private async Task<WrittenLicenses> WriteLicensesAsync(
        ScaleDataOptions options, Company provider, List<CustomerRow> customers, List<PartnerRow> partners, List<ServicePlan> plans,
        DateTimeOffset now, DateOnly today, DateOnly month, Random random, Random billingRandom, CancellationToken cancellationToken)
    {
        var transactionColumns = TableColumns.Of<LicenseTransaction>(db,
            "Id", "At", "Type", "CompanyId", "CustomerId", "CustomerName", "LicenseId", "PlanName", "ActorUserId", "ActorName", "ServicePlanId", "Units", "ExpiresOn");
        await using var transactions = new BulkInserter(db, transactionColumns);
        var chargedByUse = new List<ByUse>();
        var monthLast = month.AddMonths(1).AddDays(-1);
        var licenseColumns = TableColumns.Of<CustomerLicense>(db,
            "Id", "CustomerId", "ServicePlanId", "LicenseType", "Units", "StartsOn", "ExpiresOn", "AutoRenew", "AutoRenewMonths", "NotifyDaysBefore",
            "ManagedByRemoteManager", "AddOnEnabled", "CreatedAt", "Version");
        var changeColumns = TableColumns.Of<ScheduledLicenseChange>(db,
            "Id", "LicenseId", "ApplyOn", "Changes.Units", "Changes.AutoRenew", "Changes.AutoRenewMonths", "NewServicePlanId", "State", "CreatedAt", "CreatedBy", "Version");
        await using var licenses = new BulkInserter(db, licenseColumns);
        var changes = new List<object?[]>();
        var poolOf = PoolKeys(plans);
        var used = new Dictionary<(int Partner, int Pool), long>();

        // Mostly full licenses of active plans; some trials, NFR, End of Sale and End of Life.
        var weights = plans.Select(p => p.LicenseType == LicenseType.Full && p.Lifecycle == Lifecycle.Active && p.Product.Lifecycle == Lifecycle.Active ? 10 : 2).ToArray();
        var totalWeight = weights.Sum();
        var written = 0;
        for (var c = 0; written < options.Licenses; c = (c + 1) % customers.Count)
        {
            var customer = customers[c];
            var partner = customer.Owner < 0 ? null : partners[customer.Owner];
            var count = Math.Min(random.Next(1, 20), options.Licenses - written);
            for (var k = 0; k < count; k++, written++)
            {
                var plan = plans[Pick(weights, totalWeight, random)];
                var (expiresOn, autoRenew) = Expiry(plan, partner, today, options.DueRenewalShare, random);
                var months = plan.Period.Unit == PeriodUnit.Months ? plan.Period.Length : 1;
                var startsOn = plan.LicenseType == LicenseType.Trial ? expiresOn.AddDays(-LicensePeriod.TrialDays) : expiresOn.AddMonths(-months);
                var units = 1 + (int)(Math.Pow(random.NextDouble(), 3) * 500);
                var notify = plan.LicenseType == LicenseType.Trial ? 7 : NotifyDays[random.Next(NotifyDays.Length)];
                var remote = plan.Product.ManagedThroughRemoteManager && random.NextDouble() < 0.7;
                var addOn = plan.Product.HasAddOn && plan.AddOnAvailable && random.NextDouble() < 0.3;
                var created = new DateTimeOffset(startsOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                var id = Guid.CreateVersion7(created);
                await licenses.AddAsync(
                    [id, customer.Id, plan.Id, plan.LicenseType, units, startsOn, expiresOn, autoRenew, autoRenew ? months : null, notify, remote, addOn, created, 0],
                    cancellationToken);

                // R9, R24: the purchase carries the license's plan, units and last day; a few licenses running all month had
                // their units changed on a day of it (the purchase then carries the units before).
                var ownerId = partner?.Id ?? provider.Id;
                var changedOn = plan.LicenseType == LicenseType.Full && startsOn < month && expiresOn > monthLast && billingRandom.NextDouble() < 0.04
                    ? month.AddDays(billingRandom.Next(1, 27))
                    : (DateOnly?)null;
                var boughtUnits = changedOn is null ? units : Math.Max(1, units - billingRandom.Next(1, (units / 3) + 2));
                await transactions.AddAsync(
                    [Guid.CreateVersion7(created), created, TransactionType.NewPurchase, ownerId, customer.Id, customer.Name, id, plan.Name, null, "Scale data generator", plan.Id, boughtUnits, expiresOn],
                    cancellationToken);
                if (changedOn is { } day)
                {
                    var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(billingRandom.Next(8, 18), 0)), TimeSpan.Zero);
                    await transactions.AddAsync(
                        [Guid.CreateVersion7(at), at, TransactionType.LicenseChange, ownerId, customer.Id, customer.Name, id, plan.Name, null, "Scale data generator", plan.Id, units, expiresOn],
                        cancellationToken);
                }

                if (plan.ChargingPolicy != ChargingPolicy.Provisioned && startsOn <= monthLast && expiresOn >= month)
                {
                    chargedByUse.Add(new ByUse(id, units, startsOn > month ? startsOn : month, expiresOn < monthLast ? expiresOn : monthLast));
                }

                if (partner is not null)
                {
                    var key = (customer.Owner, poolOf[plan.Id]);
                    used[key] = used.GetValueOrDefault(key) + units;
                }

                if (plan.LicenseType != LicenseType.Trial && partner?.Status != PartnerStatus.Canceled && random.NextDouble() < options.PendingChangeShare)
                {
                    // Half due tonight (catching up a day or two), half later; a units change, sometimes with auto-renewal switched.
                    // R23: only the settings it changes have a value.
                    var applyOn = random.NextDouble() < 0.5 ? today.AddDays(-random.Next(0, 2)) : today.AddDays(random.Next(1, 60));
                    var newUnits = Math.Max(1, units + random.Next(-units / 2, 50));
                    bool? newAutoRenew = random.NextDouble() < 0.8 ? null : !autoRenew;
                    changes.Add(
                    [
                        Guid.CreateVersion7(now), id, applyOn, newUnits, newAutoRenew, newAutoRenew == true ? months : null, null,
                        ScheduledChangeState.Pending, now.AddDays(-random.Next(1, 30)), "Scale data generator", 0,
                    ]);
                }
            }
        }

        await licenses.FlushAsync(cancellationToken);

        // After the licenses they belong to (foreign keys are checked per statement).
        await using var changeInsert = new BulkInserter(db, changeColumns);
        foreach (var change in changes)
        {
            await changeInsert.AddAsync(change, cancellationToken);
        }

        await changeInsert.FlushAsync(cancellationToken);
        await transactions.FlushAsync(cancellationToken);
        return new WrittenLicenses(changes.Count, (int)transactions.Written, used, chargedByUse);
    }

    /// <summary>
    /// R24: what the products report in use, one row per license and day of the month it ran (a day in thirty not
    /// reported): each license uses 40–130% of its units, moving a little from day to day.
    /// </summary>
    private async Task<int> WriteUsageAsync(List<ByUse> licenses, Random random, CancellationToken cancellationToken)
    {
        await using var usage = new BulkInserter(db, TableColumns.Of<LicenseUsage>(db, "LicenseId", "Day", "Used", "ReportedAt", "Version"));
        foreach (var license in licenses)
        {
            var share = 0.4 + (random.NextDouble() * 0.9);
            for (var day = license.From; day <= license.To; day = day.AddDays(1))
            {
                if (random.Next(30) == 0)
                {
                    continue;
                }

                var used = (int)Math.Round(license.Units * share * (0.9 + (random.NextDouble() * 0.2)));
                await usage.AddAsync([license.LicenseId, day, Math.Min(used, LicenseSettings.MaxUnits), new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 0)), TimeSpan.Zero), 0], cancellationToken);
            }
        }

        await usage.FlushAsync(cancellationToken);
        return (int)usage.Written;
    }

    /// <summary>Each partner holds a pool per product, level and type it sells, with headroom over what its customers use.</summary>
    private async Task<int> WritePoolsAsync(List<PartnerRow> partners, List<ServicePlan> plans, Dictionary<(int Partner, int Pool), long> used, DateOnly today, CancellationToken cancellationToken)
    {
        var keys = plans.Select(p => (p.ProductId, p.ServiceLevelId, p.LicenseType)).Distinct().ToList();
        var columns = TableColumns.Of<LicensePool>(db,
            "Id", "PartnerId", "ProductId", "ServiceLevelId", "LicenseType", "UnitsTotal", "UnitsUsed", "UnitsRefilled", "StartsOn", "EndsOn", "Disabled", "Version");
        await using var insert = new BulkInserter(db, columns);
        foreach (var ((partner, pool), units) in used.OrderBy(u => u.Key))
        {
            var (productId, levelId, type) = keys[pool];
            var unitsUsed = (int)Math.Min(units, LicensePool.MaxUnits / 2);
            await insert.AddAsync(
            [
                Guid.CreateVersion7(), partners[partner].Id, productId, levelId, type, unitsUsed + (unitsUsed / 4) + 100, unitsUsed, 0,
                today.AddYears(-2), today.AddYears(3), false, 0,
            ], cancellationToken);
        }

        await insert.FlushAsync(cancellationToken);
        return used.Count;
    }

    private static Dictionary<Guid, int> PoolKeys(List<ServicePlan> plans)
    {
        var keys = plans.Select(p => (p.ProductId, p.ServiceLevelId, p.LicenseType)).Distinct().ToList();
        return plans.ToDictionary(p => p.Id, p => keys.IndexOf((p.ProductId, p.ServiceLevelId, p.LicenseType)));
    }

    /// <summary>
    /// R8's spread: about 5% due for renewal tonight, 8% expired, 6% expiring within a month, the rest running
    /// up to three years; trials within their 30 days; a canceled partner's licenses ended on its cancel date (R11).
    /// </summary>
    private static (DateOnly ExpiresOn, bool AutoRenew) Expiry(ServicePlan plan, PartnerRow? partner, DateOnly today, double dueRenewalShare, Random random)
    {
        if (plan.LicenseType == LicenseType.Trial)
        {
            return (today.AddDays(random.Next(-20, 31)), false);
        }

        if (partner?.CanceledAt is { } canceledAt)
        {
            var cancelDate = DateOnly.FromDateTime(canceledAt.UtcDateTime);
            var expires = today.AddDays(random.Next(-400, 700));
            return (expires < cancelDate ? expires : cancelDate, false);
        }

        var endOfLife = plan.Lifecycle == Lifecycle.EndOfLife || plan.Product.Lifecycle == Lifecycle.EndOfLife;
        var r = random.NextDouble();
        if (r < dueRenewalShare && !endOfLife)
        {
            return (today.AddDays(-random.Next(0, 3)), true);
        }

        r -= dueRenewalShare;
        return r switch
        {
            < 0.08 => (today.AddDays(-random.Next(1, 400)), false),
            < 0.14 => (today.AddDays(random.Next(0, 30)), random.NextDouble() < 0.5),
            _ => (today.AddDays(random.Next(31, 1100)), random.NextDouble() < 0.6),
        };
    }

    private static int Pick(int[] weights, int total, Random random)
    {
        var x = random.Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
