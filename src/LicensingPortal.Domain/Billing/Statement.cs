using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24: what one buyer (a partner, or the provider for its direct customers) owes its provider for one calendar month.
/// Open (live estimate) → Preparing (after the month: the partner reviews and adjusts) → Submitted → Approved or
/// Rejected (back to the partner, with a reason) → Completed. Once approved it is frozen. Every transition refuses
/// from the wrong state with R24 and says what state it is in.
/// </summary>
public sealed class Statement : IVersioned
{
    public const int ReasonMaxLength = 500;

    private readonly List<StatementLine> _lines = [];

    private Statement()
    {
    }

    public Guid Id { get; private set; }

    public Guid ProviderId { get; private set; }

    /// <summary>The buyer: a partner, or the provider itself for its direct customers.</summary>
    public Guid CompanyId { get; private set; }

    /// <summary>The month's first day.</summary>
    public DateOnly Month { get; private set; }

    public string CurrencyCode { get; private set; } = Currency.Usd.Code;

    public StatementState State { get; private set; }

    public IReadOnlyList<StatementLine> Lines => _lines;

    public DateTimeOffset? SubmittedAt { get; private set; }

    public string? SubmittedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? RejectionReason { get; private set; }

    public int Version { get; private set; }

    public DateOnly LastDay => Month.AddMonths(1).AddDays(-1);

    /// <summary>The sum of the lines' rounded amounts, kept with the statement (lists of statements sum no money in SQL).</summary>
    public decimal Total { get; private set; }

    public bool IsFrozen => State is StatementState.Approved or StatementState.Completed;

    /// <summary>The day a month's statement still Preparing or Rejected is submitted for its partner: the provider's deadline day of the month after.</summary>
    public static DateOnly DeadlineOf(DateOnly month, int deadlineDay) => new DateOnly(month.Year, month.Month, 1).AddMonths(1).AddDays(deadlineDay - 1);

    public static Statement Open(Guid providerId, Guid companyId, DateOnly anyDayOfMonth, Currency currency) => new()
    {
        Id = Ids.New(),
        ProviderId = providerId,
        CompanyId = companyId,
        Month = new DateOnly(anyDayOfMonth.Year, anyDayOfMonth.Month, 1),
        CurrencyCode = currency.Code,
        State = StatementState.Open,
    };

    /// <summary>The live estimate of an open month, recomputed from the history (carried corrections stay).</summary>
    public void Refresh(IEnumerable<Func<Guid, StatementLine>> lines)
    {
        Require("recomputed", StatementState.Open);
        ReplaceCalculatedLines(lines);
    }

    /// <summary>After the month's last day: the final lines, for the partner to review.</summary>
    public void Close(IEnumerable<Func<Guid, StatementLine>> lines, DateOnly today)
    {
        Require("closed", StatementState.Open);
        if (today <= LastDay)
        {
            throw new DomainRuleViolation("R24", $"{Month:MMMM yyyy} is not over until {LastDay:yyyy-MM-dd}: its statement stays an estimate until then.");
        }

        ReplaceCalculatedLines(lines);
        State = StatementState.Preparing;
    }

    /// <summary>The partner sets a line's chargeable units, saying why; the amount follows (R24, R19 through <see cref="Version"/>).</summary>
    public void Adjust(Guid lineId, int chargeable, string? comment)
    {
        Require("adjusted", StatementState.Preparing, StatementState.Rejected);
        var line = _lines.SingleOrDefault(l => l.Id == lineId)
            ?? throw new DomainRuleViolation("R24", "That line is not on this statement.", nameof(lineId));
        line.Adjust(chargeable, comment, Currency.Of(CurrencyCode));
        Total = _lines.Sum(l => l.Amount);
    }

    public void Submit(Actor actor, DateTimeOffset now)
    {
        Require("submitted", StatementState.Preparing, StatementState.Rejected);
        State = StatementState.Submitted;
        SubmittedAt = now;
        SubmittedBy = actor.Name;
        RejectionReason = null;
    }

    public void Approve(Actor actor, DateTimeOffset now)
    {
        Require("approved", StatementState.Submitted);
        State = StatementState.Approved;
        DecidedAt = now;
        DecidedBy = actor.Name;
    }

    public void Reject(string? reason, Actor actor, DateTimeOffset now)
    {
        Require("rejected", StatementState.Submitted);
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainRuleViolation("R24", "Say why the statement is rejected: the partner reads it to correct it.", nameof(RejectionReason));
        }

        RejectionReason = Guard.Text(reason, nameof(RejectionReason), ReasonMaxLength, "R18", multiLine: true);
        State = StatementState.Rejected;
        DecidedAt = now;
        DecidedBy = actor.Name;
    }

    public void Complete(Actor actor, DateTimeOffset now)
    {
        Require("completed", StatementState.Approved);
        State = StatementState.Completed;
        DecidedAt = now;
        DecidedBy = actor.Name;
    }

    /// <summary>A correction of an approved month becomes a line of this (not yet submitted) one; the approved month stays as it was.</summary>
    public void Carry(StatementLine corrected, decimal amount, string comment)
    {
        Require("given a correction", StatementState.Open, StatementState.Preparing, StatementState.Rejected);
        _lines.Add(StatementLine.Carried(Id, corrected, amount, comment));
        Total = _lines.Sum(l => l.Amount);
    }

    private void ReplaceCalculatedLines(IEnumerable<Func<Guid, StatementLine>> lines)
    {
        _lines.RemoveAll(l => !l.IsCarriedAdjustment);
        _lines.AddRange(lines.Select(make => make(Id)));
        Total = _lines.Sum(l => l.Amount);
    }

    private void Require(string action, params StatementState[] allowed)
    {
        if (!allowed.Contains(State))
        {
            throw new DomainRuleViolation("R24", IsFrozen
                ? $"The statement for {Month:MMMM yyyy} is {State.ToString().ToLowerInvariant()}: it cannot be {action}. A correction goes on a later month."
                : $"The statement for {Month:MMMM yyyy} is {State.ToString().ToLowerInvariant()}: it cannot be {action} now.");
        }
    }
}
