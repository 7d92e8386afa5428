using System.Globalization;
using LicensingPortal.Application.Billing;

namespace LicensingPortal.Web.Models.Billing;

public sealed record UnitsChartSegment(string Product, string Colour, decimal Units, double Y, double Height);

public sealed record UnitsChartBar(DateOnly Month, string Label, string? Year, bool Current, decimal Total, double X, double Width, IReadOnlyList<UnitsChartSegment> Segments);

public sealed record UnitsChartTick(decimal Value, double Y)
{
    public string Label => Value.ToString("#,0.##", CultureInfo.InvariantCulture);
}

public sealed record UnitsChartLegend(string Product, string Colour);

/// <summary>
/// The statement page's chart (R24): chargeable units by product over 12 months as stacked bars, laid out here in SVG
/// coordinates so the view only draws (server-side, no script). The figures are also in a table beside it for screen readers.
/// </summary>
public sealed class UnitsChart
{
    public const double Width = 760;
    public const double Height = 250;
    public const double PlotLeft = 52;
    public const double PlotTop = 12;
    public const double PlotBottom = 210;
    private const double PlotRight = Width - 8;

    /// <summary>Distinct at a glance and at least 3:1 against white (WCAG 1.4.11); a ninth product reuses the first colour.</summary>
    private static readonly string[] Colours = ["#1f5fbf", "#c25e00", "#2b7a3d", "#a4336b", "#6241b0", "#12788a", "#7a6000", "#5c636a"];

    private UnitsChart(IReadOnlyList<UnitsChartBar> bars, IReadOnlyList<UnitsChartTick> grid, IReadOnlyList<UnitsChartLegend> legend)
    {
        Bars = bars;
        Grid = grid;
        Legend = legend;
    }

    public IReadOnlyList<UnitsChartBar> Bars { get; }

    /// <summary>The horizontal lines of the units axis, from 0 to the top.</summary>
    public IReadOnlyList<UnitsChartTick> Grid { get; }

    public IReadOnlyList<UnitsChartLegend> Legend { get; }

    public bool IsEmpty => Bars.All(b => b.Total == 0);

    public static UnitsChart Of(StatementChart chart)
    {
        var legend = chart.Series.Select((s, i) => new UnitsChartLegend(s.Product, Colours[i % Colours.Length])).ToList();
        var totals = chart.Months.Select((_, m) => chart.Series.Sum(s => s.Units[m])).ToList();
        var (top, step) = Axis(totals.DefaultIfEmpty(0).Max());
        double Y(decimal units) => PlotBottom - ((double)(units / top) * (PlotBottom - PlotTop));

        var slot = (PlotRight - PlotLeft) / Math.Max(1, chart.Months.Count);
        var bars = chart.Months.Select((month, m) =>
        {
            var stacked = 0m;
            var segments = new List<UnitsChartSegment>();
            foreach (var (series, i) in chart.Series.Select((s, i) => (s, i)).Where(x => x.s.Units[m] > 0))
            {
                var from = Y(stacked);
                stacked += series.Units[m];
                segments.Add(new UnitsChartSegment(series.Product, legend[i].Colour, series.Units[m], Y(stacked), from - Y(stacked)));
            }

            var year = m == 0 || month.Month == 1 ? month.Year.ToString(CultureInfo.InvariantCulture) : null;
            return new UnitsChartBar(
                month, month.ToString("MMM", CultureInfo.InvariantCulture), year, m == chart.Months.Count - 1, totals[m],
                PlotLeft + (m * slot) + (slot * 0.2), slot * 0.6, segments);
        }).ToList();
        var ticks = Enumerable.Range(0, (int)(top / step) + 1).Select(t => new UnitsChartTick(step * t, Y(step * t))).ToList();
        return new UnitsChart(bars, ticks, legend);
    }

    /// <summary>About four steps of 1, 2 or 5 times a power of ten (at least one unit), and the first step at or above the highest bar.</summary>
    private static (decimal Top, decimal Step) Axis(decimal max)
    {
        if (max <= 0)
        {
            return (4, 1);
        }

        var rough = max / 4;
        var power = (decimal)Math.Pow(10, Math.Floor(Math.Log10((double)rough)));
        var step = Math.Max(1m, new[] { 1m, 2m, 5m, 10m }.Select(s => s * power).First(s => s >= rough));
        return (Math.Ceiling(max / step) * step, step);
    }
}
