using LicensingPortal.Application.Billing;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace LicensingPortal.Infrastructure.Billing;

/// <summary>
/// A statement as a PDF (R24, PDFsharp, A4): a header with the provider, the partner, the month, the state and the
/// total; the lines grouped by customer with each customer's subtotal (a page break repeats the column titles); the
/// corrections carried from approved months; the total; the adjustments with their comments; "Page n of N" on every
/// page. The font is embedded (<see cref="StatementFonts"/>), so the file reads the same everywhere.
/// </summary>
public sealed class StatementPdfWriter : IStatementWriter
{
    public StatementFormat Format => StatementFormat.Pdf;

    public string ContentType => "application/pdf";

    public string Extension => "pdf";

    public async Task WriteAsync(StatementExport export, Stream output, CancellationToken cancellationToken)
    {
        StatementFonts.Register();
        using var document = new PdfDocument();
        document.Info.Title = $"Statement {StatementText.Month(export.Statement.Month)}: {export.Statement.CompanyName}";
        document.Info.Author = export.ProviderName;
        document.Info.Creator = "LicensingPortal";
        document.Info.CreationDate = export.CreatedAt.UtcDateTime;
        document.Info.ModificationDate = export.CreatedAt.UtcDateTime;
        using (var layout = new Layout(document, export))
        {
            layout.Write(cancellationToken);
        }

        using var buffer = new MemoryStream();
        document.Save(buffer, false);
        buffer.Position = 0;
        await buffer.CopyToAsync(output, cancellationToken);
    }

    /// <summary>Places the statement on pages top to bottom, starting a page (and repeating the column titles) when the next block does not fit.</summary>
    private sealed class Layout(PdfDocument document, StatementExport export) : IDisposable
    {
        private const double Margin = 40;
        private const double FooterSpace = 36;
        private const double Row = 12;
        private const double Padding = 2;

        private readonly XFont _body = new(StatementFonts.Family, 8.5);
        private readonly XFont _bodyBold = new(StatementFonts.Family, 8.5, XFontStyleEx.Bold);
        private readonly XFont _small = new(StatementFonts.Family, 7.5);
        private readonly XFont _heading = new(StatementFonts.Family, 11, XFontStyleEx.Bold);
        private readonly XFont _title = new(StatementFonts.Family, 16, XFontStyleEx.Bold);
        private readonly XFont _emphasis = new(StatementFonts.Family, 12, XFontStyleEx.Bold);
        private static readonly XBrush Ink = XBrushes.Black;
        private static readonly XBrush Muted = new XSolidBrush(XColor.FromArgb(90, 90, 90));
        private static readonly XPen Rule = new(XColor.FromArgb(160, 160, 160), 0.5);

        /// <summary>The lines table: 515 points, the A4 width less the margins. Amounts in the rows are in the statement's currency, named in the title.</summary>
        private static readonly (string Title, double Width, bool Right)[] Columns =
        [
            ("Plan", 170, false), ("Dates", 64, false), ("Days", 28, true), ("Prov.", 36, true),
            ("Used", 34, true), ("Charg.", 40, true), ("Unit price", 58, true), ("Amount", 85, true),
        ];

        /// <summary>Subtotals and the total, with their currency, take the last two columns.</summary>
        private static readonly double SumWidth = Columns[^1].Width + Columns[^2].Width;

        private readonly StatementView _statement = export.Statement;
        private readonly int _minor = StatementText.MinorUnits(export);
        private PdfPage _page = null!;
        private XGraphics? _graphics;
        private double _y;
        private bool _inTable;

        private XGraphics Graphics => _graphics!;

        private double Right => _page.Width.Point - Margin;

        private double Bottom => _page.Height.Point - FooterSpace;

        private double ContentWidth => Right - Margin;

        public void Write(CancellationToken cancellationToken)
        {
            NewPage();
            WriteHeader();
            WriteLines(cancellationToken);
            WriteAdjustments();
            WriteFooters();
        }

