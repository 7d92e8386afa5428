using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Common;

namespace LicensingPortal.UnitTests.Billing;

public sealed class MoneyAndPriceTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("USD", "0.125", "0.13")]
    [InlineData("USD", "-0.125", "-0.13")]
    [InlineData("USD", "0.124999", "0.12")]
    [InlineData("JPY", "12.5", "13")]
    [InlineData("KWD", "1.0005", "1.001")]
    public void Amounts_round_to_the_currencys_smallest_unit_half_away_from_zero_R24(string code, string amount, string rounded) =>
        Assert.Equal(decimal.Parse(rounded, System.Globalization.CultureInfo.InvariantCulture), Currency.Of(code).Round(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("-1", "R18", "cannot be negative")]
    [InlineData("1000000.01", "R18", "at most 1,000,000 USD")]
    [InlineData("9.999", "R18", "at most 2 decimals")]
    public void A_price_that_is_not_a_price_is_refused_R24(string price, string code, string message)
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            PlanPrice.Set(Guid.NewGuid(), Guid.NewGuid(), BillingPeriod.Monthly, decimal.Parse(price, System.Globalization.CultureInfo.InvariantCulture), Today, Currency.Usd, Today, Now));

        Assert.Equal(code, refusal.Code);
        Assert.Contains(message, refusal.Message, StringComparison.Ordinal);
        Assert.Equal(nameof(PlanPrice.UnitPrice), refusal.Field);
    }

    [Fact]
    public void A_price_cannot_start_in_the_past_so_no_charged_month_changes_R24()
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() =>
            PlanPrice.Set(Guid.NewGuid(), Guid.NewGuid(), BillingPeriod.Monthly, 10m, Today.AddDays(-1), Currency.Usd, Today, Now));

        Assert.Equal("R24", refusal.Code);
        Assert.Equal(nameof(PlanPrice.EffectiveFrom), refusal.Field);
    }

    [Fact]
    public void Yen_prices_are_whole_and_an_unknown_currency_is_refused_R24()
    {
        Assert.Throws<DomainRuleViolation>(() => PlanPrice.Set(Guid.NewGuid(), Guid.NewGuid(), BillingPeriod.Monthly, 100.5m, Today, Currency.Of("jpy"), Today, Now));
        Assert.Equal("R24", Assert.Throws<DomainRuleViolation>(() => Currency.Of("XYZ")).Code);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("100.5")]
    [InlineData("12.345")]
    public void A_discount_is_above_0_and_at_most_100_percent_R24(string percent) =>
        Assert.Equal("R18", Assert.Throws<DomainRuleViolation>(() =>
            PartnerPrice.Discount(Guid.NewGuid(), null, decimal.Parse(percent, System.Globalization.CultureInfo.InvariantCulture), Today, Today, Now)).Code);
}
