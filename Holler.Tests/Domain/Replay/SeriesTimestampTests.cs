using Holler.Domain.Replay;

namespace Holler.Tests.Domain.Replay;

public class SeriesTimestampTests
{
    [Theory]
    [InlineData("2024-03-04T05:06:07Z", "2024-03-04T05:06:07+00:00")]
    [InlineData("2024-03-04T05:06:07", "2024-03-04T05:06:07+00:00")] // no offset: UTC
    [InlineData("2024-03-04T05:06:07.250+02:00", "2024-03-04T05:06:07.25+02:00")]
    [InlineData("2024-03-04T05:06:07-05:00", "2024-03-04T05:06:07-05:00")]
    [InlineData("2024-03-04T05:06Z", "2024-03-04T05:06:00+00:00")]
    [InlineData("2024-03-04 05:06:07", "2024-03-04T05:06:07+00:00")]
    [InlineData("2024-03-04 05:06", "2024-03-04T05:06:00+00:00")]
    [InlineData("2024-03-04", "2024-03-04T00:00:00+00:00")]
    [InlineData("1709528767", "2024-03-04T05:06:07+00:00")] // Unix seconds
    [InlineData("1709528767.5", "2024-03-04T05:06:07.5+00:00")]
    [InlineData("1709528767250", "2024-03-04T05:06:07.25+00:00")] // Unix milliseconds (> 1e11)
    [InlineData("0", "1970-01-01T00:00:00+00:00")]
    public void Each_form_parses(string text, string expected)
    {
        Assert.True(SeriesTimestamp.TryParse(text, out var timestamp));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), timestamp);
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture).Offset, timestamp.Offset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2024-13-01 00:00:00")]
    [InlineData("2024-03-04 25:00:00")]
    [InlineData("04/03/2024 05:06")]
    [InlineData("1e9")]
    [InlineData("99999999999999999999999")]
    [InlineData("12abc")]
    public void Anything_else_does_not(string text) => Assert.False(SeriesTimestamp.TryParse(text, out _));
}
