using System.Net;
using Holler.Domain.Alerts;

namespace Holler.Tests.Domain.Alerts;

public sealed class TargetPolicyTests
{
    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.8.9.10")]
    [InlineData("10.1.2.3")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")] // cloud metadata
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::")]
    [InlineData("::1")]
    [InlineData("fe80::1")]
    [InlineData("fc00::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")] // IPv4-mapped
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("::127.0.0.1")] // IPv4-compatible
    [InlineData("64:ff9b::a00:1")] // NAT64 of 10.0.0.1
    [InlineData("2002:7f00:1::")] // 6to4 of 127.0.0.1
    public void Loopback_link_local_private_and_their_IPv6_forms_are_not_public(string address) =>
        Assert.True(TargetPolicy.IsNonPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("8.8.8.8")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:4700:4700::1111")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]
    public void Public_addresses_are_public(string address) =>
        Assert.False(TargetPolicy.IsNonPublic(IPAddress.Parse(address)));

    [Theory]
    [InlineData("ftp://hooks.example.com/x", "http or https")]
    [InlineData("file:///etc/passwd", "http or https")]
    [InlineData("https://user:pw@hooks.example.com/x", "user name or password")]
    [InlineData("http://127.0.0.1:8080/x", "private address")]
    [InlineData("http://[::ffff:10.0.0.1]/x", "private address")]
    [InlineData("http://localhost:8080/x", "local name")]
    [InlineData("http://printer.local/x", "local name")]
    public void Addresses_that_are_not_http_or_point_inwards_are_refused(string url, string reason) =>
        Assert.Contains(reason, TargetPolicy.CheckUrl(new Uri(url), allowPrivate: false));

    [Fact]
    public void The_override_allows_private_targets_but_not_other_schemes()
    {
        Assert.Null(TargetPolicy.CheckUrl(new Uri("http://127.0.0.1:8080/x"), allowPrivate: true));
        Assert.Null(TargetPolicy.CheckUrl(new Uri("http://localhost:8080/x"), allowPrivate: true));
        Assert.NotNull(TargetPolicy.CheckUrl(new Uri("ftp://127.0.0.1/x"), allowPrivate: true));
        Assert.Null(TargetPolicy.CheckUrl(new Uri("https://hooks.example.com/x"), allowPrivate: false));
    }

    [Fact]
    public void A_refusal_names_the_setting_that_allows_it()
    {
        var refusal = TargetPolicy.CheckAddress("hooks.example.com", IPAddress.Parse("10.0.0.5"), allowPrivate: false);

        Assert.Equal("hooks.example.com resolves to 10.0.0.5, a loopback, link-local or private address (set Alerts:AllowPrivateTargets=true to allow)", refusal);
    }
}
