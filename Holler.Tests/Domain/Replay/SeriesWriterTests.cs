using System.Globalization;
using Holler.Domain.Replay;

namespace Holler.Tests.Domain.Replay;

public class SeriesWriterTests
{
    private static string Write(params ScoredRow[] rows) => Write(explain: false, rows);

    private static string Write(bool explain, params ScoredRow[] rows)
    {
        var output = new StringWriter { NewLine = "\n" };
        SeriesWriter.Write(output, rows, explain);
        return output.ToString();
    }

    [Fact]
    public void Writes_the_header_the_original_timestamp_and_the_score_at_full_precision()
    {
        var row = new ScoredRow(new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero), 12.5, 0.123456) { TimestampText = "1709510400" };

        Assert.Equal("timestamp,value,anomaly_score\n1709510400,12.5,0.123456\n", Write(row));
    }

    [Fact]
    public void Scores_that_differ_only_past_the_fourth_decimal_stay_distinct_and_read_back_exactly()
    {
        // A threshold sweep over the written scores would see ties if they were rounded.
        var low = new ScoredRow(SyntheticSeries.Start, 1, 0.99991) { TimestampText = "a" };
        var high = new ScoredRow(SyntheticSeries.Start, 1, 0.99994) { TimestampText = "b" };

        var scores = Write(low, high).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => double.Parse(line.Split(',')[2], CultureInfo.InvariantCulture)).ToArray();

        Assert.Equal([0.99991, 0.99994], scores);
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

    [Fact]
    public void Explained_rows_add_the_expectation_and_the_severity_leaving_an_unknown_expectation_empty()
    {
        var warm = new ScoredRow(SyntheticSeries.Start, 9, 0.75) { TimestampText = "t1", Expected = 4.5, Severity = 2.25 };
        var cold = new ScoredRow(SyntheticSeries.Start, 3, 0) { TimestampText = "t0", Expected = double.NaN };

        Assert.Equal("timestamp,value,anomaly_score,expected,severity\nt0,3,0,,0\nt1,9,0.75,4.5,2.25\n", Write(explain: true, cold, warm));
    }
}
