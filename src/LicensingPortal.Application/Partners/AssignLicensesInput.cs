using FluentValidation;
using LicensingPortal.Domain.Licenses;

namespace LicensingPortal.Application.Partners;

public sealed class AssignLicensesInput
{
    public Guid? PoolId { get; set; }

    public int? PoolVersion { get; set; }

    public Guid? ServiceLevelId { get; set; }

    public LicenseType LicenseType { get; set; }

    public int? Units { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }
}

public sealed class AssignLicensesInputValidator : AbstractValidator<AssignLicensesInput>
{
    public AssignLicensesInputValidator()
    {
        RuleFor(x => x.Units).NotNull().WithMessage("Units is required.")
            .GreaterThan(0).WithMessage("Units must be at least 1.")
            .LessThanOrEqualTo(LicensePool.MaxUnits).WithMessage($"Units must be at most {LicensePool.MaxUnits:N0}.");
        RuleFor(x => x.ServiceLevelId).NotNull().WithMessage("Choose a product and service level.").When(x => x.PoolId is null);
        RuleFor(x => x.LicenseType).IsInEnum();
        RuleFor(x => x.EndsOn).GreaterThan(x => x.StartsOn).WithMessage("The end date must be after the start date.")
            .When(x => x.StartsOn is not null && x.EndsOn is not null);
    }
}
