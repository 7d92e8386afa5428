namespace LicensingPortal.Domain.Notifications;

/// <summary>One notice due for a license: its kind and the key that makes it happen once.</summary>
public sealed record LicenseNotice(NotificationKind Kind, DateOnly ExpiresOn)
{
    /// <summary>
    /// Unique per license and expiration date: a re-run, a second node or a restart finds the same key and
    /// adds nothing; a license that renews (a new expiration date) is warned again for its next term.
    /// </summary>
    public string KeyFor(Guid licenseId) => $"{Kind}:{licenseId:N}:{ExpiresOn:yyyy-MM-dd}";
}
