using Holler.Domain.Replay;

namespace Holler.Tests.Domain.Replay;

public class SeriesReaderTests
{
    private static List<SeriesRow> Read(string text) => SeriesReader.Read(new StringReader(text)).ToList();

    [Fact]
    public void Reads_rows_after_a_header_with_any_names()
    {
        var rows = Read("when,hits,extra\n2024-03-04 00:00:00,12,x\n2024-03-04 00:05:00,3.5,y\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(new SeriesRow(2, "2024-03-04 00:00:00", new DateTimeOffset(2024, 3, 4, 0, 0, 0, TimeSpan.Zero), 12), rows[0]);
        Assert.Equal(3.5, rows[1].Value);
        Assert.Equal(3, rows[1].Line);
    }

    [Fact]
    public void Tolerates_quotes_blank_lines_crlf_and_a_byte_order_mark()
    {
        var rows = Read("\uFEFF\"timestamp\",\"value\"\r\n\r\n\"2024-03-04T00:00:00Z\", \"7\" \r\n   \r\n1709510700,\"8\"\r\n");

        Assert.Equal([7.0, 8.0], rows.Select(r => r.Value));
        Assert.Equal("2024-03-04T00:00:00Z", rows[0].TimestampText);
        Assert.Equal([3, 5], rows.Select(r => r.Line));
    }

    [Fact]
    public void A_quoted_field_may_hold_commas_and_doubled_quotes()
    {
        var rows = Read("t,v,note\n2024-03-04,1,\"a, \"\"b\"\"\"\n\"2024-03-05\",\"2\"\n");

        Assert.Equal(2, rows.Count);
    }

    [Fact]
    public void A_file_without_a_header_keeps_its_first_row()
    {
        var rows = Read("2024-03-04 00:00:00,1\n2024-03-04 00:05:00,2\n");

        Assert.Equal([1.0, 2.0], rows.Select(r => r.Value));
    }

    [Fact]
    public void An_empty_input_or_a_lone_header_has_no_rows()
    {
        Assert.Empty(Read(""));
        Assert.Empty(Read("timestamp,value\n"));
    }

    [Theory]
    [InlineData("2024-03-04 00:05:00;2", "line 3: expected at least 2 columns, found 1: 2024-03-04 00:05:00;2")]
    [InlineData("2024-02-30 00:00:00,2", "line 3: cannot read timestamp '2024-02-30 00:00:00'")]
    [InlineData("2024-03-04 00:05:00,lots", "line 3: cannot read value 'lots'")]
    [InlineData("2024-03-04 00:05:00,", "line 3: cannot read value ''")]
    [InlineData("2024-03-04 00:05:00,NaN", "line 3: cannot read value 'NaN'")]
    [InlineData("2024-03-04 00:05:00,\"12", "line 3: a quoted field is not closed")]
    [InlineData("\"2024-03-04\"x,12", "line 3: unexpected text after a quoted field")]
    [InlineData("2024-03-04 00:05:00,1,5", null)] // extra columns are fine
    public void A_bad_row_is_a_format_error_naming_its_line_and_content(string row, string? expected)
    {
        var text = $"timestamp,value\n2024-03-04 00:00:00,1\n{row}\n2024-03-04 00:10:00,3\n";

        if (expected is null)
        {
            Assert.Equal(3, Read(text).Count);
            return;
        }
        var error = Assert.Throws<FormatException>(() => Read(text));
        Assert.StartsWith(expected, error.Message);
        Assert.EndsWith(row, error.Message);
    }

    [Fact]
    public void Rows_before_a_bad_one_are_streamed_first()
    {
        using var reader = new StringReader("t,v\n2024-03-04,1\noops,2\n");
        using var rows = SeriesReader.Read(reader).GetEnumerator();

        Assert.True(rows.MoveNext());
        Assert.Throws<FormatException>(() => rows.MoveNext());
    }

    [Fact]
    public void Values_accept_signs_decimals_and_exponents()
    {
        var rows = Read("t,v\n2024-03-04,-1.5\n2024-03-05,2e3\n2024-03-06, 7 \n");

        Assert.Equal([-1.5, 2000, 7], rows.Select(r => r.Value));
    }
}
