namespace LicensingPortal.Domain.SignInPolicies;

/// <summary>R26: whose sign-in needs a second factor, from the loosest to the strictest (the order is the comparison).</summary>
public enum TwoFactorRequirement
{
    Nobody = 0,
    Administrators = 1,
    Everyone = 2,
}

public static class TwoFactorRequirementText
{
    public static string Display(this TwoFactorRequirement requirement) => requirement switch
    {
        TwoFactorRequirement.Nobody => "Not required",
        TwoFactorRequirement.Administrators => "Required for administrators",
        TwoFactorRequirement.Everyone => "Required for everyone",
    };

    /// <summary>Whether a user (an administrator or not) must sign in with a second factor under <paramref name="requirement"/>.</summary>
    public static bool AppliesTo(this TwoFactorRequirement requirement, bool isAdministrator) => requirement switch
    {
        TwoFactorRequirement.Nobody => false,
        TwoFactorRequirement.Administrators => isAdministrator,
        TwoFactorRequirement.Everyone => true,
    };
}
