using Holler.Web.Access;
using Microsoft.AspNetCore.Http;

namespace Holler.Tests.Access;

public sealed class SecurityHeadersTests
{
    [Fact]
    public void HSTS_is_sent_over_https_only_and_the_circuit_may_connect_back_to_its_own_host_only()
    {
        var plain = new DefaultHttpContext();
        plain.Request.Scheme = "http";
        plain.Request.Host = new HostString("dash.example.com:5080");
        SecurityHeaders.Apply(plain);
        var secure = new DefaultHttpContext();
        secure.Request.Scheme = "https";
        secure.Request.Host = new HostString("dash.example.com");
        SecurityHeaders.Apply(secure);

        Assert.False(plain.Response.Headers.ContainsKey("Strict-Transport-Security"));
        Assert.Equal("max-age=31536000; includeSubDomains", secure.Response.Headers.StrictTransportSecurity.ToString());
        Assert.Contains("connect-src 'self' ws://dash.example.com:5080 wss://dash.example.com:5080;", plain.Response.Headers.ContentSecurityPolicy.ToString());
        Assert.Equal("DENY", secure.Response.Headers.XFrameOptions.ToString());
    }

    [Theory]
    [InlineData("/business/b-1", "/business/b-1")]
    [InlineData("https://evil.example/", "/")]
    [InlineData("//evil.example/", "/")]
    [InlineData("/\\evil.example/", "/")]
    [InlineData(null, "/")]
    public void After_sign_in_only_a_path_on_this_site_is_followed(string? returnUrl, string expected) =>
        Assert.Equal(expected, AccessSetup.LocalOnly(returnUrl));
}
