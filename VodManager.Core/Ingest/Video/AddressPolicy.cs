using System.Buffers.Binary;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace VodManager.Core.Ingest.Video;

/// <summary>
/// Which IP addresses a URL import may connect to. Everything that is not a public unicast address is refused unless
/// <c>Import:AllowPrivateAddresses</c> is on: loopback, private ranges, link-local (cloud metadata lives at
/// 169.254.169.254), carrier-grade NAT, multicast, IPv6 forms that embed one of those, and the machine's own
/// interface addresses (a public one reaches the app's own services as surely as loopback does). Refusals never say
/// which address a name resolved to: that would answer DNS questions about internal names.
/// </summary>
public static class AddressPolicy
{
    private static readonly (IPAddress Network, int Prefix, string Name)[] BlockedV4 =
    [
        (IPAddress.Parse("0.0.0.0"), 8, "an unspecified address"),
        (IPAddress.Parse("10.0.0.0"), 8, "a private address"),
        (IPAddress.Parse("100.64.0.0"), 10, "a carrier-grade NAT address"),
        (IPAddress.Parse("127.0.0.0"), 8, "a loopback address"),
        (IPAddress.Parse("169.254.0.0"), 16, "a link-local address"),
        (IPAddress.Parse("172.16.0.0"), 12, "a private address"),
        (IPAddress.Parse("192.0.0.0"), 24, "a reserved address"),
        (IPAddress.Parse("192.168.0.0"), 16, "a private address"),
        (IPAddress.Parse("198.18.0.0"), 15, "a reserved address"),
        (IPAddress.Parse("224.0.0.0"), 4, "a multicast address"),
        (IPAddress.Parse("240.0.0.0"), 4, "a reserved address"),
    ];

    /// <summary>Whether imports may not connect to the address.</summary>
    public static bool IsBlocked(IPAddress address) => IsBlocked(address, OwnAddresses());

    /// <param name="own">The machine's own interface addresses.</param>
    public static bool IsBlocked(IPAddress address, IReadOnlySet<IPAddress> own) =>
        WhyBlocked(address) is not null || own.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    /// <summary>Read at each connect: interfaces come and go.</summary>
    public static IReadOnlySet<IPAddress> OwnAddresses() =>
        NetworkInterface.GetAllNetworkInterfaces().SelectMany(i => i.GetIPProperties().UnicastAddresses).Select(u => u.Address).ToHashSet();

    /// <summary>Null when the address is public; otherwise what kind it is (for logs and tests, never for users).</summary>
    public static string? WhyBlocked(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return BlockedV4.FirstOrDefault(b => InNetwork(address, b.Network, b.Prefix)).Name;
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return "a loopback address";
        }

        if (address.Equals(IPAddress.IPv6None))
        {
            return "an unspecified address";
        }

        if (address.IsIPv6LinkLocal || address.IsIPv6SiteLocal)
        {
            return "a link-local address";
        }

        if (address.IsIPv6UniqueLocal)
        {
            return "a private address";
        }

        if (address.IsIPv6Multicast)
        {
            return "a multicast address";
        }

        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) carry an IPv4 address inside: judge that one.
        var bytes = address.GetAddressBytes();
        if (bytes[0] == 0x00 && bytes[1] == 0x64 && bytes[2] == 0xff && bytes[3] == 0x9b && bytes.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return WhyBlocked(new IPAddress(bytes.AsSpan(12, 4)));
        }

        return bytes[0] == 0x20 && bytes[1] == 0x02 ? WhyBlocked(new IPAddress(bytes.AsSpan(2, 4))) : null;
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix)
    {
        var a = BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes());
        var n = BinaryPrimitives.ReadUInt32BigEndian(network.GetAddressBytes());
        var mask = prefix == 0 ? 0u : uint.MaxValue << (32 - prefix);
        return (a & mask) == (n & mask);
    }
}
