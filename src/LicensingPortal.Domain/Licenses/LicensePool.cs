using LicensingPortal.Domain.Common;
using LicensingPortal.Domain.Partners;
using LicensingPortal.Domain.Products;

namespace LicensingPortal.Domain.Licenses;

/// <summary>
/// Licenses a provider gives a partner (R12): units of one product, service level and license
/// type. Assigning plans to the partner's customers consumes them.
/// </summary>
public sealed class LicensePool : IVersioned
{
    public const int MaxUnits = 100_000_000;

    private LicensePool()
    {
    }

    public Guid Id { get; private set; }

    public Guid PartnerId { get; private set; }

    public Guid ProductId { get; private set; }

    public Guid ServiceLevelId { get; private set; }

    public LicenseType LicenseType { get; private set; }

    public int UnitsTotal { get; private set; }

    public int UnitsUsed { get; private set; }

    /// <summary>Units added by the partner itself through License pool refill (R12), part of <see cref="UnitsTotal"/>.</summary>
    public int UnitsRefilled { get; private set; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    /// <summary>R12 (MSP only): no new customers may be given these licenses; existing ones keep theirs.</summary>
    public bool Disabled { get; private set; }

    public int Version { get; private set; }

    public int UnitsFree => UnitsTotal - UnitsUsed;

    /// <summary>Assign Licenses into a new pool (R12): only of a product still sold (R4).</summary>
    public static LicensePool Assign(Company partner, Product product, Guid serviceLevelId, LicenseType type, int units, DateOnly startsOn, DateOnly endsOn)
    {
        if (!partner.IsPartner)
        {
            throw new DomainRuleViolation("R12", "License pools belong to partners.");
        }

        EnsureSold(product);
        var level = product.Level(serviceLevelId);
        partner.EnsureAllows(PartnerArea.Licenses);
        Guard.Range(units, 1, MaxUnits, "Units", "R12");
        Guard.Date(startsOn, nameof(StartsOn), "The start date");
        Guard.Date(endsOn, nameof(EndsOn), "The end date");
        if (endsOn <= startsOn)
        {
            throw new DomainRuleViolation("R18", "The end date must be after the start date.", nameof(EndsOn));
        }

        return new LicensePool
        {
            Id = Ids.New(),
            PartnerId = partner.Id,
            ProductId = product.Id,
            ServiceLevelId = level.Id,
            LicenseType = type,
            UnitsTotal = units,
            StartsOn = startsOn,
            EndsOn = endsOn,
        };
    }

    /// <summary>
    /// Assign Licenses by product and level (R12) when the partner already has the matching pool: refused, as a new
    /// pool is, for a product no longer sold (R4).
    /// </summary>
    public void AddUnits(Company partner, Product product, int units)
    {
        if (product.Id != ProductId)
        {
            throw new DomainRuleViolation("R12", "These licenses are of another product.", "ServiceLevelId");
        }

        EnsureSold(product);
        AddUnits(partner, units);
    }

    /// <summary>Assign Licenses (R12): adds units to the pool chosen in "Add to", whatever its product's lifecycle.</summary>
    public void AddUnits(Company partner, int units)
    {
        EnsureOwner(partner);
        partner.EnsureAllows(PartnerArea.Licenses);
        Guard.Range(units, 1, MaxUnits - UnitsTotal, "Units", "R12");
        UnitsTotal += units;
    }

    /// <summary>Disable Licenses (R12, MSP only).</summary>
    public void Disable(Company partner)
    {
        EnsureOwner(partner);
        if (partner.Type != CompanyType.Msp)
        {
            throw new DomainRuleViolation("R12", "Only an MSP's licenses can be disabled.");
        }

        partner.EnsureAllows(PartnerArea.Licenses);
        if (Disabled)
        {
            throw new DomainRuleViolation("R12", "These licenses are already disabled.");
        }

        if (UnitsFree <= 0)
        {
            throw new DomainRuleViolation("R12", "These licenses have no free units left to disable.");
        }

        Disabled = true;
    }

    /// <summary>Enable Licenses: the pool takes new customers again (R12, MSP only, as Disable).</summary>
    public void Enable(Company partner)
    {
        EnsureOwner(partner);
        partner.EnsureAllows(PartnerArea.Licenses);
        if (!Disabled)
        {
            throw new DomainRuleViolation("R12", "These licenses are not disabled.");
        }

        Disabled = false;
    }

    /// <summary>
    /// R12: takes units for a customer's license. With refill on, a shortfall is added to the pool
    /// (the returned number, to be recorded); with refill off it is refused with the numbers.
    /// </summary>
    public int Consume(Company partner, int units, int? licenseUnits = null)
    {
        EnsureOwner(partner);
        if (units <= 0)
        {
            return 0;
        }

        if (Disabled)
        {
            throw new DomainRuleViolation("R12", "These licenses are disabled: they cannot be assigned to more customers.", "Units");
        }

        var refill = 0;
        if (units > UnitsFree)
        {
            if (!partner.LicensePoolRefill)
            {
                var free = Math.Max(UnitsFree, 0);
                throw new DomainRuleViolation("R12", licenseUnits is { } typed && typed != units
                    ? $"{typed:N0} units per license need {units:N0} more from the license pool, which has {free:N0} free."
                    : $"{units:N0} units requested, {free:N0} free in the license pool.", "Units");
            }

            refill = units - UnitsFree;
            UnitsTotal += refill;
            UnitsRefilled += refill;
        }

        UnitsUsed += units;
        return refill;
    }

    /// <summary>
    /// R12 before the click: why <paramref name="owner"/>'s customers cannot be given licenses from this pool
    /// (none, disabled, empty with refill off), or null, with the units free (null for the provider, who has no pool).
    /// </summary>
    public static (string? Refusal, int? UnitsFree) Availability(LicensePool? pool, Company owner)
    {
        if (!owner.IsPartner)
        {
            return (null, null);
        }

        if (pool is null)
        {
            return ("no licenses of it in the license pool", null);
        }

        var free = Math.Max(pool.UnitsFree, 0);
        if (pool.Disabled)
        {
            return ("its licenses are disabled", free);
        }

        return free == 0 && !owner.LicensePoolRefill ? ("the license pool is empty", 0) : (null, free);
    }

    /// <summary>Units given back when a license is reduced.</summary>
    public void Release(int units)
    {
        if (units > 0)
        {
            UnitsUsed = Math.Max(0, UnitsUsed - units);
        }
    }

    /// <summary>R4: an End of Sale or End of Life product gets no new licenses.</summary>
    private static void EnsureSold(Product product)
    {
        if (product.Lifecycle != Lifecycle.Active)
        {
            throw new DomainRuleViolation("R4", $"{product.Name} is {product.Lifecycle.Display()}: no new licenses can be assigned.", "ServiceLevelId");
        }
    }

    private void EnsureOwner(Company partner)
    {
        if (partner.Id != PartnerId)
        {
            throw new DomainRuleViolation("R1", "This license pool belongs to another partner.");
        }
    }
}
