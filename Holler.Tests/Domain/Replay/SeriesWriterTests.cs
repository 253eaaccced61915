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
    public void Writes_the_header_the_original_timestamp_and_the_score_at_full_precision()
    {
        var row = new ScoredRow(new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero), 12.5, 0.123456) { TimestampText = "1709510400" };

        Assert.Equal("timestamp,value,anomaly_score\n1709510400,12.5,0.123456\n", Write(row));
    }

    [Fact]
    public void Scores_that_differ_in_the_last_digits_stay_apart()
    {
        // Severities never saturate, so near 1 the ranking lives in the last digits: rounding would tie distinct rows.
        const double a = 0.99999999999, b = 0.999999999991;
        var text = Write(new ScoredRow(SyntheticSeries.Start, 1, a) { TimestampText = "a" }, new ScoredRow(SyntheticSeries.Start, 1, b) { TimestampText = "b" });

        var scores = text.TrimEnd('\n').Split('\n').Skip(1).Select(l => double.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([a, b], scores);
    }

    [Fact]
    public void Whole_values_and_zero_scores_are_plain()
    {
        var row = new ScoredRow(SyntheticSeries.Start, 7, 0) { TimestampText = "2024-03-04 00:00:00" };

        Assert.EndsWith("2024-03-04 00:00:00,7,0\n", Write(row));
    }

    [Fact]
    public void A_timestamp_holding_a_comma_or_quote_is_quoted()
    {
        var row = new ScoredRow(SyntheticSeries.Start, 1, 1) { TimestampText = "Mar 4, \"2024\"" };

        Assert.EndsWith("\"Mar 4, \"\"2024\"\"\",1,1\n", Write(row));
    }

    [Fact]
    public void A_row_not_read_from_text_gets_an_iso_timestamp()
    {
        var row = new ScoredRow(new DateTimeOffset(2024, 3, 4, 1, 2, 3, TimeSpan.FromHours(2)), 1, 0.5);

        Assert.EndsWith("2024-03-04T01:02:03.0000000+02:00,1,0.5\n", Write(row));
    }
}
