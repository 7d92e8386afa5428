using LicensingPortal.Application.Common;

namespace LicensingPortal.UnitTests.Common;

/// <summary>CSV injection (OWASP): a text cell a spreadsheet would run as a formula is written as the text it is.</summary>
public sealed class CsvTests
{
    [Theory]
    [InlineData("=1+1")]
    [InlineData("+1")]
    [InlineData("-2+3")]
    [InlineData("@SUM(A1)")]
    [InlineData("\t=1+1")]
    [InlineData("\r=1+1")]
    [InlineData("＝1+1")]
    [InlineData("＋1")]
    [InlineData("－1")]
    [InlineData("＠SUM(A1)")]
    public void A_cell_starting_like_a_formula_is_prefixed_with_a_single_quote(string value)
    {
        Assert.Equal($"\"'{value}\"", Csv.Field(value));
    }

    [Theory]
    [InlineData("Acme Dental", "\"Acme Dental\"")]
    [InlineData("O'Brien & \"Sons\", Ltd", "\"O'Brien & \"\"Sons\"\", Ltd\"")]
    [InlineData("1+1=2", "\"1+1=2\"")]
    [InlineData("", "\"\"")]
    [InlineData(null, "\"\"")]
    public void Other_text_is_quoted_with_its_quotes_doubled(string? value, string expected)
    {
        Assert.Equal(expected, Csv.Field(value));
    }

    [Fact]
    public void A_control_character_stored_before_the_input_policy_is_not_written_raw()
    {
        Assert.Equal("\"Bad\uFFFDName\"", Csv.Field("Bad\0Name"));
        Assert.Equal("\"Line one\r\nline two\"", Csv.Field("Line one\r\nline two"));
    }
}
