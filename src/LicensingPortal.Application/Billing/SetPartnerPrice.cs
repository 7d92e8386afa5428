using System.ComponentModel.DataAnnotations;
using FluentValidation;
using LicensingPortal.Application.Common;
using LicensingPortal.Application.Licenses;
using LicensingPortal.Application.Partners;
using LicensingPortal.Application.Security;
using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.Application.Billing;

/// <summary>A partner's own price from a date on: a discount off the list price, or its own unit price, for one plan or every plan.</summary>
public sealed class PartnerPriceInput
{
    /// <summary>The plan, or null for every plan (a discount only: an own unit price is for one plan).</summary>
    [Display(Name = "Service plan")]
    public Guid? PlanId { get; set; }

    [Display(Name = "Discount (%)")]
    public decimal? DiscountPercent { get; set; }

    [Display(Name = "Own unit price")]
    public decimal? UnitPrice { get; set; }

    [Display(Name = "Effective from")]
    public DateOnly? EffectiveFrom { get; set; }
}

/// <summary>
/// What the form or the request can get wrong by its shape: a discount or a unit price, not both, and a unit price names its plan.
/// The range of a discount and what a price may be are <see cref="PartnerPrice"/>'s own rules.
/// </summary>
public sealed class PartnerPriceInputValidator : AbstractValidator<PartnerPriceInput>
{
    public PartnerPriceInputValidator()
    {
        RuleFor(i => i.DiscountPercent).NotNull().When(i => i.UnitPrice is null)
            .WithMessage("Enter a discount off the list price, or the partner's own unit price.");
        RuleFor(i => i.UnitPrice).Null().When(i => i.DiscountPercent is not null)
            .WithMessage("Enter a discount or an own unit price, not both.");
        RuleFor(i => i.PlanId).NotNull().When(i => i.UnitPrice is not null)
            .WithMessage("An own unit price is for one plan: choose the plan (a discount can be for every plan).");
        RuleFor(i => i.EffectiveFrom).NotNull().WithMessage("Enter the day the price takes effect: today or later.");
    }
}

/// <summary>
/// R24: the provider sets one partner's own price (<see cref="PartnerPrice.Discount"/> or <see cref="PartnerPrice.Fixed"/>), from
/// a day on: append-only, a plan's own row winning over an every-plan row. The partner is the provider's (R1: anyone else's, or a
/// partner user's call, is not found); the plan one the partner sells. Refused once the partner is canceled (R11). Audited as
/// "PartnerPriceSet" under the partner.
/// </summary>
public sealed class SetPartnerPrice(IPortalDbContext db, ICurrentUser user, TimeProvider clock, IValidator<PartnerPriceInput> validator)
{
    public async Task<Result> HandleAsync(Guid partnerId, PartnerPriceInput input, CancellationToken cancellationToken = default)
    {
        var partner = await db.FindPartnerAsync(user, partnerId, cancellationToken);
        if (partner is null)
        {
            return Result.NotFound();
        }

        if (await validator.RefusalAsync(input, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        return await UseCase.RunAsync(async () =>
        {
            // A partner's prices are its commercial terms, like its profile: still set while it is suspended (it is billed), not once canceled.
            partner.EnsureAllows(PartnerArea.Profile);
            var plan = input.PlanId is { } planId ? await db.PlansUsableBy(partner).AsNoTracking().SingleOrDefaultAsync(p => p.Id == planId, cancellationToken) : null;
            if (input.PlanId is not null && plan is null)
            {
                throw new DomainRuleViolation("R1", $"Choose one of the plans {partner.Name} sells.", nameof(PartnerPriceInput.PlanId));
            }

            if (plan?.PricingRefusal() is { } refusal)
            {
                throw refusal;
            }

            var provider = await db.Companies.AsNoTracking().SingleAsync(c => c.Id == user.CompanyId, cancellationToken);
            var currency = Currency.Of(provider.BillingCurrency);
            var now = clock.GetUtcNow();
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var price = input.UnitPrice is { } unitPrice
                ? PartnerPrice.Fixed(partner.Id, plan!.Id, unitPrice, currency, input.EffectiveFrom!.Value, today, now)
                : PartnerPrice.Discount(partner.Id, plan?.Id, input.DiscountPercent!.Value, input.EffectiveFrom!.Value, today, now);
            var scope = plan?.Name ?? "every plan";
            var described = $"{(price.UnitPrice is { } own ? currency.Format(own) : $"{Pricing.Percent(price.DiscountPercent)} off the list price")} for {scope} from {price.EffectiveFrom:yyyy-MM-dd}";
            db.PartnerPrices.Add(price);
            db.AuditEntries.Add(AuditEntry.Record("PartnerPriceSet", nameof(Company), partner.Id.ToString(), partner.Id, user.Actor, now, null, described));
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok($"{partner.Name} pays {described}.");
        });
    }
}
