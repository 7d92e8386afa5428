using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24: one line of a statement: a customer's license on one plan for a stretch of days (<see cref="ChargeLine"/>),
/// with the partner's adjustment of its chargeable units when there is one, or a correction carried from an
/// approved earlier month (<see cref="IsCarriedAdjustment"/>). A line of days the partner was suspended
/// (<see cref="PartnerSuspended"/>) has 0 chargeable units and cannot be adjusted.
/// </summary>
public sealed class StatementLine
{
    public const int CommentMaxLength = 500;

    private StatementLine()
    {
    }

    public Guid Id { get; private set; }

    public Guid StatementId { get; private set; }

    public Guid CustomerId { get; private set; }

    public string CustomerName { get; private set; } = string.Empty;

    public Guid LicenseId { get; private set; }

    public Guid PlanId { get; private set; }

    public string PlanName { get; private set; } = string.Empty;

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public int Days { get; private set; }

    public int DaysInMonth { get; private set; }

    public int Provisioned { get; private set; }

    public int? Used { get; private set; }

    /// <summary>What the plan's charging policy gave.</summary>
    public int CalculatedChargeable { get; private set; }

    /// <summary>What the partner set instead, with <see cref="Comment"/>; null when not adjusted.</summary>
    public int? AdjustedChargeable { get; private set; }

    public string? Comment { get; private set; }

    public decimal MonthlyUnitPrice { get; private set; }

    public decimal Amount { get; private set; }

    public bool IsCarriedAdjustment { get; private set; }

    /// <summary>R24: the partner was suspended on these days (R11); they are listed so the statement says why they cost nothing.</summary>
    public bool PartnerSuspended { get; private set; }

    public int Chargeable => AdjustedChargeable ?? CalculatedChargeable;

    public static StatementLine Of(Guid statementId, ChargeLine line, Guid customerId, string customerName, string planName) => new()
    {
        Id = Ids.New(),
        StatementId = statementId,
        CustomerId = customerId,
        CustomerName = customerName,
        LicenseId = line.LicenseId,
        PlanId = line.PlanId,
        PlanName = planName,
        From = line.From,
        To = line.To,
        Days = line.Days,
        DaysInMonth = line.DaysInMonth,
        Provisioned = line.Provisioned,
        Used = line.Used,
        CalculatedChargeable = line.Chargeable,
        MonthlyUnitPrice = line.MonthlyUnitPrice,
        Amount = line.Amount,
        PartnerSuspended = line.PartnerSuspended,
    };

    /// <summary>A correction of an approved month, charged (or credited, when negative) on a later statement as it is.</summary>
    public static StatementLine Carried(Guid statementId, StatementLine corrected, decimal amount, string comment) => new()
    {
        Id = Ids.New(),
        StatementId = statementId,
        CustomerId = corrected.CustomerId,
        CustomerName = corrected.CustomerName,
        LicenseId = corrected.LicenseId,
        PlanId = corrected.PlanId,
        PlanName = corrected.PlanName,
        From = corrected.From,
        To = corrected.To,
        Days = corrected.Days,
        DaysInMonth = corrected.DaysInMonth,
        Provisioned = corrected.Provisioned,
        Used = corrected.Used,
        CalculatedChargeable = corrected.Chargeable,
        MonthlyUnitPrice = corrected.MonthlyUnitPrice,
        Amount = amount,
        Comment = Guard.Text(comment, nameof(Comment), CommentMaxLength, "R24", multiLine: true),
        IsCarriedAdjustment = true,
    };

    internal void Adjust(int chargeable, string? comment, Currency currency)
    {
        if (IsCarriedAdjustment)
        {
            throw new DomainRuleViolation("R24", "A correction carried from an approved month is charged as it is.", nameof(AdjustedChargeable));
        }

        if (PartnerSuspended)
        {
            throw new DomainRuleViolation("R24", "The partner was suspended on these days: they are not charged.", nameof(AdjustedChargeable));
        }

        Guard.Range(chargeable, 0, Licenses.LicenseSettings.MaxUnits, nameof(AdjustedChargeable), "R18");
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new DomainRuleViolation("R24", "Say why the chargeable units differ from what was calculated: the provider reads it before approving.", nameof(Comment));
        }

        Comment = Guard.Text(comment, nameof(Comment), CommentMaxLength, "R18", multiLine: true);
        AdjustedChargeable = chargeable == CalculatedChargeable ? null : chargeable;
        Amount = currency.Round(Chargeable * MonthlyUnitPrice * Days / DaysInMonth);
    }
}
