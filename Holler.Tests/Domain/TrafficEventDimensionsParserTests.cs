using System.Text;
using Holler.Domain;

namespace Holler.Tests.Domain;

/// <summary>The optional dimension fields: each is read, normalised, and never makes a record fail.</summary>
public class TrafficEventDimensionsParserTests
{
    private const long Now = 1_795_438_379_342;

    private static EventDimensions Dimensions(string fields, DimensionValuePool? pool = null)
    {
        var json = $$"""{"business_id":"b","ts":{{Now}}{{(fields.Length > 0 ? "," : "")}}{{fields}}}""";
        Assert.True(TrafficEventParser.TryParse([], Encoding.UTF8.GetBytes(json), Now, ParseLimits.Default, out var evt,
            out var reason, values: pool), $"rejected as {reason}: {json}");
        Assert.Equal("b", evt.BusinessId);
        return evt.Dimensions;
    }

    [Fact]
    public void No_dimension_fields_read_as_none() => Assert.Equal(EventDimensions.None, Dimensions(""));

    [Theory]
    [InlineData("web", Platform.Web)]
    [InlineData("WEB", Platform.Web)]
    [InlineData("desktop", Platform.Web)]
    [InlineData("mobile-web", Platform.MobileWeb)]
    [InlineData("iOS", Platform.Ios)]
    [InlineData("android", Platform.Android)]
    [InlineData("app", Platform.App)]
    [InlineData(" android ", Platform.Android)]
    [InlineData("smart-fridge", Platform.Other)]
    [InlineData("a-platform-name-longer-than-sixteen-bytes", Platform.Other)]
    [InlineData("", Platform.Unknown)]
    public void Platforms_are_folded_to_a_byte(string sent, Platform expected) =>
        Assert.Equal(expected, Dimensions($$"""
            "platform":"{{sent}}"
            """).Platform);

    [Theory]
    [InlineData("\"platform\":null")]
    [InlineData("\"platform\":7")]
    [InlineData("\"platform\":{\"os\":\"ios\"}")]
    [InlineData("\"platform\":[\"web\"]")]
    public void A_platform_that_is_not_a_string_is_unknown(string field) => Assert.Equal(Platform.Unknown, Dimensions(field).Platform);

    [Theory]
    [InlineData(200, StatusClass.Success)]
    [InlineData(204, StatusClass.Success)]
    [InlineData(301, StatusClass.Redirect)]
    [InlineData(404, StatusClass.ClientError)]
    [InlineData(503, StatusClass.ServerError)]
    [InlineData(101, StatusClass.Informational)]
    [InlineData(0, StatusClass.Unknown)]
    [InlineData(99, StatusClass.Unknown)]
    [InlineData(600, StatusClass.Unknown)]
    public void Status_has_a_class(int status, StatusClass expected)
    {
        var json = $$"""{"business_id":"b","ts":{{Now}},"status":{{status}}}""";
        Assert.True(TrafficEventParser.TryParse([], Encoding.UTF8.GetBytes(json), Now, ParseLimits.Default, out var evt, out _));
        Assert.Equal(expected, evt.StatusClass);
    }

    [Theory]
    [InlineData("/menu", "/menu")]
    [InlineData("/menu?utm_source=x&id=42", "/menu")]
    [InlineData("/photos#top", "/photos")]
    [InlineData(" /Reviews ", "/Reviews")]
    [InlineData("/caf\\u00e9", "/café")]
    [InlineData("/a\\/b", "/a/b")]
    public void Paths_lose_query_and_fragment_and_keep_their_case(string sent, string expected) =>
        Assert.Equal(expected, Dimensions($$"""
            "path":"{{sent}}"
            """).Path);

    [Theory]
    [InlineData("\"path\":\"\"")]
    [InlineData("\"path\":\"?only=query\"")]
    [InlineData("\"path\":null")]
    [InlineData("\"path\":42")]
    [InlineData("\"path\":\"/a\\u0000b\"")]
    [InlineData("\"path\":\"/lone\\ud800\"")]
    public void Unusable_paths_are_absent_and_the_event_counts(string field) => Assert.Null(Dimensions(field).Path);

    [Fact]
    public void A_path_longer_than_the_limit_is_absent()
    {
        var longest = "/" + new string('a', TrafficEventParser.MaxDimensionBytes - 1);
        Assert.Equal(longest, Dimensions($$"""
            "path":"{{longest}}"
            """).Path);
        Assert.Null(Dimensions($$"""
            "path":"{{longest}}a"
            """).Path);
        Assert.Null(Dimensions($$"""
            "path":"{{new string('a', 20_000)}}"
            """).Path);
    }

