using LicensingPortal.Web.Models.Billing;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>How the pages write money (R24, ADR 0019): the currency's minor units and its code, whatever the server's culture.</summary>
public sealed class BillingTextTests
{
    public static TheoryData<decimal, string, string> Amounts => new()
    {
        { 1234.5m, "USD", "1,234.50 USD" },
        { 12000m, "JPY", "12,000 JPY" },
        { 12.345m, "KWD", "12.345 KWD" },
        { -45m, "EUR", "-45.00 EUR" },
    };

    public static TheoryData<decimal, string, string> UnitPrices => new()
    {
        { 9m, "USD", "9.00" },
        { 13.5m, "USD", "13.50" },
        { 10m / 12, "USD", "0.8333" },
        { 1200m, "JPY", "1,200" },
        { 100m / 12, "JPY", "8.3333" },
    };

    [Theory]
    [MemberData(nameof(Amounts))]
    public void Amounts_show_the_currencys_minor_units_and_its_code_R24(decimal amount, string currency, string shown) =>
        Assert.Equal(shown, BillingText.Money(amount, currency));

    [Theory]
    [MemberData(nameof(UnitPrices))]
    public void A_unit_price_keeps_a_yearly_prices_twelfth_to_four_decimals_R24(decimal price, string currency, string shown) =>
        Assert.Equal(shown, BillingText.UnitPrice(price, currency));
}
