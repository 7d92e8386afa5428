using System.Globalization;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

/// <param name="Used">The day's highest report; null when nothing was reported (nothing in use).</param>
/// <param name="OverProvisioned">Used above provisioned, never negative.</param>
public sealed record UsageDay(DateOnly Day, int Provisioned, int? Used, int OverProvisioned);

/// <param name="Month">As asked: 2026-11.</param>
/// <param name="MaxUsed">The month's highest day; null when nothing was reported.</param>
/// <param name="Days">Each day of the month the license existed (or had a report), up to today.</param>
public sealed record LicenseUsageMonth(Guid LicenseId, Guid CustomerId, string Customer, string Plan, string Month, int? MaxUsed, int DaysOverProvisioned, IReadOnlyList<UsageDay> Days);

/// <summary>
/// R24: a license's month of usage: per day the units provisioned (from its history, as a statement counts them) and
/// the units reported in use. Another company's license is not found (R1).
/// </summary>
public sealed class GetLicenseUsage(IPortalDbContext db, ICurrentUser user, TimeProvider clock)
{
    public const string MonthFormat = "yyyy-MM";

    /// <param name="month">yyyy-MM; empty for the current month (UTC).</param>
    public async Task<Result<LicenseUsageMonth>> HandleAsync(Guid licenseId, string? month, CancellationToken cancellationToken = default)
    {
        var license = await db.VisibleLicenses(user).AsNoTracking().Where(l => l.Id == licenseId)
            .Select(l => new { l.Id, l.CustomerId, Customer = l.Customer.Name, Plan = l.Plan.Name, l.Units, l.CreatedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (license is null)
        {
            return Result<LicenseUsageMonth>.From(Result.NotFound());
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        DateOnly first;
        if (string.IsNullOrWhiteSpace(month))
        {
            first = new DateOnly(today.Year, today.Month, 1);
        }
        else if (!DateOnly.TryParseExact(month.Trim() + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first)
                 || !InputPolicy.IsWithinDateWindow(first))
        {
            return Result<LicenseUsageMonth>.From(Result.Invalid(new Dictionary<string, string[]>
            {
                ["month"] = [$"The month is written like {today.ToString(MonthFormat, CultureInfo.InvariantCulture)}, {InputPolicy.DateWindow}."],
            }));
        }

        var last = first.AddMonths(1).AddDays(-1);
        var used = await db.LicenseUsages.AsNoTracking()
            .Where(u => u.LicenseId == licenseId && u.Day >= first && u.Day <= last)
            .ToDictionaryAsync(u => u.Day, u => u.Used, cancellationToken);

        // From the day the license was created, or its first report if a product reported an earlier day.
        var from = Later(first, DateOnly.FromDateTime(license.CreatedAt.UtcDateTime));
        from = used.Count > 0 && used.Keys.Min() < from ? used.Keys.Min() : from;
        var to = last < today ? last : today;
        var provisioned = await ProvisionedUnits.OfAsync(db, [new ProvisionedLicense(license.Id, license.CustomerId, license.Units)], cancellationToken);

        var days = new List<UsageDay>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            int? reported = used.TryGetValue(day, out var u) ? u : null;
            var units = provisioned(licenseId, day);
            days.Add(new UsageDay(day, units, reported, ChargingPolicyRules.OverProvisioned(units, reported)));
        }

        return Result<LicenseUsageMonth>.Ok(new LicenseUsageMonth(
            license.Id, license.CustomerId, license.Customer, license.Plan, first.ToString(MonthFormat, CultureInfo.InvariantCulture),
            used.Count == 0 ? null : used.Values.Max(), days.Count(d => d.OverProvisioned > 0), days));
    }

    private static DateOnly Later(DateOnly a, DateOnly b) => a > b ? a : b;
}
