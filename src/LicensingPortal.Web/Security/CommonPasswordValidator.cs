using LicensingPortal.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace LicensingPortal.Web.Security;

/// <summary>Refuses passwords from a list of the most common ones, and the user's own email (ASVS 6.2).</summary>
public sealed class CommonPasswordValidator : IPasswordValidator<PortalUser>
{
    private static readonly HashSet<string> Common = new(StringComparer.OrdinalIgnoreCase)
    {
        "123456789012", "1234567890123", "12345678901234", "password1234", "password12345", "password123456",
        "passwordpassword", "qwertyuiopas", "qwerty123456", "qwertyuiop123", "123qweasdzxc", "1q2w3e4r5t6y",
        "iloveyou1234", "administrator", "admin1234567", "letmein12345", "welcome12345", "welcome123456",
        "changeme1234", "trustno1trustno1", "abcdefghijkl", "abc123456789", "football1234", "baseball1234",
        "sunshine1234", "princess1234", "dragon123456", "monkey123456", "superman1234", "starwars1234",
        "000000000000", "111111111111", "aaaaaaaaaaaa", "licensingportal", "licensing-portal", "portal123456",
    };

    public Task<IdentityResult> ValidateAsync(UserManager<PortalUser> manager, PortalUser user, string? password)
    {
        if (password is null)
        {
            return Task.FromResult(IdentityResult.Success);
        }

        if (Common.Contains(password) || (user.Email is { } email && password.Contains(email.Split('@')[0], StringComparison.OrdinalIgnoreCase) && email.Split('@')[0].Length >= 4))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = "This password is too common or contains your user name. Choose a longer phrase of your own.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }
}