    [Fact]
    public void A_path_with_invalid_utf8_is_absent()
    {
        var json = Encoding.UTF8.GetBytes($$"""{"business_id":"b","ts":{{Now}},"path":"/x~~"}""");
        var at = Array.IndexOf(json, (byte)'~');
        json[at] = 0xC3;
        json[at + 1] = 0x28;
        var ok = TrafficEventParser.TryParse([], json, Now, ParseLimits.Default, out var evt, out var reason);
        Assert.True(ok, reason.ToString());
        Assert.Null(evt.Dimensions.Path);
    }

    [Theory]
    [InlineData("search", "search")]
    [InlineData("Social", "social")]
    [InlineData("https://www.Google.com/search?q=pizza", "google.com")]
    [InlineData("http://user@news.example.org:8080/a", "news.example.org")]
    [InlineData("android-app://com.example", "com.example")]
    public void Referrers_are_categories_or_hosts_in_lower_case(string sent, string expected) =>
        Assert.Equal(expected, Dimensions($$"""
            "referrer":"{{sent}}"
            """).Referrer);

    [Theory]
    [InlineData("\"referrer\":\"https://\"")]
    [InlineData("\"referrer\":true")]
    [InlineData("\"referrer\":\"\"")]
    public void Unusable_referrers_are_absent(string field) => Assert.Null(Dimensions(field).Referrer);

    [Theory]
    [InlineData("US-CA-06037", "US-CA-06037")]
    [InlineData("us-ny-36061", "US-NY-36061")]
    [InlineData("US-TX", "US-TX")]
    public void Regions_are_codes_in_upper_case(string sent, string expected) =>
        Assert.Equal(expected, Dimensions($$"""
            "region":"{{sent}}"
            """).Region);

    [Theory]
    [InlineData("\"region\":\"a-region-name-that-is-far-too-long-to-be-a-code\"")]
    [InlineData("\"region\":6037")]
    [InlineData("\"region\":\"\"")]
    public void Unusable_regions_are_absent(string field) => Assert.Null(Dimensions(field).Region);

    [Fact]
    public void Users_and_sessions_are_kept_as_hashes()
    {
        var d = Dimensions("\"user_id\":\"u-81723\",\"session_id\":\"s-9f2\"");
        Assert.Equal(EventHash.Of("u-81723"u8), d.UserHash);
        Assert.Equal(EventHash.Of("s-9f2"u8), d.SessionHash);
        Assert.NotEqual(d.UserHash, Dimensions("\"user_id\":\"u-81724\"").UserHash);
    }

    [Fact]
    public void A_numeric_user_id_is_the_same_user_as_its_digits_in_a_string() =>
        Assert.Equal(Dimensions("\"user_id\":\"81723\"").UserHash, Dimensions("\"user_id\":81723").UserHash);

    [Theory]
    [InlineData("\"user_id\":\"\"")]
    [InlineData("\"user_id\":null")]
    [InlineData("\"user_id\":{\"id\":1}")]
    [InlineData("\"user_id\":[1,2]")]
    public void Unusable_user_ids_are_absent(string field) => Assert.Equal(0UL, Dimensions(field).UserHash);

    [Fact]
    public void The_last_occurrence_of_a_dimension_wins() =>
        Assert.Equal(Platform.Android, Dimensions("\"platform\":\"web\",\"platform\":\"android\"").Platform);

    [Fact]
    public void Bad_dimensions_never_reject_the_record()
    {
        var d = Dimensions("\"platform\":[],\"path\":{},\"referrer\":1.5,\"region\":false,\"user_id\":null,\"session_id\":[{}]");
        Assert.Equal(EventDimensions.None, d);
    }

    [Fact]
    public void A_pool_hands_out_one_instance_per_value()
    {
        var pool = new DimensionValuePool();
        var first = Dimensions("\"path\":\"/menu\",\"referrer\":\"search\",\"region\":\"US-CA-06037\"", pool);
        var second = Dimensions("\"path\":\"/menu?x=1\",\"referrer\":\"SEARCH\",\"region\":\"us-ca-06037\"", pool);

        Assert.Same(first.Path, second.Path);
        Assert.Same(first.Referrer, second.Referrer);
        Assert.Same(first.Region, second.Region);
        Assert.Equal(3, pool.Count);
    }

    [Fact]
    public void A_full_pool_still_returns_values_but_keeps_no_more()
    {
        var pool = new DimensionValuePool(capacity: 1);
        Assert.Equal("/a", Dimensions("\"path\":\"/a\"", pool).Path);
        var b1 = Dimensions("\"path\":\"/b\"", pool).Path;
        var b2 = Dimensions("\"path\":\"/b\"", pool).Path;

        Assert.Equal("/b", b1);
        Assert.NotSame(b1, b2);
        Assert.Equal(1, pool.Count);
    }
}
