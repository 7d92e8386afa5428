using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Licenses;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Licenses;

/// <summary>
/// R22: one change for many customers' licenses. The licenses are chosen by id, or all the caller's
/// licenses of one service plan; each field left empty keeps each license's own value.
/// </summary>
public sealed class BulkLicenseChangeInput
{
    public const int MaxLicenses = 500;

    public List<Guid> LicenseIds { get; set; } = [];

    /// <summary>Without ids: every license of this plan the caller may see.</summary>
    public Guid? ServicePlanId { get; set; }

    public int? Units { get; set; }

    public bool? AutoRenew { get; set; }

    public int? AutoRenewMonths { get; set; }

    public DateOnly? ExpiresOn { get; set; }

    public int? NotifyDaysBefore { get; set; }

    /// <summary>Empty: now. A date: scheduled on every license for that date (R7).</summary>
    public DateOnly? ApplyOn { get; set; }
}

public sealed class BulkLicenseChangeInputValidator : AbstractValidator<BulkLicenseChangeInput>
{
    public BulkLicenseChangeInputValidator()
    {
        RuleFor(x => x).Must(x => x.LicenseIds.Count > 0 || x.ServicePlanId is not null)
            .WithName("LicenseIds").WithMessage("Choose the licenses: their ids, or a service plan.");
        RuleFor(x => x.LicenseIds.Count).LessThanOrEqualTo(BulkLicenseChangeInput.MaxLicenses)
            .WithName("LicenseIds").WithMessage($"At most {BulkLicenseChangeInput.MaxLicenses} licenses at once.");
        RuleFor(x => x).Must(x => x.Units is not null || x.AutoRenew is not null || x.ExpiresOn is not null || x.NotifyDaysBefore is not null)
            .WithName("Units").WithMessage("Choose at least one setting to change.");
        RuleFor(x => x.Units).InclusiveBetween(1, LicenseSettings.MaxUnits).WithMessage("Units per license must be between 1 and 999,999.");
        RuleFor(x => x.AutoRenewMonths).InclusiveBetween(1, LicenseSettings.MaxRenewMonths).WithMessage("Renew every 1 to 66 months.");
        RuleFor(x => x.NotifyDaysBefore).InclusiveBetween(1, LicenseSettings.MaxNotifyDays).WithMessage("Expiration notification must be between 1 and 365 days.");
    }
}

public enum BulkOutcome
{
    /// <summary>Preview: would change. Apply: changed (or scheduled).</summary>
    Change,

    /// <summary>Already has the requested settings.</summary>
    Unchanged,

    /// <summary>A rule refuses it; <see cref="BulkLicenseLine.RuleCode"/> says which.</summary>
    Refused,
}

/// <param name="Line">The line of the imported CSV file this license was on; null when the licenses were chosen by id or plan.</param>
public sealed record BulkLicenseLine(Guid LicenseId, Guid? CustomerId, string? CustomerName, string? PlanName, BulkOutcome Outcome, string? Before, string? After, string? RuleCode, string? Reason, int? Line = null);

public sealed record BulkLicenseChangeReport(bool Applied, int Changed, int Unchanged, int Refused, IReadOnlyList<BulkLicenseLine> Lines);

/// <summary>
/// R22: previews or applies one change on many licenses. Every license goes through the same domain method
/// as the modify page (<see cref="CustomerLicense.Modify"/> or <see cref="CustomerLicense.Schedule"/>), so
/// trial (R3), End of Life (R4), locked (R5), suspended owner (R11) and pool (R12) refusals are the page's.
/// The preview runs that method and saves nothing; applying saves each license in its own transaction with
/// its own transaction record (R9), so one refusal never undoes the others.
/// </summary>
public sealed class BulkLicenseChange(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<BulkLicenseChangeInput> validator)
{
    /// <summary>What the change would do to each license; nothing is saved. Invalid input is refused whole (R18).</summary>
    public Task<Result<BulkLicenseChangeReport>> PreviewAsync(BulkLicenseChangeInput input, CancellationToken cancellationToken = default) =>
        RunAsync(input, apply: false, cancellationToken);

    public Task<Result<BulkLicenseChangeReport>> ApplyAsync(BulkLicenseChangeInput input, CancellationToken cancellationToken = default) =>
        RunAsync(input, apply: true, cancellationToken);

    private async Task<Result<BulkLicenseChangeReport>> RunAsync(BulkLicenseChangeInput input, bool apply, CancellationToken cancellationToken)
    {
        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return Result<BulkLicenseChangeReport>.From(invalid);
        }

        // Ticked licenses win over the plan they were previewed from (the page sends both).
        var ids = input.LicenseIds.Count == 0 && input.ServicePlanId is { } planId
            ? await db.VisibleLicenses(user).Where(l => l.ServicePlanId == planId).OrderBy(l => l.Id).Select(l => l.Id)
                .Take(BulkLicenseChangeInput.MaxLicenses).ToListAsync(cancellationToken)
            : input.LicenseIds.Distinct().ToList();

        var lines = new List<BulkLicenseLine>();
        foreach (var id in ids)
        {
            lines.Add(await OneAsync(id, input, apply, cancellationToken));

            // Each license is its own unit of work: what one refusal or a preview left in memory never reaches the next save.
            db.DiscardChanges();
        }

