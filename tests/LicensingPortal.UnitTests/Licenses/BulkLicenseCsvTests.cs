using LicensingPortal.Application.Licenses;

namespace LicensingPortal.UnitTests.Licenses;

/// <summary>R22 by file: what the bulk change CSV reader accepts, and how it names what it cannot read.</summary>
public sealed class BulkLicenseCsvTests
{
    private static readonly Guid A = Guid.Parse("0195f3a0-0000-7000-8000-000000000001");
    private static readonly Guid B = Guid.Parse("0195f3a0-0000-7000-8000-000000000002");

    [Fact]
    public void A_written_file_reads_back_as_the_same_settings_and_quoted_names_may_hold_commas_quotes_and_line_breaks_R22()
    {
        var csv = BulkLicenseCsv.Write(
        [
            new(A, "Cedar, \"Law\"\nGroup", "=WFBSS", 25, AutoRenew: true, AutoRenewMonths: 12, new DateOnly(2027, 1, 31), 30),
            new(B, "Harbor", "Email", 3, AutoRenew: false, AutoRenewMonths: null, new DateOnly(2026, 12, 1), 45),
        ]);

        var (rows, error) = BulkLicenseCsv.Read("\uFEFF" + csv);

        Assert.Null(error);
        Assert.Equal([2, 4], rows.Select(r => r.Line));
        var a = rows[0].Change!;
        Assert.Equal((A, 25, true, 12, new DateOnly(2027, 1, 31), 30, (DateOnly?)null), (rows[0].LicenseId!.Value, a.Units!.Value, a.AutoRenew!.Value, a.AutoRenewMonths!.Value, a.ExpiresOn!.Value, a.NotifyDaysBefore!.Value, a.ApplyOn));
        var b = rows[1].Change!;
        Assert.Equal((false, (int?)null), (b.AutoRenew!.Value, b.AutoRenewMonths));
        Assert.Contains("\"'=WFBSS\"", csv, StringComparison.Ordinal); // a formula is defused for spreadsheets
    }

    [Fact]
    public void Empty_cells_keep_values_and_each_unreadable_cell_is_named_with_its_line_R22_R18()
    {
        var (rows, error) = BulkLicenseCsv.Read($"license id,UNITS,Auto-renewal,Expires\n{A},,,\nnot-an-id,3,,\n{B},3,maybe,\n{B},3,,31/01/2027\n");

        Assert.Null(error);
        Assert.Equal((int?)null, rows[0].Change!.Units);
        Assert.Null(rows[0].Error);
        Assert.Equal("Line 3: \"not-an-id\" is not a license ID.", rows[1].Error);
        Assert.Equal("Line 4: Auto-renewal \"maybe\" is not Yes or No.", rows[2].Error);
        Assert.Equal("Line 5: Expires \"31/01/2027\" is not a date like 2027-01-31.", rows[3].Error);
        Assert.All(rows.Skip(1), r => Assert.Null(r.Change));
    }

    [Fact]
    public void A_control_character_in_a_cell_that_is_read_is_named_with_its_line_and_column_R18()
    {
        var (rows, error) = BulkLicenseCsv.Read($"License ID,Customer,Units\n{A},Acme,3\u0000\n{B},Harbor\u0001,4\n");

        Assert.Null(error);
        Assert.Equal("Line 2: Units contains a control character (U+0000), which is not allowed; remove it.", rows[0].Error);
        Assert.Null(rows[0].Change);
        Assert.Equal(4, rows[1].Change!.Units); // Customer is there for the reader and not read
    }

    [Theory]
    [InlineData("Expires", "0001-01-01")]
    [InlineData("Expires", "1900-01-01")]
    [InlineData("Apply on", "9999-12-31")]
    public void A_date_outside_2000_to_2100_is_refused_with_the_window_named_R18(string column, string date)
    {
        var (rows, _) = BulkLicenseCsv.Read($"License ID,{column}\n{A},{date}\n");

        Assert.Equal($"Line 2: {column} must be between 2000-01-01 and 2100-12-31; {date} is outside it.", rows[0].Error);
        Assert.Null(rows[0].Change);
    }
}
