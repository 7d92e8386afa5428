using LicensingPortal.Application.Billing;
using LicensingPortal.Domain.Billing;

namespace LicensingPortal.UnitTests.Billing;

/// <summary>
/// R18 on the price forms and requests: the validators check only what the input can leave out or mix up; what a price may
/// be (not negative, at most 1,000,000, in whole smallest units, from today on) is the domain's (MoneyAndPriceTests).
/// </summary>
public sealed class PriceInputTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);

    [Fact]
    public async Task R18_a_price_with_nothing_filled_in_names_each_missing_field()
    {
        var result = await new PlanPriceInputValidator().ValidateAsync(new PlanPriceInput(), TestContext.Current.CancellationToken);

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["PlanId"] = "Choose a service plan.",
                ["Period"] = "Choose monthly or yearly.",
                ["UnitPrice"] = "Enter the unit price.",
                ["EffectiveFrom"] = "Enter the day the price takes effect: today or later.",
            },
            result.Errors.ToDictionary(e => e.PropertyName, e => e.ErrorMessage));
    }

    [Fact]
    public async Task R24_a_complete_price_passes_the_validator_and_leaves_its_amount_and_day_to_the_domain()
    {
        // A negative price from yesterday is the domain's to refuse, with the currency's rule and the day named.
        var input = new PlanPriceInput { PlanId = Guid.NewGuid(), Period = BillingPeriod.Yearly, UnitPrice = -5m, EffectiveFrom = Today.AddDays(-1) };

        Assert.True((await new PlanPriceInputValidator().ValidateAsync(input, TestContext.Current.CancellationToken)).IsValid);
    }

    public static TheoryData<decimal?, decimal?, bool, string?, string?> PartnerPrices => new()
    {
        { null, null, false, "DiscountPercent", "Enter a discount off the list price, or the partner's own unit price." },
        { 10m, 9.50m, true, "UnitPrice", "Enter a discount or an own unit price, not both." },
        { null, 9.50m, false, "PlanId", "An own unit price is for one plan: choose the plan (a discount can be for every plan)." },
        { 10m, null, false, null, null },
        { null, 9.50m, true, null, null },
    };

    [Theory]
    [MemberData(nameof(PartnerPrices))]
    public async Task R18_a_partner_price_is_a_discount_for_one_or_every_plan_or_an_own_price_for_one_plan(
        decimal? discount, decimal? unitPrice, bool forOnePlan, string? field, string? message)
    {
        var input = new PartnerPriceInput { PlanId = forOnePlan ? Guid.NewGuid() : null, DiscountPercent = discount, UnitPrice = unitPrice, EffectiveFrom = Today };

        var result = await new PartnerPriceInputValidator().ValidateAsync(input, TestContext.Current.CancellationToken);

        Assert.Equal(field is null ? [] : [(field, message!)], result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
    }

    [Fact]
    public async Task R18_a_partner_price_without_its_day_is_refused()
    {
        var result = await new PartnerPriceInputValidator().ValidateAsync(new PartnerPriceInput { DiscountPercent = 5m }, TestContext.Current.CancellationToken);

        Assert.Equal([("EffectiveFrom", "Enter the day the price takes effect: today or later.")], result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
    }

    [Fact]
    public async Task R18_a_charging_policy_must_be_chosen()
    {
        var validator = new ChargingPolicyInputValidator();

        var missing = await validator.ValidateAsync(new ChargingPolicyInput { Version = 3 }, TestContext.Current.CancellationToken);
        var chosen = await validator.ValidateAsync(new ChargingPolicyInput { ChargingPolicy = ChargingPolicy.Used, Version = 3 }, TestContext.Current.CancellationToken);

        Assert.Equal([("ChargingPolicy", "Choose Provisioned, the greater of provisioned and used, or Used.")], missing.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
        Assert.True(chosen.IsValid);
    }
}
