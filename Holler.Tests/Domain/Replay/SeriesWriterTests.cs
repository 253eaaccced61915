using Holler.Domain.Replay;

namespace Holler.Tests.Domain.Replay;

public class SeriesWriterTests
{
    private static string Write(params ScoredRow[] rows)
    {
        var output = new StringWriter { NewLine = "\n" };
        SeriesWriter.Write(output, rows);
        return output.ToString();
    }

    [Fact]
    public void Writes_the_header_the_original_timestamp_and_four_decimals()
    {
        var row = new ScoredRow(new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero), 12.5, 0.123456) { TimestampText = "1709510400" };

        Assert.Equal("timestamp,value,anomaly_score\n1709510400,12.5,0.1235\n", Write(row));
    }

    [Fact]
    public void Whole_values_and_zero_scores_are_plain()
    {
        var row = new ScoredRow(SyntheticSeries.Start, 7, 0) { TimestampText = "2024-03-04 00:00:00" };

        Assert.EndsWith("2024-03-04 00:00:00,7,0.0000\n", Write(row));
    }

    [Fact]
    public void A_timestamp_holding_a_comma_or_quote_is_quoted()
    {
        var row = new ScoredRow(SyntheticSeries.Start, 1, 1) { TimestampText = "Mar 4, \"2024\"" };

        Assert.EndsWith("\"Mar 4, \"\"2024\"\"\",1,1.0000\n", Write(row));
    }

    [Fact]
    public void A_row_not_read_from_text_gets_an_iso_timestamp()
    {
        var row = new ScoredRow(new DateTimeOffset(2024, 3, 4, 1, 2, 3, TimeSpan.FromHours(2)), 1, 0.5);

        Assert.EndsWith("2024-03-04T01:02:03.0000000+02:00,1,0.5000\n", Write(row));
    }
}
