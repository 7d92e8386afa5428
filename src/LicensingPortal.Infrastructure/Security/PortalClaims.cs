namespace LicensingPortal.Infrastructure.Security;

/// <summary>Claims added to the sign-in cookie so every request knows the user's company without a query.</summary>
public static class PortalClaims
{
    /// <summary>The company id the use cases scope by: for a customer's own user (R25), the customer's id.</summary>
    public const string CompanyId = "lp:company";

    /// <summary>R25: the company that owns a customer user's customer (its partner, or the provider); absent for everyone else.</summary>
    public const string OwnerCompanyId = "lp:owner_company";
    public const string CompanyType = "lp:company_type";
    public const string CompanyName = "lp:company_name";
    public const string DisplayName = "lp:name";
    public const string TwoFactorEnabled = "lp:2fa";

    /// <summary>When the user signed in (Unix seconds): the session lifetime of the sign-in policy (R26) counts from it.</summary>
    public const string SignedInAt = "lp:signed_in_at";

    /// <summary>How the session was signed in: <see cref="WebChannel"/> (a password), or "sso" (the company's identity provider).</summary>
    public const string Channel = "lp:channel";

    /// <summary>The channel of a password sign-in on the portal's own page.</summary>
    public const string WebChannel = "web";
}
