using LicensingPortal.Domain.Auditing;

namespace LicensingPortal.UnitTests.Auditing;

/// <summary>People read the audit log in words; programs keep matching the stored action codes.</summary>
public sealed class AuditActionTests
{
    [Theory]
    [InlineData("PartnerSuspended", "Partner suspended")]
    [InlineData("ApiKeyCreated", "API key created")]
    [InlineData("AccountTwoFactorReset", "Account two-factor reset")]
    [InlineData("TwoFactorEnabled", "Two-factor enabled")]
    [InlineData("SignIn", "Signed in")]
    [InlineData("SignInLockedOut", "Sign-in refused: account locked")]
    [InlineData("WebhookEndpointDisabledByUser", "Webhook endpoint disabled by a user")]
    [InlineData("SuiteChangeRecorded", "Suite change recorded")]
    public void An_action_is_shown_as_words(string action, string shown)
    {
        Assert.Equal(shown, AuditEntry.DisplayAction(action));
    }

    [Theory]
    [InlineData("Partner suspended", "PartnerSuspended")]
    [InlineData("api key", "ApiKey")]
    [InlineData("two-factor", "TwoFactor")]
    public void What_is_typed_as_words_finds_the_stored_action(string typed, string key)
    {
        Assert.Equal(key, AuditEntry.ActionSearchKey(typed));
    }
}
