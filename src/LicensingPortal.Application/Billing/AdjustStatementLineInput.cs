using FluentValidation;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Licenses;

namespace LicensingPortal.Application.Billing;

/// <summary>R24: the partner sets a line's chargeable units, saying why.</summary>
public sealed class AdjustStatementLineInput
{
    public Guid LineId { get; set; }

    public int? Chargeable { get; set; }

    public string? Comment { get; set; }

    public int Version { get; set; }
}

public sealed class AdjustStatementLineInputValidator : AbstractValidator<AdjustStatementLineInput>
{
    public AdjustStatementLineInputValidator()
    {
        RuleFor(x => x.Chargeable).NotNull().WithMessage("Enter the chargeable units.")
            .InclusiveBetween(0, LicenseSettings.MaxUnits).WithMessage("Chargeable units must be between 0 and 999,999.");
        RuleFor(x => x.Comment).NotEmpty().WithMessage("Say why the chargeable units differ from what was calculated: the provider reads it before approving.")
            .MaximumLength(StatementLine.CommentMaxLength).WithMessage($"The comment is at most {StatementLine.CommentMaxLength} characters.");
    }
}
