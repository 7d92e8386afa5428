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

    /// <summary>
    /// The name of the special-purpose range <paramref name="address"/> is in (IANA's IPv4 and IPv6 Special-Purpose
    /// Address Registries, and multicast), or null for an address reachable on the internet. IPv6 forms that carry an
    /// IPv4 address (IPv4-mapped, NAT64, 6to4, Teredo, IPv4-compatible) are decoded, so <c>[64:ff9b::7f00:1]</c> is
    /// refused as 127.0.0.1 is.
    /// </summary>
    public static string? RangeOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        return address.AddressFamily == AddressFamily.InterNetwork ? RangeOfIPv4(address.GetAddressBytes()) : RangeOfIPv6(address.GetAddressBytes());
    }

    private static string? RangeOfIPv4(byte[] b) => b switch
    {
        [0, ..] => "unspecified (0.0.0.0/8)",
        [10, ..] => "private (10.0.0.0/8)",
        [100, >= 64 and <= 127, ..] => "carrier-grade NAT (100.64.0.0/10)",
        [127, ..] => "loopback",
        [169, 254, ..] => "link-local (169.254.0.0/16)",
        [172, >= 16 and <= 31, ..] => "private (172.16.0.0/12)",
        [192, 0, 0, _] => "IETF protocol assignments (192.0.0.0/24)",
        [192, 0, 2, _] => "documentation (192.0.2.0/24)",
        [192, 31, 196, _] => "AS112 (192.31.196.0/24)",
        [192, 52, 193, _] => "AMT (192.52.193.0/24)",
        [192, 88, 99, _] => "6to4 relay anycast (192.88.99.0/24)",
        [192, 168, ..] => "private (192.168.0.0/16)",
        [192, 175, 48, _] => "AS112 direct delegation (192.175.48.0/24)",
        [198, 18 or 19, ..] => "benchmarking (198.18.0.0/15)",
        [198, 51, 100, _] => "documentation (198.51.100.0/24)",
        [203, 0, 113, _] => "documentation (203.0.113.0/24)",
        [>= 224 and <= 239, ..] => "multicast (224.0.0.0/4)",
        [>= 240, ..] => "reserved (240.0.0.0/4)",
        _ => null,
    };

    private static string? RangeOfIPv6(byte[] b)
    {
        static bool Zero(ReadOnlySpan<byte> bytes) => !bytes.ContainsAnyExcept((byte)0);
        static string Embedded(string form, byte[] v4, string? range) =>
            $"{form} of {new IPAddress(v4)}{(range is null ? string.Empty : $", {range}")}";

        if (Zero(b.AsSpan(0, 15)) && b[15] <= 1)
        {
            return b[15] == 0 ? "unspecified (::)" : "loopback";
        }

        // ::a.b.c.d, IPv4-compatible (deprecated): never a real destination.
        if (Zero(b.AsSpan(0, 12)))
        {
            var v4 = b[12..16];
            return Embedded("IPv4-compatible address (::/96)", v4, RangeOfIPv4(v4));
        }

        // 64:ff9b::/96, NAT64: reaches the IPv4 address it carries, so it is as good as that address.
        if (b is [0x00, 0x64, 0xff, 0x9b, ..] && Zero(b.AsSpan(4, 8)))
        {
            var v4 = b[12..16];
            return RangeOfIPv4(v4) is { } range ? Embedded("NAT64 (64:ff9b::/96)", v4, range) : null;
        }

        return b switch
        {
            [0x00, 0x64, 0xff, 0x9b, 0x00, 0x01, ..] => "local-use NAT64 (64:ff9b:1::/48)",
            [0x01, 0x00, 0, 0, 0, 0, 0, 0, ..] => "discard-only (100::/64)",
            [0x20, 0x01, 0x00, 0x00, ..] => Embedded("Teredo (2001::/32)", [(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]], RangeOfIPv4([(byte)~b[12], (byte)~b[13], (byte)~b[14], (byte)~b[15]])),
            [0x20, 0x01, 0x0d, 0xb8, ..] => "documentation (2001:db8::/32)",
            [0x20, 0x01, <= 0x01, ..] => "IETF protocol assignments (2001::/23)",
            [0x20, 0x02, ..] => Embedded("6to4 (2002::/16)", b[2..6], RangeOfIPv4(b[2..6])),
            [0x3f, 0xff, < 0x10, ..] => "documentation (3fff::/20)",
            [0x5f, 0x00, ..] => "segment routing (5f00::/16)",
            [>= 0xfc and <= 0xfd, ..] => "unique-local (fc00::/7)",
            [0xfe, >= 0x80 and <= 0xbf, ..] => "link-local (fe80::/10)",
            [0xfe, >= 0xc0, ..] => "site-local (fec0::/10)",
            [0xff, ..] => "multicast (ff00::/8)",
            _ => null,
        };
    }
}
