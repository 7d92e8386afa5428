using Microsoft.AspNetCore.Identity;

namespace LicensingPortal.Infrastructure.Identity;

/// <summary>A user account. Every account belongs to exactly one company (PRODUCT.md §1).</summary>
public sealed class PortalUser : IdentityUser<Guid>
{
    /// <summary>
    /// The company the account belongs to. For a customer's own user (R25) it is the customer's owner (a partner, or
    /// the provider for its direct customers), so the owner's status rules apply to it (R11): canceled, it cannot sign in.
    /// </summary>
    public Guid CompanyId { get; set; }

    /// <summary>R25: the customer whose own user this is; null for the accounts of the provider and its partners.</summary>
    public Guid? CustomerId { get; set; }

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Disabled accounts (R15) and the accounts of a canceled partner (R11) cannot sign in.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The 30-second step of the last authenticator code accepted: a code is accepted once (ASVS 6.5.1).</summary>
    public long? LastAuthenticatorTimeStep { get; set; }
}

public sealed class PortalRole : IdentityRole<Guid>
{
    public PortalRole()
    {
    }

    public PortalRole(string name)
        : base(name)
    {
        Id = Guid.CreateVersion7();
        NormalizedName = name.ToUpperInvariant();
    }
}
