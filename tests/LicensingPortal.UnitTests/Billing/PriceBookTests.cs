using LicensingPortal.Domain.Billing;

namespace LicensingPortal.UnitTests.Billing;

/// <summary>R24: what the price pages read from the price book: the rows in force on a day, the next change, a partner's cost, money as text.</summary>
public sealed class PriceBookTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Plan = Guid.NewGuid();
    private static readonly Guid Other = Guid.NewGuid();
    private static readonly Guid Partner = Guid.NewGuid();

    private static PlanPrice List(decimal price, DateOnly from, BillingPeriod period = BillingPeriod.Monthly, Guid? plan = null) =>
        PlanPrice.Set(Guid.NewGuid(), plan ?? Plan, period, price, from, Currency.Usd, from, Now);

    [Fact]
    public void R24_the_rows_in_force_are_the_latest_list_row_and_the_plans_own_row_over_the_every_plan_row()
    {
        var everyPlan = PartnerPrice.Discount(Partner, null, 10m, Today, Today, Now);
        var ownForPlan = PartnerPrice.Fixed(Partner, Plan, 8.00m, Currency.Usd, Today.AddDays(7), Today, Now);
        var book = new PriceBook([List(10.00m, Today.AddDays(-30)), List(12.00m, Today.AddDays(7)), List(20.00m, Today, plan: Other)], [everyPlan, ownForPlan]);

        var today = book.InForce(Plan, Today)!;
        var nextWeek = book.InForce(Plan, Today.AddDays(7))!;

        Assert.Equal((10.00m, everyPlan, 9.00m), (today.List.UnitPrice, today.Own, today.PeriodUnitPrice));
        Assert.Equal((12.00m, ownForPlan, 8.00m), (nextWeek.List.UnitPrice, nextWeek.Own, nextWeek.PeriodUnitPrice));
        Assert.Equal(18.00m, book.InForce(Other, Today)!.PeriodUnitPrice);
        Assert.Null(book.InForce(Plan, Today.AddDays(-31)));
    }

    [Fact]
    public void R24_the_next_change_is_the_first_later_day_a_list_or_own_row_takes_effect()
    {
        var book = new PriceBook(
            [List(10.00m, Today.AddDays(-30)), List(12.00m, Today.AddDays(20))],
            [PartnerPrice.Discount(Partner, null, 5m, Today.AddDays(10), Today, Now), PartnerPrice.Discount(Partner, Other, 50m, Today.AddDays(3), Today, Now)]);

        Assert.Equal(Today.AddDays(10), book.NextChange(Plan, Today));
        Assert.Equal(Today.AddDays(20), book.NextChange(Plan, Today.AddDays(10)));
        Assert.Null(book.NextChange(Plan, Today.AddDays(20)));
    }

    [Fact]
    public void R24_a_discount_off_a_yearly_price_is_a_yearly_cost_and_its_twelfth_a_month()
    {
        var rows = new PricesInForce(List(126.00m, Today, BillingPeriod.Yearly), PartnerPrice.Discount(Partner, null, 12.5m, Today, Today, Now));

        Assert.Equal(110.25m, rows.PeriodUnitPrice);
        Assert.Equal(110.25m / 12m, new PriceBook([rows.List], [rows.Own!]).MonthlyUnitPrice(Plan, Today));
    }

    [Theory]
    [InlineData("USD", "1234.5", "1,234.50 USD")]
    [InlineData("USD", "0.125", "0.13 USD")]
    [InlineData("JPY", "1234.5", "1,235 JPY")]
    [InlineData("KWD", "1.0005", "1.001 KWD")]
    public void R24_money_is_shown_rounded_to_the_currencys_smallest_unit_with_its_code(string code, string amount, string shown) =>
        Assert.Equal(shown, Currency.Of(code).Format(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)));
}
