using System.Globalization;
using LicensingPortal.Domain.Billing;

namespace LicensingPortal.Web.Models.Billing;

/// <summary>
/// R24's figures as people read them: amounts in the currency's minor units (ADR 0019) with its code ("1,234.50 USD",
/// "12,000 JPY"), statement months and calendar dates the same in every culture.
/// </summary>
public static class BillingText
{
    private const int UnitPriceDecimals = 4;

    public static string Money(decimal amount, string currencyCode) => $"{Number(amount, currencyCode)} {currencyCode}";

    /// <summary>The figure alone, for a column whose heading names the currency.</summary>
    public static string Number(decimal amount, string currencyCode) =>
        amount.ToString("N" + Currency.Of(currencyCode).MinorUnits, CultureInfo.InvariantCulture);

    /// <summary>A month's unit price: a yearly price's twelfth keeps up to four decimals (0.8333), any other price the currency's minor units.</summary>
    public static string UnitPrice(decimal price, string currencyCode)
    {
        var decimals = Currency.Of(currencyCode).MinorUnits;
        var shown = Math.Round(price, Math.Max(decimals, UnitPriceDecimals), MidpointRounding.AwayFromZero);
        while (decimals < UnitPriceDecimals && Math.Round(shown, decimals) != shown)
        {
            decimals++;
        }

        return shown.ToString("N" + decimals, CultureInfo.InvariantCulture);
    }

    /// <summary>An amount for a <c>data-</c> attribute, read by programs and tests: invariant, unrounded, no code.</summary>
    public static string Data(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    /// <summary>"November 2026": a statement's month, the same in every culture.</summary>
    public static string Month(DateOnly month) => month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"1 December 2026": a calendar date in a sentence (dates in tables stay yyyy-MM-dd).</summary>
    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}
