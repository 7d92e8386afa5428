using System.Net;
using System.Net.Sockets;
using LicensingPortal.Application.Webhooks;
using LicensingPortal.Domain.Webhooks;

namespace LicensingPortal.Infrastructure.Webhooks;

/// <summary>An address a delivery may not go to: the request is not made.</summary>
public sealed class WebhookTargetRefusedException(string message) : HttpRequestException(message);

/// <summary>
/// Where a webhook may go (ADR 0011). On registration: the URL rules, then (unless private targets are allowed)
/// every address the host resolves to must be public. At send time <see cref="ConnectAsync"/> resolves again and
/// connects only to a public address, so a host re-pointed at 127.0.0.1 after registration (DNS rebinding) is not reached.
/// </summary>
public sealed class WebhookTargetCheck(WebhookSettings settings) : IWebhookTargetCheck
{
    public async Task<(Uri? Url, string? Refusal)> CheckAsync(string? url, CancellationToken cancellationToken)
    {
        if (WebhookTargets.RefusalOf(url, settings.AllowPrivateTargets, out var uri) is { } refusal)
        {
            return (null, refusal);
        }

        if (settings.AllowPrivateTargets || IPAddress.TryParse(uri!.DnsSafeHost, out _))
        {
            return (uri, null);
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
            if (addresses.Length == 0)
            {
                return (null, $"{uri.Host} has no address: check the host name.");
            }

            if (addresses.Select(a => (Address: a, Range: WebhookTargets.RangeOf(a))).FirstOrDefault(a => a.Range is not null) is { Range: { } range } found)
            {
                return (null, $"{uri.Host} resolves to {found.Address}, a {range} address: use an address reachable on the internet.");
            }
        }
        catch (SocketException)
        {
            return (null, $"{uri.Host} could not be found: check the host name.");
        }

        return (uri, null);
    }

    /// <summary>The connect step of the webhook HTTP client: resolve, drop non-public addresses (unless allowed), connect.</summary>
    public static async ValueTask<Stream> ConnectAsync(WebhookSettings settings, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
        var allowed = settings.AllowPrivateTargets ? addresses : addresses.Where(a => WebhookTargets.RangeOf(a) is null).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException(addresses.Length == 0
                ? $"{host} has no address."
                : $"{host} resolves to {string.Join(", ", addresses.Select(a => a.ToString()))}, not a public address: not sent.");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
