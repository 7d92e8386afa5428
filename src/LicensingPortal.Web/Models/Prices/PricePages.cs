using LicensingPortal.Application.Billing;
using LicensingPortal.Application.CustomerAccounts;
using LicensingPortal.Domain.Billing;

namespace LicensingPortal.Web.Models.Prices;

/// <summary>
/// Prices: the price list (provider) or what the company pays and charges (partner), with the form to set a price as typed (R18),
/// and (R25) whether its customers' accounts see prices, for whom may change it.
/// </summary>
public sealed record PriceListPage(PriceList Prices, PlanPriceInput Input, CustomerPricesView? CustomerPrices = null);

/// <summary>Prices › {plan}: one plan's prices and charging policy, with the forms as typed.</summary>
public sealed record PlanPricesPage(PlanPriceDetail Detail, PlanPriceInput Input, ChargingPolicyInput Policy);

/// <summary>Prices › {partner} (provider): the partner's own prices and what it pays, with the form as typed.</summary>
public sealed record PartnerPricesPage(PartnerPrices Prices, PartnerPriceInput Input);

/// <summary>The words the price pages use for the billing facts.</summary>
public static class PriceText
{
    public static string PerPeriod(BillingPeriod period) => period switch
    {
        BillingPeriod.Monthly => "a month",
        BillingPeriod.Yearly => "a year",
    };

    public static string Period(BillingPeriod period) => period switch
    {
        BillingPeriod.Monthly => "Monthly",
        BillingPeriod.Yearly => "Yearly",
    };

    public static string Policy(ChargingPolicy policy) => policy switch
    {
        ChargingPolicy.Provisioned => "Provisioned",
        ChargingPolicy.GreaterOfProvisionedAndUsed => "Greater of provisioned and used",
        ChargingPolicy.Used => "Used",
    };

    public static string State(PriceState state) => state switch
    {
        PriceState.InForce => "In force",
        PriceState.Scheduled => "Scheduled",
        PriceState.Replaced => "Replaced",
    };

    /// <summary>The step of a price field: the currency's smallest unit (0.01 for USD, 1 for JPY).</summary>
    public static string Step(string currencyCode)
    {
        var minor = Currency.Of(currencyCode).MinorUnits;
        return minor == 0 ? "1" : "0." + new string('0', minor - 1) + "1";
    }
}
