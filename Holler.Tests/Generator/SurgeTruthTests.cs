using Holler.Generation;

namespace Holler.Tests.Generator;

public class SurgeTruthTests
{
    private static readonly SurgeTruth Sample = new("Xc1pq8-Ab_0123456789xy",
        DateTimeOffset.FromUnixTimeMilliseconds(1_795_438_379_342), DateTimeOffset.FromUnixTimeMilliseconds(1_795_438_469_342), 12.5, 3.25);

    [Fact]
    public void Round_trips_through_a_json_line()
    {
        var line = Sample.ToJsonLine();
        Assert.Equal("""{"business_id":"Xc1pq8-Ab_0123456789xy","start":"2026-11-23T12:52:59.342Z","end":"2026-11-23T12:54:29.342Z","magnitude":12.5,"extra_per_second":3.25}""", line);
        Assert.Equal(Sample, SurgeTruth.Parse(line));
    }

    [Fact]
    public void Reads_a_file_of_lines_and_rejects_a_bad_one()
    {
        var good = Sample.ToJsonLine() + "\n\n" + (Sample with { BusinessId = "other" }).ToJsonLine() + "\n";
        Assert.Equal([Sample, Sample with { BusinessId = "other" }], SurgeTruth.ReadAll(new StringReader(good)));

        var e = Assert.Throws<FormatException>(() => SurgeTruth.ReadAll(new StringReader(good + "{\"business_id\":\"x\"}\n")));
        Assert.StartsWith("line 4:", e.Message);
    }

    [Fact]
    public void Accepts_offsets_and_normalises_to_utc()
    {
        var parsed = SurgeTruth.Parse("""{"business_id":"b","start":"2026-01-01T01:00:00+01:00","end":"2026-01-01T00:01:30Z","magnitude":8,"extra_per_second":3}""");
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), parsed.Start);
        Assert.Equal(TimeSpan.Zero, parsed.Start.Offset);
    }
}
