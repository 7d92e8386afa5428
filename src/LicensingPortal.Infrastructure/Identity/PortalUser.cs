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