        public void Dispose() => _graphics?.Dispose();

        private void NewPage()
        {
            _graphics?.Dispose();
            _page = document.AddPage();
            _page.Size = PageSize.A4;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
            if (document.PageCount > 1)
            {
                Text($"Statement {StatementText.Month(_statement.Month)} · {StatementText.Buyer(_statement)}", _small, Muted, Margin, ContentWidth);
                _y += Row;
                if (_inTable)
                {
                    TableHeader();
                }
            }
        }

        /// <summary>Starts a new page unless <paramref name="height"/> more points fit on this one.</summary>
        private void Ensure(double height)
        {
            if (_y + height > Bottom)
            {
                NewPage();
            }
        }

        private void WriteHeader()
        {
            Text(_statement.IsEstimate ? $"Estimate · {StatementText.Month(_statement.Month)}" : $"Statement · {StatementText.Month(_statement.Month)}", _title, Ink, Margin, ContentWidth);
            _y += 26;
            Fact("Provider", export.ProviderName);
            Fact("Partner", StatementText.Buyer(_statement));
            Fact("Month", $"{StatementText.Day(_statement.Month)} to {StatementText.Day(_statement.LastDay)}");
            Fact("State", StatementText.State(_statement));
            if (_statement.Resale is { } resale)
            {
                Fact("Resale", $"{StatementText.Money(resale, export)} at your resale prices; your margin {StatementText.Money(_statement.Margin ?? 0m, export)}");
            }

            if (_statement.SubmittedAt is { } submitted)
            {
                Fact("Submitted", $"{StatementText.Instant(submitted)} by {_statement.SubmittedBy}");
            }

            if (_statement.DecidedAt is { } decided)
            {
                Fact("Decided", $"{StatementText.Instant(decided)} by {_statement.DecidedBy}");
            }

            if (_statement.RejectionReason is { } reason)
            {
                Fact("Rejected because", reason);
            }

            if (_statement.Deadline is { } deadline)
            {
                Fact("Deadline", $"submitted automatically on {StatementText.Day(deadline)} unless submitted before");
            }

            Fact("Generated", StatementText.Instant(export.CreatedAt));
            _y += 4;
            Text("Total", _emphasis, Ink, Margin, 110);
            Text(StatementText.Money(_statement.Total, export), _emphasis, Ink, Margin + 110, ContentWidth - 110);
            _y += 26;
        }

        /// <summary>A label and its value; a long value wraps under itself.</summary>
        private void Fact(string label, string value)
        {
            var lines = Wrap(value, _body, ContentWidth - 110);
            Ensure(Row * lines.Count);
            Text(label, _body, Muted, Margin, 110);
            foreach (var line in lines)
            {
                Text(line, _body, Ink, Margin + 110, ContentWidth - 110);
                _y += Row;
            }
        }

        private void WriteLines(CancellationToken cancellationToken)
        {
            Ensure(Row * 4);
            Text("Lines", _heading, Ink, Margin, ContentWidth);
            _y += 18;
            _inTable = true;
            TableHeader();
            if (_statement.Lines == 0 && !_statement.Adjustments.Any(l => l.Carried))
            {
                Text("No chargeable license this month.", _body, Muted, Margin, ContentWidth);
                _y += Row;
            }

            foreach (var customer in _statement.Customers)
            {
                Group(customer.Name, customer.Lines, customer.Subtotal, cancellationToken);
            }

            var carried = _statement.Adjustments.Where(l => l.Carried).ToList();
            if (carried.Count > 0)
            {
                Group("Carried from approved months", carried, carried.Sum(l => l.Amount), cancellationToken);
            }

            _inTable = false;
            Ensure(Row * 2);
            Graphics.DrawLine(Rule, Margin, _y, Right, _y);
            _y += 3;
            Sum("Total", _statement.Total, Ink);
            _y += Row * 2;
        }

