namespace LicensingPortal.FunctionalTests.Security;

/// <summary>The values the input policy refuses (ADR 0014), as the sweeps send them to every field of every form and endpoint.</summary>
internal static class InputPolicyValues
{
    /// <summary>NUL (which ASP.NET Core will not even read from a posted form), other C0 controls, DEL and a C1 control.</summary>
    public static readonly IReadOnlyList<(string What, string Value)> ControlCharacters =
    [
        ("a NUL", "Bad\0value"),
        ("the control character U+0001", "Bad\u0001value"),
        ("an escape (U+001B)", "Bad\u001b[31mvalue"),
        ("DEL (U+007F)", "Bad\u007fvalue"),
        ("the C1 control U+0085", "Bad\u0085value"),
    ];

    public const string WhiteSpace = "  \t  ";

    /// <summary>Years 1, 1900 and 9999, and the days either side of the window (2000-01-01..2100-12-31).</summary>
    public static readonly IReadOnlyList<string> ExtremeDates = ["0001-01-01", "1900-01-01", "1999-12-31", "2101-01-01", "9999-12-31"];
}
