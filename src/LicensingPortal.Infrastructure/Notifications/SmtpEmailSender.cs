using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MimeKit;

namespace LicensingPortal.Infrastructure.Notifications;

public sealed record EmailMessage(Guid Id, string To, string Subject, string HtmlBody);

/// <summary>Why an email was not sent, and whether trying again can help (a bad address cannot).</summary>
public sealed class EmailDeliveryException(string message, bool permanent, Exception? inner = null) : Exception(message, inner)
{
    public bool Permanent { get; } = permanent;
}

public interface IEmailSender
{
    /// <exception cref="EmailDeliveryException">The server refused or could not be reached.</exception>
    Task SendAsync(EmailMessage message, CancellationToken cancellationToken);
}

/// <summary>Sends through the SMTP server of <c>Notifications:Smtp:*</c> with MailKit.</summary>
public sealed class SmtpEmailSender(NotificationSettings settings) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        if (!MailboxAddress.TryParse(message.To, out var to) || !to.Address.Contains('@', StringComparison.Ordinal))
        {
            throw new EmailDeliveryException($"'{message.To}' is not a valid email address.", permanent: true);
        }

        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Body = new TextPart("html") { Text = message.HtmlBody },
            // The same id on every attempt: a receiving server that got a retried email twice can tell.
            MessageId = $"{message.Id:N}@licensing-portal",
        };
        mime.From.Add(MailboxAddress.Parse(settings.From));
        mime.To.Add(to);

        using var client = new SmtpClient { Timeout = (int)settings.SmtpTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, settings.SmtpSecurity, cancellationToken);
            if (!string.IsNullOrEmpty(settings.SmtpUserName))
            {
                await client.AuthenticateAsync(settings.SmtpUserName, settings.SmtpPassword ?? string.Empty, cancellationToken);
            }

            await client.SendAsync(mime, cancellationToken);
            await client.DisconnectAsync(true, cancellationToken);
        }
        catch (SmtpCommandException e) when (e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && (int)e.StatusCode >= 500)
        {
            throw new EmailDeliveryException($"The server refused the recipient {message.To}: {e.Message}", permanent: true, e);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or SocketException or IOException
            or TimeoutException or ServiceNotConnectedException or MailKit.Security.AuthenticationException or MailKit.Security.SslHandshakeException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new EmailDeliveryException($"{e.GetType().Name}: {e.Message}", permanent: false, e);
        }
    }
}