        /// <summary>A customer's name, its lines (an adjusted one marked *), and its subtotal, kept together when it starts.</summary>
        private void Group(string name, IReadOnlyList<StatementLineView> lines, decimal subtotal, CancellationToken cancellationToken)
        {
            Ensure(Row * Math.Min(lines.Count + 2, 4));
            _y += 2;
            Text(name, _bodyBold, Ink, Margin, ContentWidth);
            _y += Row;
            foreach (var line in lines)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Ensure(Row);
                Cell(line.PlanName, 0, _body, Ink, indent: 6);
                Cell(Days(line), 1, _body, Ink);
                Cell(StatementText.Number(line.Days), 2, _body, Ink);
                Cell(StatementText.Number(line.Provisioned), 3, _body, Ink);
                Cell(line.Used is { } used ? StatementText.Number(used) : "–", 4, _body, Ink);
                Cell(StatementText.Number(line.Chargeable) + (line.Adjusted || line.Carried ? "*" : string.Empty), 5, _body, Ink);
                Cell(StatementText.UnitPrice(line.MonthlyUnitPrice, _minor), 6, _body, Ink);
                Cell(line.Amount.ToString(StatementText.AmountFormat(_minor), System.Globalization.CultureInfo.InvariantCulture), 7, _body, Ink);
                _y += Row;
            }

            Ensure(Row);
            Sum($"Subtotal {name}", subtotal, Muted);
            _y += Row + 2;
        }

        /// <summary>A label, right-aligned, and its amount with the currency in the last two columns.</summary>
        private void Sum(string label, decimal amount, XBrush labelBrush)
        {
            Text(label, labelBrush == Ink ? _bodyBold : _body, labelBrush, Margin, ContentWidth - SumWidth - Padding, right: true);
            Text(StatementText.Money(amount, export), _bodyBold, Ink, Right - SumWidth + Padding, SumWidth - 2 * Padding, right: true);
        }

