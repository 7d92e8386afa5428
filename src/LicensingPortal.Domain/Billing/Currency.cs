using System.Globalization;
using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Billing;

/// <summary>
/// R24: the provider's currency, by ISO 4217 code, and how many decimals its smallest unit has. Every amount is a
/// <see cref="decimal"/> rounded per line to that unit, half away from zero (ADR 0019).
/// </summary>
public sealed record Currency
{
    private static readonly Dictionary<string, int> MinorUnitsByCode = new(StringComparer.Ordinal)
    {
        ["USD"] = 2,
        ["EUR"] = 2,
        ["GBP"] = 2,
        ["AUD"] = 2,
        ["CAD"] = 2,
        ["SGD"] = 2,
        ["INR"] = 2,
        ["CHF"] = 2,
        ["SEK"] = 2,
        ["NOK"] = 2,
        ["DKK"] = 2,
        ["NZD"] = 2,
        ["BRL"] = 2,
        ["MXN"] = 2,
        ["ZAR"] = 2,
        ["PLN"] = 2,
        ["JPY"] = 0,
        ["KRW"] = 0,
        ["ISK"] = 0,
        ["CLP"] = 0,
        ["VND"] = 0,
        ["BHD"] = 3,
        ["KWD"] = 3,
        ["OMR"] = 3,
        ["JOD"] = 3,
        ["TND"] = 3,
    };

    private Currency(string code, int minorUnits)
    {
        Code = code;
        MinorUnits = minorUnits;
    }

    public static Currency Usd { get; } = new("USD", 2);

    public static IReadOnlyCollection<string> Codes => MinorUnitsByCode.Keys;

    public string Code { get; }

    /// <summary>Decimals of the currency's smallest unit: 2 for USD (cents), 0 for JPY, 3 for KWD.</summary>
    public int MinorUnits { get; }

    public static Currency Of(string? code) =>
        code is not null && MinorUnitsByCode.TryGetValue(code.Trim().ToUpperInvariant(), out var minor)
            ? new Currency(code.Trim().ToUpperInvariant(), minor)
            : throw new DomainRuleViolation("R24", $"\"{code}\" is not a currency the portal knows: use an ISO 4217 code such as USD, EUR or JPY.", "Currency");

    /// <summary>To the currency's smallest unit, half away from zero: 0.125 USD is 0.13, -0.125 is -0.13.</summary>
    public decimal Round(decimal amount) => Math.Round(amount, MinorUnits, MidpointRounding.AwayFromZero);

    /// <summary>Whether <paramref name="amount"/> needs no rounding: a price is entered in whole smallest units.</summary>
    public bool IsExact(decimal amount) => Round(amount) == amount;

    /// <summary>An amount as people read it: rounded to the smallest unit, with its code ("1,234.50 USD", "1,235 JPY").</summary>
    public string Format(decimal amount) =>
        $"{Round(amount).ToString("N" + MinorUnits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)} {Code}";
}
