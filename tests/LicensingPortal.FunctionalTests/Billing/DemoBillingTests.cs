using LicensingPortal.Domain.Billing;
using LicensingPortal.FunctionalTests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace LicensingPortal.FunctionalTests.Billing;

/// <summary>R24's demo data: prices, a discount, a month of usage, and a statement in each stored state, on any day it is seeded.</summary>
[Trait("Category", "Calendar")]
public sealed class DemoBillingTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task The_demo_has_prices_usage_and_a_statement_in_each_state_R24()
    {
        var states = await Demo.QueryAsync(factory, db => db.Statements.Select(s => s.State).Distinct().ToListAsync());
        Assert.Equal(
            [StatementState.Preparing, StatementState.Submitted, StatementState.Approved, StatementState.Rejected, StatementState.Completed],
            states.Order());

        var today = factory.Clock.Today;
        var lastMonth = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        var preparing = await Demo.QueryAsync(factory, db => db.Statements.Include(s => s.Lines).SingleAsync(s => s.State == StatementState.Preparing && s.Month == lastMonth));
        var adjusted = Assert.Single(preparing.Lines, l => l.AdjustedChargeable is not null);
        Assert.Equal(adjusted.CalculatedChargeable - 2, adjusted.Chargeable);
        Assert.False(string.IsNullOrWhiteSpace(adjusted.Comment));
        Assert.Equal(preparing.Lines.Sum(l => l.Amount), preparing.Total);
        Assert.True(preparing.Total > 0);

        // The usage-charged plan shows over-provisioned days: some reports are above the license's units.
        Assert.True(await Demo.QueryAsync(factory, db => db.LicenseUsages.AnyAsync(u => db.CustomerLicenses.Any(l => l.Id == u.LicenseId && u.Used > l.Units))));
        Assert.True(await Demo.QueryAsync(factory, db => db.PlanPrices.CountAsync()) >= 15);
        Assert.Equal(1, await Demo.QueryAsync(factory, db => db.PartnerPrices.CountAsync(p => p.DiscountPercent == 10m)));
    }
}
