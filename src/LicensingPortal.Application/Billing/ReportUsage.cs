using System.Globalization;
using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Common;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

/// <summary>
/// R24: one report of a product: the units of a license in use on a day. Every field is nullable so that a missing one
/// is named on its row rather than read as zero.
/// </summary>
/// <param name="Line">The line of the uploaded CSV file the row was read from; null for the API, where a row is its position.</param>
/// <param name="Unreadable">A cell the CSV reader could not read (its column and why): the row is refused with it.</param>
public sealed record UsageRow(Guid? LicenseId, DateOnly? Day, int? Used, int? Line = null, UsageRowProblem? Unreadable = null);

/// <param name="Field">The column or member: LicenseId, Day or Used.</param>
public sealed record UsageRowProblem(string Field, string Message);

/// <summary>A batch of usage reports, saved all together or not at all.</summary>
public sealed class ReportUsageInput
{
    /// <summary>A day's reports of a large partner fit; a bigger batch is split by the sender.</summary>
    public const int MaxReports = 10_000;

    public List<UsageRow> Reports { get; set; } = [];
}

public sealed class ReportUsageInputValidator : AbstractValidator<ReportUsageInput>
{
    public ReportUsageInputValidator()
    {
        RuleFor(x => x.Reports).NotEmpty().WithMessage("Send at least one report: a license, a day and the units in use.");
        RuleFor(x => x.Reports.Count).LessThanOrEqualTo(ReportUsageInput.MaxReports).OverridePropertyName(nameof(ReportUsageInput.Reports))
            .WithMessage(x => $"{x.Reports.Count:N0} reports in one batch; at most {ReportUsageInput.MaxReports:N0}. Split it.");
    }
}

/// <summary>A license's day that passed its provisioned units with this batch (and had not before).</summary>
public sealed record OverProvisionedUsage(Guid LicenseId, DateOnly Day, int Provisioned, int Used);

/// <param name="Reports">Rows in the batch.</param>
/// <param name="Recorded">Rows that raised their day's figure (or were its first report).</param>
/// <param name="Unchanged">Rows at or below what their day already had: nothing changed for them.</param>
/// <param name="OverProvisioned">License days that passed their provisioned units with this batch: their owners are notified.</param>
public sealed record UsageReport(int Reports, int Recorded, int Unchanged, IReadOnlyList<OverProvisionedUsage> OverProvisioned)
{
    public string Message =>
        $"{Counted.Of(Reports, "report")}: {Recorded:N0} recorded, {Unchanged:N0} unchanged (their day already had as many or more units in use)"
        + (OverProvisioned.Count > 0 ? $"; {Counted.Of(OverProvisioned.Count, "license day")} now above the units provisioned." : ".");
}

/// <summary>
/// R24: products report the units in use per license and day, through <c>POST /api/v1/usage</c> or a CSV upload.
/// Each license must be one the caller sees (R1: a provider its partners' and direct customers', a partner its own);
/// one it does not see is "not found" on its row, like one that does not exist. A day keeps its highest report
/// (<see cref="LicenseUsage"/>), so sending the same batch again changes nothing. The batch is saved whole or not at
/// all: any wrong row refuses it, every wrong row named. A license's day that passes its provisioned units for the first
/// time is recorded once (<see cref="OverProvisionedDay"/>) for the notification and webhook jobs. One audit entry per
/// batch that changed something.
/// </summary>
public sealed class ReportUsage(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<ReportUsageInput> validator)
{
    /// <summary>Messages listed at most; the rest are counted (a file of 10,000 wrong rows needs no 10,000 sentences).</summary>
    public const int MaxMessages = 100;

    /// <summary>Another report of the same license and day saved first: read again and keep the higher figure, a few times.</summary>
    private const int MaxAttempts = 3;

    public async Task<Result<UsageReport>> HandleAsync(ReportUsageInput input, CancellationToken cancellationToken = default)
    {
        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return Result<UsageReport>.From(invalid);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await UseCase.RunAsync(() => RecordAsync(input.Reports, cancellationToken));
                if (result.Kind != ResultKind.Conflict || attempt == MaxAttempts)
                {
                    return result;
                }
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // A report of the same license and day, or its alert, was inserted first (their unique keys): try again.
            }
            catch (DbUpdateException)
            {
                return Result<UsageReport>.From(Result.Conflict());
            }

