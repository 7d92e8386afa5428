namespace LicensingPortal.Domain.Billing;

/// <summary>The list row in force for a plan on a day and the buyer's own row laid over it (null: the buyer pays the list).</summary>
public sealed record PricesInForce(PlanPrice List, PartnerPrice? Own)
{
    /// <summary>The buyer's price of one unit for the list row's period (a month or a year), unrounded.</summary>
    public decimal PeriodUnitPrice => Own?.PeriodUnitPrice(List) ?? List.UnitPrice;
}