        /// <summary>The line's days as a reader says them: "Nov 1–15", "Nov 30" for one day, or "Oct 20–Nov 3" for a correction spanning months.</summary>
        private static string Days(StatementLineView line) =>
            line.From == line.To ? line.From.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture)
            : line.From.Month == line.To.Month && line.From.Year == line.To.Year
                ? $"{line.From.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture)}–{line.To.Day}"
                : $"{line.From.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture)}–{line.To.ToString("MMM d", System.Globalization.CultureInfo.InvariantCulture)}";

        private void TableHeader()
        {
            for (var i = 0; i < Columns.Length; i++)
            {
                Cell(i == Columns.Length - 1 ? $"{Columns[i].Title} ({_statement.CurrencyCode})" : Columns[i].Title, i, _bodyBold, Muted);
            }

            _y += Row;
            Graphics.DrawLine(Rule, Margin, _y - 1, Right, _y - 1);
            _y += 2;
        }

        /// <summary>Each adjusted or carried line: what was calculated, what is charged, and the comment given for it.</summary>
        private void WriteAdjustments()
        {
            if (_statement.Adjustments.Count == 0)
            {
                return;
            }

            Ensure(Row * 4);
            Text("Adjustments (*)", _heading, Ink, Margin, ContentWidth);
            _y += 18;
            foreach (var line in _statement.Adjustments)
            {
                var what = line.Carried
                    ? $"{line.CustomerName} · {line.PlanName} · {StatementText.Day(line.From)} to {StatementText.Day(line.To)}: carried from an approved month, {StatementText.Money(line.Amount, export)}"
                    : $"{line.CustomerName} · {line.PlanName} · {StatementText.Day(line.From)} to {StatementText.Day(line.To)}: {line.Calculated} calculated, {line.Chargeable} charged, {StatementText.Money(line.Amount, export)}";
                var heading = Wrap(what, _bodyBold, ContentWidth);
                var comment = Wrap(line.Comment ?? string.Empty, _body, ContentWidth - 10);
                Ensure(Row * Math.Min(heading.Count + comment.Count, 6));
                foreach (var text in heading)
                {
                    Ensure(Row);
                    Text(text, _bodyBold, Ink, Margin, ContentWidth);
                    _y += Row;
                }

                foreach (var text in comment)
                {
                    Ensure(Row);
                    Text(text, _body, Muted, Margin + 10, ContentWidth - 10);
                    _y += Row;
                }

                _y += 4;
            }
        }

        /// <summary>Once every page is laid out, its number among all of them.</summary>
        private void WriteFooters()
        {
            _graphics?.Dispose();
            _graphics = null;
            for (var i = 0; i < document.PageCount; i++)
            {
                var page = document.Pages[i];
                using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                var top = page.Height.Point - FooterSpace + 12;
                var width = page.Width.Point - 2 * Margin;
                graphics.DrawLine(Rule, Margin, top - 4, Margin + width, top - 4);
                graphics.DrawString($"{export.ProviderName} · {StatementText.Buyer(_statement)} · {StatementText.Month(_statement.Month)}", _small, Muted,
                    new XRect(Margin, top, width, Row), XStringFormats.TopLeft);
                graphics.DrawString($"Page {i + 1} of {document.PageCount}", _small, Muted, new XRect(Margin, top, width, Row), XStringFormats.TopRight);
            }
        }

        private void Cell(string text, int column, XFont font, XBrush brush, double indent = 0)
        {
            var left = Margin + Columns.Take(column).Sum(c => c.Width);
            var (_, width, right) = Columns[column];
            Text(text, font, brush, left + Padding + indent, width - 2 * Padding - indent, right);
        }

        /// <summary>One line of text at the cursor, cut with an ellipsis where it would not fit.</summary>
        private void Text(string text, XFont font, XBrush brush, double left, double width, bool right = false)
        {
            var fitted = Fit(Printable(text), font, width);
            Graphics.DrawString(fitted, font, brush, new XRect(left, _y, width, Row), right ? XStringFormats.TopRight : XStringFormats.TopLeft);
        }

        private string Fit(string text, XFont font, double width)
        {
            if (Graphics.MeasureString(text, font).Width <= width)
            {
                return text;
            }

            var length = text.Length;
            while (length > 0 && Graphics.MeasureString(text[..length] + "…", font).Width > width)
            {
                length--;
            }

            return text[..length].TrimEnd() + "…";
        }

        /// <summary>Text broken into lines no wider than <paramref name="width"/>, at spaces where it can, within a word where it must.</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            foreach (var paragraph in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
            {
                var line = string.Empty;
                foreach (var word in Printable(paragraph).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    var candidate = line.Length == 0 ? word : $"{line} {word}";
                    if (Graphics.MeasureString(candidate, font).Width <= width)
                    {
                        line = candidate;
                        continue;
                    }

                    if (line.Length > 0)
                    {
                        lines.Add(line);
                    }

                    line = word;
                    while (Graphics.MeasureString(line, font).Width > width && line.Length > 1)
                    {
                        var cut = line.Length - 1;
                        while (cut > 1 && Graphics.MeasureString(line[..cut], font).Width > width)
                        {
                            cut--;
                        }

                        lines.Add(line[..cut]);
                        line = line[cut..];
                    }
                }

                if (line.Length > 0)
                {
                    lines.Add(line);
                }
            }

            return lines;
        }

        /// <summary>A control character (stored before the input policy, ADR 0014) is drawn as a replacement mark.</summary>
        private static string Printable(string text) =>
            string.Create(text.Length, text, static (span, source) =>
            {
                for (var i = 0; i < source.Length; i++)
                {
                    span[i] = char.IsControl(source[i]) ? '\uFFFD' : source[i];
                }
            });
    }
}