            db.DiscardChanges();
        }
    }

    private async Task<Result<UsageReport>> RecordAsync(List<UsageRow> rows, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var ids = rows.Where(r => r.LicenseId is not null).Select(r => r.LicenseId!.Value).Distinct().ToList();
        var days = rows.Where(r => r.Day is not null).Select(r => r.Day!.Value).Distinct().ToList();

        // R1: only what the caller sees; an id it does not see reads as one that does not exist.
        var licenses = await db.VisibleLicenses(user).AsNoTracking()
            .Where(l => ids.Contains(l.Id))
            .Select(l => new { l.Id, l.CustomerId, l.Customer.OwnerId, l.Units })
            .ToDictionaryAsync(l => l.Id, cancellationToken);
        var visible = licenses.Keys.ToList();
        var stored = await db.LicenseUsages
            .Where(u => visible.Contains(u.LicenseId) && days.Contains(u.Day))
            .ToDictionaryAsync(u => (u.LicenseId, u.Day), cancellationToken);
        var alerted = (await db.OverProvisionedDays.AsNoTracking()
                .Where(a => visible.Contains(a.LicenseId) && days.Contains(a.Day))
                .Select(a => new { a.LicenseId, a.Day })
                .ToListAsync(cancellationToken))
            .Select(a => (a.LicenseId, a.Day)).ToHashSet();

        var problems = new List<(string Key, string Message)>();
        var changed = new HashSet<(Guid LicenseId, DateOnly Day)>();
        int recorded = 0, unchanged = 0;
        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            var where = row.Line is { } line ? $"Line {line.ToString(CultureInfo.InvariantCulture)}" : $"Row {(index + 1).ToString(CultureInfo.InvariantCulture)}";
            void Problem(string field, string message) => problems.Add(($"reports[{index.ToString(CultureInfo.InvariantCulture)}].{char.ToLowerInvariant(field[0])}{field[1..]}", $"{where}: {message}"));

            if (row.Unreadable is { } unreadable)
            {
                Problem(unreadable.Field, unreadable.Message);
                continue;
            }

            if (row.LicenseId is null || row.Day is null || row.Used is null)
            {
                foreach (var (field, missing) in new[] { ("LicenseId", row.LicenseId is null), ("Day", row.Day is null), ("Used", row.Used is null) })
                {
                    if (missing)
                    {
                        Problem(field, $"{field} is missing.");
                    }
                }

                continue;
            }

            var (licenseId, day, used) = (row.LicenseId.Value, row.Day.Value, row.Used.Value);
            if (!licenses.ContainsKey(licenseId))
            {
                Problem("LicenseId", $"license {licenseId} was not found.");
                continue;
            }

            try
            {
                if (stored.TryGetValue((licenseId, day), out var usage))
                {
                    if (usage.Report(used, today, now))
                    {
                        recorded++;
                        changed.Add((licenseId, day));
                    }
                    else
                    {
                        unchanged++;
                    }
                }
                else
                {
                    usage = LicenseUsage.First(licenseId, day, used, today, now);
                    db.LicenseUsages.Add(usage);
                    stored.Add((licenseId, day), usage);
                    changed.Add((licenseId, day));
                    recorded++;
                }
            }
            catch (DomainRuleViolation refusal)
            {
                Problem(refusal.Field ?? "Used", refusal.Message);
            }
        }

        if (problems.Count > 0)
        {
            db.DiscardChanges();
            return Result<UsageReport>.From(Refusal(problems));
        }

        var candidates = changed.Where(c => !alerted.Contains(c)).ToList();
        var provisioned = await ProvisionedUnits.OfAsync(
            db, candidates.Select(c => licenses[c.LicenseId]).Select(l => new ProvisionedLicense(l.Id, l.CustomerId, l.Units)).ToList(), cancellationToken);
        var over = new List<OverProvisionedUsage>();
        foreach (var (licenseId, day) in candidates.OrderBy(c => c.Day).ThenBy(c => c.LicenseId))
        {
            var units = provisioned(licenseId, day);
            if (OverProvisionedDay.Of(stored[(licenseId, day)], units, licenses[licenseId].OwnerId, now) is { } alert)
            {
                db.OverProvisionedDays.Add(alert);
                over.Add(new OverProvisionedUsage(licenseId, day, units, alert.Used));
            }
        }

        var report = new UsageReport(rows.Count, recorded, unchanged, over);
        if (recorded > 0)
        {
            db.AuditEntries.Add(AuditEntry.Record(
                "UsageReported", nameof(LicenseUsage), null, user.CompanyId, user.Actor, now,
                after: $"{Counted.Of(rows.Count, "report")}: {recorded:N0} recorded, {unchanged:N0} unchanged, {Counted.Of(over.Count, "license day")} above the units provisioned"));
            await db.SaveChangesAsync(cancellationToken);
        }

        return Result<UsageReport>.Ok(report);
    }

    /// <summary>Every wrong row, named with its field (R18); past <see cref="MaxMessages"/>, how many more.</summary>
    private static Result Refusal(List<(string Key, string Message)> problems)
    {
        var errors = problems.Take(MaxMessages).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
        if (problems.Count > MaxMessages)
        {
            errors["reports"] = [$"… and {problems.Count - MaxMessages:N0} more problems. Nothing was saved: correct every row and send the batch again."];
        }

        return Result.Invalid(errors);
    }
}
