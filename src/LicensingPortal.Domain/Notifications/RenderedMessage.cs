namespace LicensingPortal.Domain.Notifications;

/// <summary>The subject and HTML body of one email, ready for the outbox.</summary>
public sealed record RenderedMessage(string Subject, string HtmlBody);
