using LicensingPortal.Domain.Billing;
using LicensingPortal.Domain.Partners;

namespace LicensingPortal.Application.Billing;

/// <summary>R24: where a dated price stands today.</summary>
public enum PriceState
{
    /// <summary>The latest row that has taken effect.</summary>
    InForce,

    /// <summary>Takes effect after today.</summary>
    Scheduled,

    /// <summary>A later row took effect; kept, because the days it was in force were charged at it.</summary>
    Replaced,
}

/// <summary>One dated price row (a list or a resale price): <see cref="Price"/> is its amount as people read it ("10.00 USD").</summary>
public sealed record PriceEntry(BillingPeriod Period, decimal UnitPrice, string Price, DateOnly EffectiveFrom, PriceState State, DateTimeOffset SetAt);

/// <summary>One seller's prices of a plan: the row in force today, the next scheduled one, and every row, newest first.</summary>
public sealed record PriceSeries(PriceEntry? InForce, PriceEntry? Scheduled, IReadOnlyList<PriceEntry> History)
{
    public static PriceSeries None { get; } = new(null, null, []);
}

/// <summary>
/// What a partner pays for one unit of a plan from <see cref="From"/> on: the list price after its own price, for the list
/// row's period. <see cref="Basis"/> says where it comes from ("List price", "10% off the list price", "Own price").
/// </summary>
public sealed record PartnerCost(BillingPeriod Period, decimal UnitPrice, string Price, string Basis, DateOnly From);

/// <summary>
/// One plan on the price list. For the provider: its list prices. For a partner: the list prices of the plans it sells, its
/// cost today and from its next change, and (an MSP) its resale prices with the margin a unit a month.
/// </summary>
/// <param name="OwnsPlan">Whether the caller's company owns the plan.</param>
/// <param name="SetsPolicy">Whether the caller's company sets the plan's charging policy: the provider, for every plan it bills.</param>
/// <param name="Version">The plan's version (R19), for setting its charging policy.</param>
public sealed record PlanPricing(
    Guid PlanId,
    string Plan,
    string Product,
    Guid OwnerId,
    string Owner,
    ChargingPolicy ChargingPolicy,
    int Version,
    bool OwnsPlan,
    bool SetsPolicy,
    PriceSeries List,
    PartnerCost? Cost,
    PartnerCost? NextCost,
    PriceSeries? Resale,
    decimal? MonthlyMargin,
    string? Margin);

/// <summary>
/// The price list as the caller's company sees it (<see cref="Viewer"/>), in the provider's currency. Trial and NFR plans
/// are free and not listed.
/// </summary>
/// <param name="ChangeRefusal">Why the company cannot change its prices or plans now (a suspended MSP, R11), or null.</param>
/// <param name="AsOf">The day the prices are shown for ("today", in force, scheduled).</param>
public sealed record PriceList(CompanyType Viewer, string Currency, DateOnly AsOf, IReadOnlyList<PlanPricing> Plans, string? ChangeRefusal);

/// <summary>One of a partner's own price rows: a discount off the list or its own unit price, for one plan or every plan.</summary>
/// <param name="Scope">The plan's name, or "Every plan".</param>
/// <param name="Price">As people read it: "10% off the list price" or "9.50 USD".</param>
public sealed record PartnerPriceEntry(
    Guid Id, Guid? PlanId, string Scope, decimal? DiscountPercent, decimal? UnitPrice, string Price, DateOnly EffectiveFrom, PriceState State, DateTimeOffset SetAt);

/// <summary>One plan the partner buys: the list price in force and what the partner pays, today and from its next change.</summary>
public sealed record PartnerPlanCost(Guid PlanId, string Plan, string Product, PriceEntry? List, PartnerCost? Cost, PartnerCost? NextCost);

/// <summary>Partner prices (provider only): the partner's own rows, newest first, and the resulting cost of each plan it buys.</summary>
/// <param name="ChangeRefusal">Why the partner's prices can no longer be set (canceled, R11), or null.</param>
/// <param name="AsOf">The day the prices are shown for ("today", in force, scheduled).</param>
public sealed record PartnerPrices(
    Guid PartnerId,
    string Partner,
    CompanyType Type,
    string Currency,
    DateOnly AsOf,
    IReadOnlyList<PartnerPriceEntry> Overrides,
    IReadOnlyList<PartnerPlanCost> Plans,
    string? ChangeRefusal);

/// <summary>One plan's prices page: the plan's row of the price list as the caller's company sees it.</summary>
/// <param name="ChangeRefusal">Why the company cannot change its prices or plans now (a suspended MSP, R11), or null.</param>
/// <param name="AsOf">The day the prices are shown for ("today", in force, scheduled).</param>
public sealed record PlanPriceDetail(CompanyType Viewer, string Currency, DateOnly AsOf, PlanPricing Plan, string? ChangeRefusal);
