using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Security;
using LicensingPortal.Application.Tenancy;
using LicensingPortal.Domain.Licenses;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Licenses;

public enum ApplyMode
{
    Now,
    OnDate,
}

/// <summary>The settings of R6 as the modify form posts them.</summary>
public sealed class LicenseModifyInput
{
    /// <summary>The "Change the service plan" drop-down (R6): another plan of the same level.</summary>
    public Guid? NewServicePlanId { get; set; }

    /// <summary>The "Change Service Plan" button (R6): a plan of another service level; wins over the drop-down.</summary>
    public Guid? ChangeToPlanId { get; set; }

    public int? Units { get; set; }

    public DateOnly? ExpiresOn { get; set; }

    public bool AutoRenew { get; set; }

    public int? AutoRenewMonths { get; set; }

    public int? NotifyDaysBefore { get; set; }

    public bool ManagedByRemoteManager { get; set; }

    public bool AddOnEnabled { get; set; }

    public ApplyMode ApplyMode { get; set; }

    public DateOnly? ApplyOn { get; set; }

    /// <summary>R23: what saving now does to a setting that also has a scheduled value (not chosen: the save asks).</summary>
    public PendingValueChoice PendingValues { get; set; }

    public int Version { get; set; }

    public static LicenseModifyInput From(CustomerLicense license) => new()
    {
        NewServicePlanId = license.ServicePlanId,
        Units = license.Units,
        ExpiresOn = license.ExpiresOn,
        AutoRenew = license.AutoRenew,
        AutoRenewMonths = license.AutoRenewMonths ?? (license.Plan.Period.Unit == PeriodUnit.Months ? license.Plan.Period.Length : 12),
        NotifyDaysBefore = license.NotifyDaysBefore,
        ManagedByRemoteManager = license.ManagedByRemoteManager,
        AddOnEnabled = license.AddOnEnabled,
        ApplyMode = ApplyMode.Now,
        Version = license.Version,
    };
}

public sealed class LicenseModifyInputValidator : AbstractValidator<LicenseModifyInput>
{
    public LicenseModifyInputValidator()
    {
        RuleFor(x => x.Units).NotNull().WithMessage("Enter the units per license (1 to 999,999).")
            .InclusiveBetween(1, LicenseSettings.MaxUnits).WithMessage("Units per license must be between 1 and 999,999.");
        RuleFor(x => x.ExpiresOn).NotNull().WithMessage("Enter the license expiration date.");
        RuleFor(x => x.AutoRenewMonths).NotNull().When(x => x.AutoRenew).WithMessage("Choose how often the license renews.")
            .InclusiveBetween(1, LicenseSettings.MaxRenewMonths).When(x => x.AutoRenew).WithMessage("Renew every 1 to 66 months.");
        RuleFor(x => x.NotifyDaysBefore).NotNull().WithMessage("Enter how many days before expiry the status turns \"expiring soon\".")
            .InclusiveBetween(1, LicenseSettings.MaxNotifyDays).WithMessage("Expiration notification must be between 1 and 365 days.");
        RuleFor(x => x.ApplyMode).IsInEnum().WithMessage("Choose when to apply the changes.");
        RuleFor(x => x.ApplyOn).NotNull().When(x => x.ApplyMode == ApplyMode.OnDate).WithMessage("Choose the date to apply the changes.");
        RuleFor(x => x.PendingValues).IsInEnum().WithMessage("Choose whether to keep or drop the scheduled value.");
    }
}

/// <summary>R6/R7: applies the settings now, or stores them as a pending change for a future date.</summary>
public sealed class ModifyLicense(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<LicenseModifyInput> validator)
{
    public async Task<Result> HandleAsync(Guid customerId, Guid licenseId, LicenseModifyInput input, CancellationToken cancellationToken = default)
    {
        var license = await db.VisibleLicenses(user).LicenseForChangeAsync(customerId, licenseId, cancellationToken);
        if (license is null)
        {
            return Result.NotFound();
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        return await UseCase.RunAsync(async () =>
        {
            db.ExpectVersion(license, input.Version);
            var message = await ApplyAsync(license, input, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok(message);
        });
    }

    /// <summary>
    /// The change itself on a loaded license (<see cref="LicensingContext.LicenseForChangeAsync"/>), applied now or scheduled, with its
    /// transaction staged and nothing saved: the caller saves once. Throws the rule's refusal. R25's approval of a
    /// customer's request applies its change through here, under the same rules as the form.
    /// </summary>
    internal async Task<string> ApplyAsync(CustomerLicense license, LicenseModifyInput input, CancellationToken cancellationToken)
    {
        Domain.ServicePlans.ServicePlan? newPlan = null;
        if ((input.ChangeToPlanId ?? input.NewServicePlanId) is { } planId && planId != license.ServicePlanId)
        {
            newPlan = await db.PlansUsableBy(license.Customer.Owner).Include(p => p.Product).SingleOrDefaultAsync(p => p.Id == planId, cancellationToken)
                ?? throw new Domain.Common.DomainRuleViolation(
                    "R6", "Choose one of the service plans listed.", input.ChangeToPlanId is null ? nameof(input.NewServicePlanId) : nameof(input.ChangeToPlanId));
        }

        var settings = new LicenseSettings(
            input.Units!.Value, input.ExpiresOn!.Value, input.AutoRenew, input.AutoRenew ? input.AutoRenewMonths : null,
            input.NotifyDaysBefore!.Value, input.ManagedByRemoteManager, input.AddOnEnabled);
        var now = clock.GetUtcNow();
        if (input.ApplyMode == ApplyMode.OnDate)
        {
            var applyOn = input.ApplyOn!.Value;
            db.LicenseTransactions.Add(license.Schedule(settings, newPlan, applyOn, user.Actor, now));
            return $"The changes are scheduled for {applyOn:yyyy-MM-dd}. They can be canceled until then.";
        }

        var pools = await db.PoolsOfAsync(license.Customer.Owner, cancellationToken);
        db.LicenseTransactions.Add(license.Modify(settings, newPlan, pools, user.Actor, now, input.PendingValues));
        return $"{license.Plan.Name} for {license.Customer.Name} saved.";
    }
}