        return Result<BulkLicenseChangeReport>.Ok(Report(apply, lines));
    }

    /// <summary>A CSV import previewed: one change per row (<see cref="BulkLicenseCsv"/>), each checked and refused like the page's.</summary>
    public Task<BulkLicenseChangeReport> PreviewRowsAsync(IReadOnlyList<BulkCsvRow> rows, CancellationToken cancellationToken = default) =>
        RunRowsAsync(rows, apply: false, cancellationToken);

    public Task<BulkLicenseChangeReport> ApplyRowsAsync(IReadOnlyList<BulkCsvRow> rows, CancellationToken cancellationToken = default) =>
        RunRowsAsync(rows, apply: true, cancellationToken);

    private async Task<BulkLicenseChangeReport> RunRowsAsync(IReadOnlyList<BulkCsvRow> rows, bool apply, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<Guid, int>();
        var lines = new List<BulkLicenseLine>();
        foreach (var row in rows)
        {
            BulkLicenseLine Refused(string code, string reason) => new(row.LicenseId ?? Guid.Empty, null, null, null, BulkOutcome.Refused, null, null, code, reason, row.Line);
            if (row.Change is not { } change || row.LicenseId is not { } id)
            {
                lines.Add(Refused("R18", row.Error ?? $"Line {row.Line} cannot be read."));
                continue;
            }

            if (!seen.TryAdd(id, row.Line))
            {
                lines.Add(Refused("R18", $"Line {row.Line}: this license is already on line {seen[id]}; each license once per file."));
                continue;
            }

            var invalid = validator.Validate(change, o => o.IncludeProperties(x => x.Units, x => x.AutoRenewMonths, x => x.NotifyDaysBefore)).Errors.FirstOrDefault();
            if (invalid is not null)
            {
                lines.Add(Refused("R6", $"Line {row.Line}: {invalid.ErrorMessage}"));
                continue;
            }

            lines.Add(await OneAsync(id, change, apply, cancellationToken) with { Line = row.Line });
            db.DiscardChanges();
        }

        return Report(apply, lines);
    }

    private static BulkLicenseChangeReport Report(bool applied, List<BulkLicenseLine> lines) => new(
        applied,
        lines.Count(l => l.Outcome == BulkOutcome.Change),
        lines.Count(l => l.Outcome == BulkOutcome.Unchanged),
        lines.Count(l => l.Outcome == BulkOutcome.Refused),
        lines);

    /// <summary>The caller's licenses of one plan as CSV, current settings filled in: the file a CSV import starts from.</summary>
    public async Task<string> ExportPlanAsync(Guid servicePlanId, CancellationToken cancellationToken = default)
    {
        var rows = await db.VisibleLicenses(user).AsNoTracking().Where(l => l.ServicePlanId == servicePlanId)
            .OrderBy(l => l.Customer.Name).ThenBy(l => l.Id)
            .Take(BulkLicenseCsv.MaxRows)
            .Select(l => new BulkLicenseCsv.LicenseRow(l.Id, l.Customer.Name, l.Plan.Name, l.Units, l.AutoRenew, l.AutoRenewMonths, l.ExpiresOn, l.NotifyDaysBefore))
            .ToListAsync(cancellationToken);
        return BulkLicenseCsv.Write(rows);
    }

    private async Task<BulkLicenseLine> OneAsync(Guid licenseId, BulkLicenseChangeInput input, bool apply, CancellationToken cancellationToken)
    {
        var license = await db.VisibleLicenses(user).WithChangeGraph().SingleOrDefaultAsync(l => l.Id == licenseId, cancellationToken);
        if (license is null)
        {
            // R1: not the caller's, or not there; nothing about it is told.
            return new BulkLicenseLine(licenseId, null, null, null, BulkOutcome.Refused, null, null, "R1", "Not found.");
        }

        var current = license.Settings;
        var autoRenew = input.AutoRenew ?? current.AutoRenew;
        var settings = current with
        {
            Units = input.Units ?? current.Units,
            ExpiresOn = input.ExpiresOn ?? current.ExpiresOn,
            AutoRenew = autoRenew,
            AutoRenewMonths = !autoRenew ? null : input.AutoRenewMonths ?? current.AutoRenewMonths ?? license.Plan.Period.Length,
            NotifyDaysBefore = input.NotifyDaysBefore ?? current.NotifyDaysBefore,
        };
        string Line(LicenseSettings s) => $"Units {s.Units}, expires {s.ExpiresOn:yyyy-MM-dd}, auto-renewal {(s.AutoRenew ? $"every {s.AutoRenewMonths} months" : "off")}, notify {s.NotifyDaysBefore} days before";
        BulkLicenseLine Outcome(BulkOutcome outcome, string? code = null, string? reason = null) =>
            new(license.Id, license.CustomerId, license.Customer.Name, license.Plan.Name, outcome, Line(current), outcome == BulkOutcome.Refused ? null : Line(settings), code, reason);

        // A license that cannot be modified at all says so (R3, R4, R5, R11), even where its values already match.
        if (license.ModificationRefusal() is { } refusal)
        {
            return Outcome(BulkOutcome.Refused, refusal.Code, refusal.Message);
        }

        if (settings == current && input.ApplyOn is null)
        {
            return Outcome(BulkOutcome.Unchanged);
        }

        try
        {
            var now = clock.GetUtcNow();
            if (input.ApplyOn is { } applyOn)
            {
                db.LicenseTransactions.Add(license.Schedule(settings, null, applyOn, user.Actor, now));
            }
            else
            {
                var pools = await db.PoolsOfAsync(license.Customer.Owner, cancellationToken);
                db.LicenseTransactions.Add(license.Modify(settings, null, pools, user.Actor, now));
            }

            if (apply)
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            return Outcome(BulkOutcome.Change);
        }
        catch (DomainRuleViolation violation)
        {
            return Outcome(BulkOutcome.Refused, violation.Code, violation.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome(BulkOutcome.Refused, "R19", Result.ConcurrencyMessage);
        }
    }
}
