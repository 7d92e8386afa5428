using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LicensingPortal.Domain.Licenses;
using LicensingPortal.Domain.ServicePlans;

namespace LicensingPortal.Application.ServicePlans;

/// <summary>A plan as the Service Plans create/edit form and the API give it (PRODUCT.md §2); the domain's <see cref="ServicePlanDefinition"/> once valid.</summary>
public sealed class ServicePlanInput
{
    [Display(Name = "Plan name")]
    public string? Name { get; set; }

    [Display(Name = "Product")]
    public Guid? ProductId { get; set; }

    [Display(Name = "Service level")]
    public Guid? ServiceLevelId { get; set; }

    [Display(Name = "License type")]
    public LicenseType LicenseType { get; set; } = LicenseType.Full;

    [Display(Name = "License period")]
    public int? PeriodLength { get; set; } = 12;

    [Display(Name = "Period unit")]
    public PeriodUnit PeriodUnit { get; set; } = PeriodUnit.Months;

    [Display(Name = "Units per license")]
    public int? UnitsPerLicense { get; set; } = 1;

    [Display(Name = "Auto-renewal on by default")]
    public bool AutoRenewDefault { get; set; } = true;

    [Display(Name = "Add-on available to customers")]
    public bool AddOnAvailable { get; set; }

    /// <summary>R19: the version the form was loaded with.</summary>
    public int Version { get; set; }
}

public sealed class ServicePlanInputValidator : AbstractValidator<ServicePlanInput>
{
    public ServicePlanInputValidator()
    {
        RuleFor(x => x.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter a name for the plan.");
        RuleFor(x => x.Name).Must(n => n!.Trim().Length <= ServicePlan.NameMaxLength)
            .When(x => !string.IsNullOrWhiteSpace(x.Name))
            .WithMessage(x => $"The plan name must be at most {ServicePlan.NameMaxLength} characters; it has {x.Name!.Trim().Length}.");
        RuleFor(x => x.ProductId).NotNull().WithMessage("Choose a product.");
        RuleFor(x => x.ServiceLevelId).NotNull().WithMessage("Choose a service level.");
        RuleFor(x => x.LicenseType).IsInEnum().WithMessage("Choose Full, Trial or NFR.");
        RuleFor(x => x.PeriodLength)
            .Must((x, length) => length == LicensePeriod.TrialDays && x.PeriodUnit == PeriodUnit.Days)
            .When(x => x.LicenseType == LicenseType.Trial)
            .WithMessage($"A trial plan lasts {LicensePeriod.TrialDays} days: set the license period to {LicensePeriod.TrialDays} days.");
        RuleFor(x => x.PeriodLength)
            .Must((x, length) => length is >= 1 and <= LicensePeriod.MaxMonths && x.PeriodUnit == PeriodUnit.Months)
            .When(x => x.LicenseType != LicenseType.Trial)
            .WithMessage(x => $"The license period must be between 1 and {LicensePeriod.MaxMonths} months{(x.PeriodLength is { } l && x.PeriodUnit == PeriodUnit.Months ? $"; {l} was entered" : string.Empty)}.");
        RuleFor(x => x.UnitsPerLicense)
            .Must(u => u is >= 1 and <= ServicePlan.MaxUnitsPerLicense)
            .WithMessage(x => $"Units per license must be between 1 and {ServicePlan.MaxUnitsPerLicense:N0}{(x.UnitsPerLicense is { } u ? $"; {u:N0} was entered" : string.Empty)}.");
    }
}
