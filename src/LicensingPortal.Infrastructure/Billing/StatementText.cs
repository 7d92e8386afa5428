using System.Globalization;
using LicensingPortal.Application.Billing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Infrastructure.Billing;

/// <summary>How every statement file writes its numbers, dates and words, so the CSV, the workbook and the PDF agree.</summary>
internal static class StatementText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static int MinorUnits(StatementExport export) => Currency.Of(export.Statement.CurrencyCode).MinorUnits;

    /// <summary>An amount for a program: no grouping, the currency's decimals (45.00; 1200 for JPY).</summary>
    public static string Amount(decimal amount, int minorUnits) => amount.ToString("F" + minorUnits, Invariant);

    /// <summary>A unit price for a program: the currency's decimals, up to two more where a yearly price's twelfth needs them (8.3333).</summary>
    public static string UnitPrice(decimal price, int minorUnits) => price.ToString(UnitPriceFormat(minorUnits, grouped: false), Invariant);

    public static string UnitPriceFormat(int minorUnits, bool grouped) =>
        (grouped ? "#,##0" : "0") + (minorUnits > 0 ? "." + new string('0', minorUnits) + "##" : ".##");

    public static string AmountFormat(int minorUnits) => "#,##0" + (minorUnits > 0 ? "." + new string('0', minorUnits) : string.Empty);

    /// <summary>An amount for a reader: grouped, with its currency (1,234.50 USD).</summary>
    public static string Money(decimal amount, StatementExport export) =>
        $"{amount.ToString("N" + MinorUnits(export), Invariant)} {export.Statement.CurrencyCode}";

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", Invariant);

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", Invariant) + " UTC";

    public static string Month(DateOnly month) => month.ToString("MMMM yyyy", Invariant);

    public static string Number(int value) => value.ToString(Invariant);

    /// <summary>Whose statement it is, as its header says it.</summary>
    public static string Buyer(StatementView statement) =>
        statement.CompanyType == CompanyType.Provider ? $"{statement.CompanyName} (direct customers)" : statement.CompanyName;

    /// <summary>The Adjustment column: a partner's own figure, or a correction of an approved month; empty otherwise.</summary>
    public static string Adjustment(StatementLineView line) =>
        line.Carried ? "Carried from an approved month"
        : line.Adjusted ? $"Adjusted (calculated {Number(line.Calculated)})"
        : string.Empty;

    public static string State(StatementView statement) => statement.IsEstimate ? "Open (estimate so far)" : statement.State.ToString();
}
