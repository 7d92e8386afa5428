using LicensingPortal.Domain.Auditing;
using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Common;

namespace LicensingPortal.UnitTests.Billing;

/// <summary>R24: a statement's states, as LMP's usage reports: Open → Preparing → Submitted → Approved / Rejected → Completed.</summary>
public sealed class StatementTests
{
    private static readonly DateOnly November = new(2026, 11, 1);
    private static readonly Actor Partner = new(Guid.NewGuid(), "Pat (MSP billing manager)");
    private static readonly Actor Provider = new(Guid.NewGuid(), "Dana (provider billing manager)");
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    private readonly BillingCase _case = new();

    private Statement Closed()
    {
        var statement = Statement.Open(_case.Provider, _case.Partner, November, Currency.Usd);
        statement.Close(Lines(), new DateOnly(2026, 12, 1));
        return statement;
    }

    private IEnumerable<Func<Guid, StatementLine>> Lines() =>
        _case.Month(November, BillingCase.On(2026, 1, 1, _case.PlanA, 10), BillingCase.On(2026, 11, 16, _case.PlanA, 15))
            .Select(line => (Func<Guid, StatementLine>)(id => StatementLine.Of(id, line, Guid.NewGuid(), "Maple Street Pharmacy", "Email Security Standard")));

    [Fact]
    public void A_month_stays_an_estimate_until_it_is_over_R24()
    {
        var statement = Statement.Open(_case.Provider, _case.Partner, November, Currency.Usd);
        statement.Refresh(Lines());

        var refusal = Assert.Throws<DomainRuleViolation>(() => statement.Close(Lines(), new DateOnly(2026, 11, 30)));

        Assert.Equal("R24", refusal.Code);
        Assert.Equal(StatementState.Open, statement.State);
        Assert.Equal(125.00m, statement.Total);
    }

    [Fact]
    public void An_adjustment_needs_a_comment_and_changes_the_lines_amount_R24()
    {
        var statement = Closed();
        var line = statement.Lines[1]; // 15 units × 10.00 × 15/30 = 75.00

        var refusal = Assert.Throws<DomainRuleViolation>(() => statement.Adjust(line.Id, 12, " "));
        statement.Adjust(line.Id, 12, "Three seats were a test tenant, removed on the 16th.");

        Assert.Equal("R24", refusal.Code);
        Assert.Equal(nameof(StatementLine.Comment), refusal.Field);
        Assert.Equal(15, line.CalculatedChargeable);
        Assert.Equal(12, line.Chargeable);
        Assert.Equal(60.00m, line.Amount);
        Assert.Equal(110.00m, statement.Total);
    }

    [Fact]
    public void Days_the_partner_was_suspended_cannot_be_adjusted_into_a_charge_R24()
    {
        var statement = Statement.Open(_case.Provider, _case.Partner, November, Currency.Usd);
        var lines = _case.Month(November, BillingCase.On(2026, 1, 1, _case.PlanA, 10), BillingCase.On(2026, 11, 11, _case.PlanA, 10) with { PartnerSuspended = true });
        statement.Close(lines.Select(line => (Func<Guid, StatementLine>)(id => StatementLine.Of(id, line, Guid.NewGuid(), "Maple Street Pharmacy", "Email Security Standard"))), new DateOnly(2026, 12, 1));
        var suspended = statement.Lines.Single(l => l.PartnerSuspended);

        var refusal = Assert.Throws<DomainRuleViolation>(() => statement.Adjust(suspended.Id, 10, "They used it anyway."));

        Assert.Equal("R24", refusal.Code);
        Assert.Equal(0, suspended.Chargeable);
        Assert.Equal(33.33m, statement.Total); // 10 × 10.00 × 10/30, the days before the suspension
    }

    [Fact]
    public void Rejected_goes_back_to_the_partner_with_the_reason_and_approved_is_frozen_R24()
    {
        var statement = Closed();
        statement.Submit(Partner, Now);

        Assert.Equal("R24", Assert.Throws<DomainRuleViolation>(() => statement.Reject("", Provider, Now)).Code);
        statement.Reject("Line 2: the test tenant was billable until the 20th.", Provider, Now);
        Assert.Equal(StatementState.Rejected, statement.State);
        statement.Adjust(statement.Lines[1].Id, 15, "As calculated, per the provider.");
        statement.Submit(Partner, Now.AddHours(1));
        Assert.Null(statement.RejectionReason);
        statement.Approve(Provider, Now.AddHours(2));

        var frozen = Assert.Throws<DomainRuleViolation>(() => statement.Adjust(statement.Lines[0].Id, 1, "too late"));
        Assert.Equal("R24", frozen.Code);
        Assert.Contains("approved", frozen.Message, StringComparison.Ordinal);
        Assert.Contains("later month", frozen.Message, StringComparison.Ordinal);
        Assert.Equal(125.00m, statement.Total);
        Assert.Throws<DomainRuleViolation>(() => statement.Submit(Partner, Now));
        statement.Complete(Provider, Now.AddDays(3));
        Assert.Equal(StatementState.Completed, statement.State);
    }

    [Fact]
    public void A_correction_of_an_approved_month_is_a_line_on_a_later_month_and_the_approved_month_stays_R24()
    {
        var november = Closed();
        november.Submit(Partner, Now);
        november.Approve(Provider, Now);
        var december = Statement.Open(_case.Provider, _case.Partner, new DateOnly(2026, 12, 1), Currency.Usd);

        december.Carry(november.Lines[1], -25.00m, "November: 5 units were credited back after the approval.");

        var carried = Assert.Single(december.Lines);
        Assert.True(carried.IsCarriedAdjustment);
        Assert.Equal(-25.00m, december.Total);
        Assert.Equal(125.00m, november.Total);
        Assert.Throws<DomainRuleViolation>(() => december.Adjust(carried.Id, 1, "no"));

        december.Refresh(Lines());
        Assert.Equal(3, december.Lines.Count); // the estimate's lines are recomputed; the carried correction stays
    }

    [Fact]
    public void Only_a_submitted_statement_can_be_approved_R24()
    {
        var statement = Closed();

        var refusal = Assert.Throws<DomainRuleViolation>(() => statement.Approve(Provider, Now));

        Assert.Equal("R24", refusal.Code);
        Assert.Contains("preparing", refusal.Message, StringComparison.Ordinal);
        Assert.Equal(StatementState.Preparing, statement.State);
    }
}
