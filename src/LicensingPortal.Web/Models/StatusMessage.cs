namespace LicensingPortal.Web.Models;

/// <summary>The one-line message shown after a redirect (PRG): "Saved", or why not.</summary>
public static class StatusMessage
{
    public const string Key = "StatusMessage";
    public const string KindKey = "StatusKind";

    /// <summary>The rule that refused, rendered as <c>data-rule</c> on the message, never in its text.</summary>
    public const string RuleKey = "StatusRule";
}
