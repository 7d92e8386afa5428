using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Billing;

internal static class Prices
{
    /// <summary>A price is zero or more, at most <see cref="PlanPrice.MaxUnitPrice"/>, in whole smallest units of the currency.</summary>
    public static decimal Check(decimal unitPrice, Currency currency, string field)
    {
        if (unitPrice < 0)
        {
            throw new DomainRuleViolation("R18", "A price cannot be negative.", field);
        }

        if (unitPrice > PlanPrice.MaxUnitPrice)
        {
            throw new DomainRuleViolation("R18", $"A unit price must be at most {PlanPrice.MaxUnitPrice:N0} {currency.Code}.", field);
        }

        return currency.IsExact(unitPrice)
            ? unitPrice
            : throw new DomainRuleViolation("R18", currency.MinorUnits == 0
                ? $"{currency.Code} prices are whole numbers."
                : $"{currency.Code} prices have at most {currency.MinorUnits} decimals.", field);
    }
}
