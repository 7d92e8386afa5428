using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LicensingPortal.Domain.Billing;

namespace LicensingPortal.Application.Billing;

/// <summary>
/// A seller's price of one plan from a date on, as the price pages and the API give it: the provider's list price
/// (<see cref="SetPlanPrice"/>) or an MSP's resale price (<see cref="SetResalePrice"/>).
/// </summary>
public sealed class PlanPriceInput
{
    [Display(Name = "Service plan")]
    public Guid? PlanId { get; set; }

    [Display(Name = "Billing period")]
    public BillingPeriod? Period { get; set; }

    [Display(Name = "Unit price")]
    public decimal? UnitPrice { get; set; }

    [Display(Name = "Effective from")]
    public DateOnly? EffectiveFrom { get; set; }
}

/// <summary>
/// Only what a form or a request can leave out. What a price may be (not negative, at most 1,000,000, in whole smallest units
/// of the currency, from today on) is <see cref="PlanPrice.Set"/>'s own rule, the same for the page and the API.
/// </summary>
public sealed class PlanPriceInputValidator : AbstractValidator<PlanPriceInput>
{
    public PlanPriceInputValidator()
    {
        RuleFor(i => i.PlanId).NotNull().WithMessage("Choose a service plan.");
        RuleFor(i => i.Period).NotNull().WithMessage("Choose monthly or yearly.");
        RuleFor(i => i.UnitPrice).NotNull().WithMessage("Enter the unit price.");
        RuleFor(i => i.EffectiveFrom).NotNull().WithMessage("Enter the day the price takes effect: today or later.");
    }
}
