using System.Net;
using VodManager.Core.Ingest.Video;

namespace VodManager.Tests.Ingest.Video;

public sealed class AddressPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1", "loopback")]
    [InlineData("127.8.9.10", "loopback")]
    [InlineData("::1", "loopback")]
    [InlineData("::ffff:127.0.0.1", "loopback")]
    [InlineData("10.1.2.3", "private")]
    [InlineData("172.20.0.1", "private")]
    [InlineData("192.168.1.20", "private")]
    [InlineData("169.254.169.254", "link-local")]
    [InlineData("fe80::1", "link-local")]
    [InlineData("fd12:3456::1", "private")]
    [InlineData("100.64.0.1", "carrier-grade NAT")]
    [InlineData("0.0.0.0", "unspecified")]
    [InlineData("224.0.0.251", "multicast")]
    [InlineData("64:ff9b::a00:1", "private")]
    [InlineData("2002:7f00:1::", "loopback")]
    public void Non_public_addresses_are_blocked_and_named(string address, string expected)
    {
        Assert.Contains(expected, AddressPolicy.WhyBlocked(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("2606:4700::1111")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.Null(AddressPolicy.WhyBlocked(IPAddress.Parse(address)));
    }

    [Fact]
    public void A_public_address_is_blocked_once_it_is_one_of_the_machines_own()
    {
        var somePublic = IPAddress.Parse("8.8.8.8");
        Assert.False(AddressPolicy.IsBlocked(somePublic, new HashSet<IPAddress>()));
        Assert.True(AddressPolicy.IsBlocked(somePublic, new HashSet<IPAddress> { somePublic }));
        Assert.True(AddressPolicy.IsBlocked(IPAddress.Parse("::ffff:8.8.8.8"), new HashSet<IPAddress> { somePublic }));
    }
}
