using System.Net;
using System.Net.Sockets;

namespace LicensingPortal.Domain.Webhooks;

/// <summary>
/// Where a webhook may be sent (ADR 0011). Always an absolute https:// URL without credentials; in production
/// also never an address inside the portal's own network (loopback, private, link-local, unique-local,
/// carrier-grade NAT, unspecified, multicast), so a webhook cannot be aimed at the portal's neighbours.
/// </summary>
public static class WebhookTargets
{
    /// <summary>Why <paramref name="url"/> is refused as typed, or null. Host names are checked again once resolved.</summary>
    public static string? RefusalOf(string? url, bool allowPrivateTargets, out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            return "Enter the URL of your endpoint, e.g. https://hooks.example.com/licensing.";
        }

        if (url.Trim().Length > WebhookEndpoint.UrlMaxLength)
        {
            return $"The URL is at most {WebhookEndpoint.UrlMaxLength} characters.";
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var parsed) || parsed.IsFile || parsed.IsUnc)
        {
            return $"'{url}' is not an absolute URL: write it in full, e.g. https://hooks.example.com/licensing.";
        }

        if (parsed.Scheme != Uri.UriSchemeHttps)
        {
            return $"The URL must use https:// (not {parsed.Scheme}://): deliveries carry your company's data.";
        }

        if (!string.IsNullOrEmpty(parsed.UserInfo))
        {
            return "The URL must not carry a user name or password: each delivery is signed instead.";
        }

        if (!string.IsNullOrEmpty(parsed.Fragment))
        {
            return "The URL must not have a #fragment.";
        }

        if (!allowPrivateTargets)
        {
            if (parsed.IsLoopback || parsed.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
                || parsed.Host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            {
                return $"{parsed.Host} is this machine (loopback): use an address reachable on the internet.";
            }

            if (IPAddress.TryParse(parsed.Host.Trim('[', ']'), out var address) && RangeOf(address) is { } range)
            {
                return $"{parsed.Host} is a {range} address: use an address reachable on the internet.";
            }
        }

        uri = parsed;
        return null;
    }

    /// <summary>The name of the non-public range <paramref name="address"/> is in, or null for a public address.</summary>
    public static string? RangeOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address))
        {
            return "loopback";
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b switch
            {
                [0, ..] => "unspecified (0.0.0.0/8)",
                [10, ..] => "private (10.0.0.0/8)",
                [100, >= 64 and <= 127, ..] => "carrier-grade NAT (100.64.0.0/10)",
                [169, 254, ..] => "link-local (169.254.0.0/16)",
                [172, >= 16 and <= 31, ..] => "private (172.16.0.0/12)",
                [192, 168, ..] => "private (192.168.0.0/16)",
                [192, 0, 0, _] => "reserved (192.0.0.0/24)",
                [>= 224, ..] => "multicast or reserved (224.0.0.0/3)",
                _ => null,
            };
        }

        if (address.Equals(IPAddress.IPv6None) || address.Equals(IPAddress.IPv6Any))
        {
            return "unspecified (::)";
        }

        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return "link-local (fe80::/10)";
        }

        if (address.IsIPv6UniqueLocal)
        {
            return "unique-local (fc00::/7)";
        }

        if (address.IsIPv6Multicast)
        {
            return "multicast (ff00::/8)";
        }

        return null;
    }
}
