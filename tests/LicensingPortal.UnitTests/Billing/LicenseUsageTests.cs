using LicensingPortal.Application.Billing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Common;

namespace LicensingPortal.UnitTests.Billing;

/// <summary>R24: what a product's usage report keeps, refuses, and when a day is over-provisioned.</summary>
public sealed class LicenseUsageTests
{
    private static readonly DateOnly Today = new(2026, 11, 24);
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid License = Guid.NewGuid();

    [Fact]
    public void A_day_keeps_its_highest_report_and_the_same_report_again_changes_nothing_R24()
    {
        var usage = LicenseUsage.First(License, Today.AddDays(-1), 5, Today, Now);

        var same = usage.Report(5, Today, Now.AddHours(1));
        var lower = usage.Report(3, Today, Now.AddHours(2));
        var higher = usage.Report(8, Today, Now.AddHours(3));

        Assert.Equal((false, false, true), (same, lower, higher));
        Assert.Equal(8, usage.Used);
        Assert.Equal(Now.AddHours(3), usage.ReportedAt);
    }

    [Fact]
    public void A_day_after_today_is_refused_and_today_is_accepted_R24()
    {
        var refusal = Assert.Throws<DomainRuleViolation>(() => LicenseUsage.First(License, Today.AddDays(1), 5, Today, Now));

        Assert.Equal(("R24", nameof(LicenseUsage.Day)), (refusal.Code, refusal.Field));
        Assert.Equal(5, LicenseUsage.First(License, Today, 5, Today, Now).Used);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_000)]
    [InlineData(int.MaxValue)]
    public void Negative_or_more_units_than_a_license_can_have_are_refused_and_the_day_keeps_its_figure_R18(int used)
    {
        var usage = LicenseUsage.First(License, Today, 5, Today, Now);

        var first = Assert.Throws<DomainRuleViolation>(() => LicenseUsage.First(License, Today, used, Today, Now));
        var again = Assert.Throws<DomainRuleViolation>(() => usage.Report(used, Today, Now));

        Assert.Equal(("R18", nameof(LicenseUsage.Used)), (first.Code, first.Field));
        Assert.Equal("R18", again.Code);
        Assert.Equal(5, usage.Used);
    }

    [Fact]
    public void A_day_is_over_provisioned_only_above_the_units_provided_and_the_alert_keeps_the_figures_R24()
    {
        var owner = Guid.NewGuid();
        var usage = LicenseUsage.First(License, Today, 10, Today, Now);

        Assert.Null(OverProvisionedDay.Of(usage, provisioned: 10, owner, Now));
        var alert = OverProvisionedDay.Of(usage, provisioned: 9, owner, Now);

        Assert.NotNull(alert);
        Assert.Equal((License, owner, Today, 9, 10, Now), (alert.LicenseId, alert.CompanyId, alert.Day, alert.Provisioned, alert.Used, alert.At));
    }

    [Fact]
    public void The_units_of_a_day_are_those_of_the_state_it_falls_in_the_later_of_one_day_counting_R24()
    {
        var plan = Guid.NewGuid();
        LicenseState State(int month, int day, int units, bool chargeable = true) => new(new DateOnly(2026, month, day), plan, units, chargeable);
        var states = new[] { State(10, 3, 10), State(11, 16, 12), State(11, 16, 15), State(12, 1, 15, chargeable: false) };

        Assert.Null(LicenseHistory.UnitsOn(states, new DateOnly(2026, 10, 2)));
        Assert.Equal(10, LicenseHistory.UnitsOn(states, new DateOnly(2026, 11, 15)));
        Assert.Equal(15, LicenseHistory.UnitsOn(states, new DateOnly(2026, 11, 16)));
        Assert.Equal(15, LicenseHistory.UnitsOn(states, new DateOnly(2026, 12, 5))); // expired: the units it had
    }
}

/// <summary>R24 by file: the usage upload's reader (the header, each cell under the input policy, lines as a spreadsheet numbers them).</summary>
public sealed class UsageCsvTests
{
    [Fact]
    public void Rows_are_read_in_any_column_order_with_the_line_each_starts_on_R24()
    {
        var license = Guid.NewGuid();

        var (rows, error) = UsageCsv.Read($"\uFEFFused,LicenseId,DAY\r\n7,{license},2026-11-23\r\n\r\n\"12\",\"{license}\",2026-11-24\n");

        Assert.Null(error);
        Assert.Equal([new UsageRow(license, new DateOnly(2026, 11, 23), 7, 2), new UsageRow(license, new DateOnly(2026, 11, 24), 12, 4)], rows);
    }

    [Theory]
    [InlineData("LicenseId,Day,Used,Note\r\n", "The first line must be the header LicenseId,Day,Used")]
    [InlineData("LicenseId,Day\r\n", "The first line must be the header LicenseId,Day,Used")]
    [InlineData("   ", "The file is empty")]
    [InlineData("LicenseId,Day,Used\r\n,,\r\n", "The file has a header but no reports.")]
    public void A_file_without_the_header_or_rows_is_refused_whole_R18(string csv, string expected)
    {
        var (rows, error) = UsageCsv.Read(csv);

        Assert.Empty(rows);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void More_rows_than_a_batch_holds_are_refused_whole_R18()
    {
        var row = $"{Guid.NewGuid()},2026-11-23,1\r\n";

        var (rows, error) = UsageCsv.Read("LicenseId,Day,Used\r\n" + string.Concat(Enumerable.Repeat(row, ReportUsageInput.MaxReports + 1)));

        Assert.Empty(rows);
        Assert.Equal("The file has 10,001 rows; at most 10,000 at once. Split it.", error);
    }

    [Theory]
    [InlineData("x,2026-11-23,1", "LicenseId", "LicenseId \"x\" is not a license id.")]
    [InlineData("{0},23/11/2026,1", "Day", "Day \"23/11/2026\" is not a date like 2026-11-30.")]
    [InlineData("{0},1999-12-31,1", null, null)]
    [InlineData("{0},2026-11-23,1.5", "Used", "Used \"1.5\" is not a whole number of units.")]
    [InlineData("{0},2026-11-23,99999999999", "Used", "Used must be between 0 and 999,999.")]
    [InlineData("{0},2026-11-23,\"1\u0000\"", "Used", null)]
    public void A_cell_that_cannot_be_read_makes_its_row_unreadable_naming_its_column_R18(string line, string? column, string? message)
    {
        var (rows, error) = UsageCsv.Read("LicenseId,Day,Used\r\n" + string.Format(System.Globalization.CultureInfo.InvariantCulture, line, Guid.NewGuid()));

        Assert.Null(error);
        var row = Assert.Single(rows);
        Assert.Equal(2, row.Line);
        Assert.Equal(column, row.Unreadable?.Field);
        if (message is not null)
        {
            Assert.Equal(message, row.Unreadable!.Message);
        }
    }
}
