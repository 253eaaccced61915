using Holler.Domain.Alerts;

namespace Holler.Tests.Domain.Alerts;

public sealed class WebhookSignatureTests
{
    private const string Body = """{"schema":"holler.alert/v1"}""";

    [Fact]
    public void The_signature_is_the_hex_HMAC_SHA256_of_timestamp_dot_body_as_openssl_computes_it()
    {
        // printf '%s' '1750000000.{"schema":"holler.alert/v1"}' | openssl dgst -sha256 -hmac 'whsec_test' -hex
        Assert.Equal("t=1750000000,v1=83052132cc1ebcb3dbc4cdad4228d22aa5b3e7e2e0e29facc2130f684678d0a8",
            WebhookSignature.Sign("whsec_test", 1_750_000_000, Body));
    }

    [Fact]
    public void A_signature_verifies_with_its_secret_within_the_tolerance()
    {
        var header = WebhookSignature.Sign("s3cret", 1_750_000_000, Body);

        Assert.True(WebhookSignature.Verify(header, "s3cret", Body, 1_750_000_200, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void A_changed_body_another_secret_or_an_old_timestamp_fails()
    {
        var header = WebhookSignature.Sign("s3cret", 1_750_000_000, Body);

        Assert.False(WebhookSignature.Verify(header, "s3cret", Body + " ", 1_750_000_000, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(header, "other", Body, 1_750_000_000, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(header, "s3cret", Body, 1_750_000_301, WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify(header.Replace("t=1750000000", "t=1750000001"), "s3cret", Body, 1_750_000_000,
            WebhookSignature.DefaultTolerance));
        Assert.False(WebhookSignature.Verify("v1=abc", "s3cret", Body, 1_750_000_000, WebhookSignature.DefaultTolerance));
    }

    [Fact]
    public void Any_of_several_v1_entries_may_match_so_secrets_can_be_rotated()
    {
        var good = WebhookSignature.Sign("new", 1_750_000_000, Body);
        var header = $"t=1750000000,v1={new string('0', 64)},{good.Split(',')[1]}";

        Assert.True(WebhookSignature.Verify(header, "new", Body, 1_750_000_000, WebhookSignature.DefaultTolerance));
    }
}
