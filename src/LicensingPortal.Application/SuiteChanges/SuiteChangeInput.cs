using System.ComponentModel.DataAnnotations;
using FluentValidation;

namespace LicensingPortal.Application.SuiteChanges;

/// <summary>Products › {product} › Suite change (R5).</summary>
public sealed class SuiteChangeInput
{
    [Display(Name = "Components added (comma separated)")]
    public string? ComponentsAdded { get; set; }

    [Display(Name = "Components removed (comma separated)")]
    public string? ComponentsRemoved { get; set; }

    [Display(Name = "Description")]
    [DataType(DataType.MultilineText)]
    public string? Description { get; set; }

    [Display(Name = "Effective date")]
    [DataType(DataType.Date)]
    public DateOnly? EffectiveOn { get; set; }
}

public sealed class SuiteChangeInputValidator : AbstractValidator<SuiteChangeInput>
{
    public SuiteChangeInputValidator()
    {
        RuleFor(x => x.ComponentsAdded)
            .Must((x, added) => !string.IsNullOrWhiteSpace(added) || !string.IsNullOrWhiteSpace(x.ComponentsRemoved))
            .WithMessage("Name at least one component added or removed.");
        RuleFor(x => x.ComponentsAdded).MaximumLength(1000).WithMessage("At most 1,000 characters.");
        RuleFor(x => x.ComponentsRemoved).MaximumLength(1000).WithMessage("At most 1,000 characters.");
        RuleFor(x => x.Description).MaximumLength(1000).WithMessage("The description must be at most 1,000 characters.");
        RuleFor(x => x.EffectiveOn).NotNull().WithMessage("Enter the date the change takes effect.");
    }
}
