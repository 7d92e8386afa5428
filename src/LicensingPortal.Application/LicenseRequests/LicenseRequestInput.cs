using FluentValidation;
using LicensingPortal.Domain.LicenseRequests;
using LicensingPortal.Domain.Licenses;

namespace LicensingPortal.Application.LicenseRequests;

/// <summary>R25: what the customer asks (one change per request) and why.</summary>
public sealed class LicenseRequestInput
{
    public LicenseRequestKind Kind { get; set; }

    /// <summary>The units per license wanted, for <see cref="LicenseRequestKind.Units"/>.</summary>
    public int? Units { get; set; }

    /// <summary>Auto-renewal on or off, for <see cref="LicenseRequestKind.AutoRenewal"/>.</summary>
    public bool? AutoRenew { get; set; }

    /// <summary>The plan wanted, for <see cref="LicenseRequestKind.ServicePlan"/>.</summary>
    public Guid? ServicePlanId { get; set; }

    public string? Comment { get; set; }
}

public sealed class LicenseRequestInputValidator : AbstractValidator<LicenseRequestInput>
{
    public LicenseRequestInputValidator()
    {
        RuleFor(x => x.Kind).IsInEnum().WithMessage("Choose what to change.");
        RuleFor(x => x.Units).NotNull().When(x => x.Kind == LicenseRequestKind.Units).WithMessage("Enter the units per license you need (1 to 999,999).")
            .InclusiveBetween(1, LicenseSettings.MaxUnits).When(x => x.Kind == LicenseRequestKind.Units).WithMessage("Units per license must be between 1 and 999,999.");
        RuleFor(x => x.AutoRenew).NotNull().When(x => x.Kind == LicenseRequestKind.AutoRenewal).WithMessage("Choose whether the license renews automatically.");
        RuleFor(x => x.ServicePlanId).NotNull().When(x => x.Kind == LicenseRequestKind.ServicePlan).WithMessage("Choose the service plan you want.");
        RuleFor(x => x.Comment).NotEmpty().WithMessage("Say why you ask: your partner reads it.")
            .MaximumLength(LicenseRequest.CommentMaxLength).WithMessage($"The comment can be up to {LicenseRequest.CommentMaxLength:N0} characters.");
    }
}

/// <summary>R25: how the partner approves a request: the change applied now or on a date (R7), and what to do with a pending value (R23).</summary>
public sealed class ApproveLicenseRequestInput
{
    public Licenses.ApplyMode ApplyMode { get; set; }

    public DateOnly? ApplyOn { get; set; }

    public PendingValueChoice PendingValues { get; set; }

    public int Version { get; set; }
}

public sealed class ApproveLicenseRequestInputValidator : AbstractValidator<ApproveLicenseRequestInput>
{
    public ApproveLicenseRequestInputValidator()
    {
        RuleFor(x => x.ApplyMode).IsInEnum().WithMessage("Choose when to apply the change.");
        RuleFor(x => x.ApplyOn).NotNull().When(x => x.ApplyMode == Licenses.ApplyMode.OnDate).WithMessage("Choose the date to apply the change.");
        RuleFor(x => x.PendingValues).IsInEnum().WithMessage("Choose whether to keep or drop the scheduled value.");
    }
}
