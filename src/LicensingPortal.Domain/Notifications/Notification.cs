using LicensingPortal.Domain.Common;

namespace LicensingPortal.Domain.Notifications;

/// <summary>
/// R20: one in-portal notice for one user, with a link to what it is about. Created once per
/// (recipient, key): the unique index on them is what keeps re-runs and other nodes from duplicating it.
/// </summary>
public sealed class Notification
{
    public const int KeyMaxLength = 200;
    public const int TitleMaxLength = 300;
    public const int LinkMaxLength = 500;

    private Notification()
    {
    }

    public Guid Id { get; private set; }

    public Guid RecipientUserId { get; private set; }

    /// <summary>The recipient's company: tenancy for the admins' email delivery page.</summary>
    public Guid CompanyId { get; private set; }

    public NotificationKind Kind { get; private set; }

    public string Key { get; private set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    /// <summary>A path inside the portal (never another site): the page the notice is about.</summary>
    public string Link { get; private set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public bool IsRead => ReadAt is not null;

    public static Notification Create(Guid recipientUserId, Guid companyId, NotificationKind kind, string key, string title, string link, DateTimeOffset now)
    {
        if (!link.StartsWith('/') || link.StartsWith("//", StringComparison.Ordinal))
        {
            throw new DomainRuleViolation("R20", "A notification links to a page of the portal.", nameof(Link));
        }

        return new Notification
        {
            Id = Ids.New(),
            RecipientUserId = recipientUserId,
            CompanyId = companyId,
            Kind = kind,
            Key = Guard.Text(key, nameof(Key), KeyMaxLength, "R20"),
            Title = title.Length > TitleMaxLength ? title[..TitleMaxLength] : title,
            Link = Guard.Text(link, nameof(Link), LinkMaxLength, "R20"),
            CreatedAt = now,
        };
    }

    public void MarkRead(DateTimeOffset now) => ReadAt ??= now;
}
