using LicensingPortal.Application.Billing;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace LicensingPortal.Infrastructure.Billing;

/// <summary>
/// A statement as an XLSX workbook (R24, MiniExcel): "Lines" (a header row, one row per line with date and number
/// cells, then a totals row), "Customers" (each customer's lines, chargeable units and subtotal, the carried
/// corrections, the total) and "Statement" (who, which month, its state and total). An MSP reading its own statement
/// with resale prices gets the page's Resale and Margin columns after Amount on both lists, and the month's in the facts;
/// nobody else does (<see cref="StatementView.Resale"/>). Text is written as text cells,
/// never as formulas, so a name such as <c>=HYPERLINK(...)</c> stays a name. Built in memory (a statement has a few
/// thousand lines at most), then copied to the response.
/// </summary>
public sealed class StatementWorkbookWriter : IStatementWriter
{
    public const string LinesSheet = "Lines";
    public const string CustomersSheet = "Customers";
    public const string StatementSheet = "Statement";
    public const string TotalLabel = "Total";

    public StatementFormat Format => StatementFormat.Xlsx;

    public string ContentType => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public string Extension => "xlsx";

    public async Task WriteAsync(StatementExport export, Stream output, CancellationToken cancellationToken)
    {
        var statement = export.Statement;
        var minor = StatementText.MinorUnits(export);
        var atResale = statement.Resale is not null;
        var lines = export.Lines.Select(l => new LineRow
        {
            Customer = l.CustomerName,
            Plan = l.PlanName,
            From = l.From.ToDateTime(TimeOnly.MinValue),
            To = l.To.ToDateTime(TimeOnly.MinValue),
            Days = l.Days,
            Provisioned = l.Provisioned,
            Used = l.Used,
            OverProvisioned = l.OverProvisioned,
            Chargeable = l.Chargeable,
            UnitPrice = l.MonthlyUnitPrice,
            Amount = l.Amount,
            Resale = l.Resale,
            Margin = l.Margin,
            Comment = l.Comment,
            Adjustment = StatementText.Adjustment(l) is { Length: > 0 } adjustment ? adjustment : null,
        }).ToList();
        lines.Add(new LineRow { Customer = TotalLabel, Days = null, Chargeable = lines.Sum(l => l.Chargeable), Amount = statement.Total, Resale = statement.Resale, Margin = statement.Margin });

        var carried = statement.Adjustments.Where(l => l.Carried).ToList();
        var customers = statement.Customers
            .Select(c => new CustomerRow { Customer = c.Name, Lines = c.Lines.Count, Chargeable = c.Lines.Sum(l => l.Chargeable), Amount = c.Subtotal }.AtResale(c))
            .ToList();
        if (carried.Count > 0)
        {
            customers.Add(new CustomerRow { Customer = "Carried from approved months", Lines = carried.Count, Chargeable = carried.Sum(l => l.Chargeable), Amount = carried.Sum(l => l.Amount) });
        }

        customers.Add(new CustomerRow { Customer = TotalLabel, Lines = customers.Sum(c => c.Lines), Chargeable = customers.Sum(c => c.Chargeable), Amount = statement.Total, Resale = statement.Resale, Margin = statement.Margin });

        var facts = new List<FactRow>
        {
            new("Provider", export.ProviderName),
            new("Partner", StatementText.Buyer(statement)),
            new("Month", StatementText.Month(statement.Month)),
            new("State", StatementText.State(statement)),
            new("Currency", statement.CurrencyCode),
            new(TotalLabel, StatementText.Money(statement.Total, export)),
            new("Lines", StatementText.Number(lines.Count - 1)),
        };
        if (statement.Resale is { } resale)
        {
            facts.Add(new("At your resale prices", StatementText.Money(resale, export)));
            facts.Add(new("Your margin", StatementText.Money(statement.Margin ?? 0m, export)));
        }

        if (statement.SubmittedAt is { } submitted)
        {
            facts.Add(new("Submitted", $"{StatementText.Instant(submitted)} by {statement.SubmittedBy}"));
        }

        if (statement.DecidedAt is { } decided)
        {
            facts.Add(new("Decided", $"{StatementText.Instant(decided)} by {statement.DecidedBy}"));
        }

        if (statement.RejectionReason is { } reason)
        {
            facts.Add(new("Rejected because", reason));
        }

        if (statement.Deadline is { } deadline)
        {
            facts.Add(new("Submitted automatically on", StatementText.Day(deadline)));
        }

        facts.Add(new("Generated", StatementText.Instant(export.CreatedAt)));

        var configuration = new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            TableStyles = TableStyles.None,
            DynamicColumns =
            [
                new DynamicExcelColumn(nameof(LineRow.UnitPrice)) { Name = "Unit price", Format = StatementText.UnitPriceFormat(minor, grouped: true), Width = 12 },
                new DynamicExcelColumn(nameof(LineRow.Amount)) { Name = "Amount", Format = StatementText.AmountFormat(minor), Width = 14 },
                new DynamicExcelColumn(nameof(LineRow.Resale)) { Name = "Resale", Format = StatementText.AmountFormat(minor), Width = 14, Ignore = !atResale },
                new DynamicExcelColumn(nameof(LineRow.Margin)) { Name = "Margin", Format = StatementText.AmountFormat(minor), Width = 14, Ignore = !atResale },
            ],
        };
        using var workbook = new MemoryStream();
        await workbook.SaveAsAsync(new Dictionary<string, object> { [LinesSheet] = lines, [CustomersSheet] = customers, [StatementSheet] = facts }, configuration: configuration, cancellationToken: cancellationToken);
        workbook.Position = 0;
        await workbook.CopyToAsync(output, cancellationToken);
    }

    private sealed class LineRow
    {
        [ExcelColumn(Width = 32)]
        public string? Customer { get; init; }

        [ExcelColumn(Width = 32)]
        public string? Plan { get; init; }

        [ExcelColumn(Format = "yyyy-mm-dd", Width = 11)]
        public DateTime? From { get; init; }

        [ExcelColumn(Format = "yyyy-mm-dd", Width = 11)]
        public DateTime? To { get; init; }

        [ExcelColumn(Width = 6)]
        public int? Days { get; init; }

        [ExcelColumn(Width = 11)]
        public int? Provisioned { get; init; }

        [ExcelColumn(Width = 8)]
        public int? Used { get; init; }

        [ExcelColumn(Name = "Over-provisioned", Width = 15)]
        public int? OverProvisioned { get; init; }

        [ExcelColumn(Width = 11)]
        public int? Chargeable { get; init; }

        public decimal? UnitPrice { get; init; }

        public decimal Amount { get; init; }

        public decimal? Resale { get; init; }

        public decimal? Margin { get; init; }

        [ExcelColumn(Width = 40)]
        public string? Comment { get; init; }

        [ExcelColumn(Width = 30)]
        public string? Adjustment { get; init; }
    }

    private sealed class CustomerRow
    {
        [ExcelColumn(Width = 32)]
        public string? Customer { get; init; }

        [ExcelColumn(Width = 8)]
        public int Lines { get; init; }

        [ExcelColumn(Width = 11)]
        public int Chargeable { get; init; }

        public decimal Amount { get; init; }

        public decimal? Resale { get; init; }

        public decimal? Margin { get; init; }

        /// <summary>The customer at the MSP's resale prices, as the page's customer row: blank when none of its lines has one.</summary>
        public CustomerRow AtResale(StatementCustomer customer)
        {
            if (customer.Lines.All(l => l.Resale is null))
            {
                return this;
            }

            var resale = customer.Lines.Sum(l => l.Resale ?? 0m);
            return new CustomerRow { Customer = Customer, Lines = Lines, Chargeable = Chargeable, Amount = Amount, Resale = resale, Margin = resale - Amount };
        }
    }

    private sealed record FactRow([property: ExcelColumn(Width = 28)] string Field, [property: ExcelColumn(Width = 60)] string Value);
}
