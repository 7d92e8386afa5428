using Microsoft.AspNetCore.Identity;

namespace LicensingPortal.Infrastructure.Identity;

/// <summary>A user account. Every account belongs to exactly one company (PRODUCT.md §1).</summary>
public sealed class PortalUser : IdentityUser<Guid>
{
    public Guid CompanyId { get; set; }

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
