namespace Holler.Tests.Domain.Replay;

/// <summary>Seeded count series with daily seasonality and Poisson noise, as web traffic looks per interval.</summary>
internal static class SyntheticSeries
{
    public static readonly DateTimeOffset Start = new(2024, 3, 4, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Expected count at row <paramref name="index"/>: 100 per 5 minutes on average, 40 at night, 160 at peak.</summary>
    public static double Expected(int index, TimeSpan interval) =>
        100 * interval.TotalMinutes / 5 * (1 + 0.6 * Math.Sin(2 * Math.PI * (index * interval.TotalMinutes) / (24 * 60)));

    public static List<(DateTimeOffset Timestamp, double Value)> Generate(int seed, TimeSpan interval, int rows)
    {
        var random = new Random(seed);
        var series = new List<(DateTimeOffset, double)>(rows);
        for (var i = 0; i < rows; i++) series.Add((Start + i * interval, Poisson.Sample(random, Expected(i, interval))));
        return series;
    }

    public static string ToCsv(IEnumerable<(DateTimeOffset Timestamp, double Value)> series)
    {
        var text = new System.Text.StringBuilder("timestamp,value\n");
        foreach (var (timestamp, value) in series)
            text.Append(timestamp.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss")).Append(',').Append(value).Append('\n');
        return text.ToString();
    }

    public static List<Holler.Domain.Replay.SeriesRow> ToRows(IEnumerable<(DateTimeOffset Timestamp, double Value)> series) =>
        series.Select((row, i) => new Holler.Domain.Replay.SeriesRow(i + 2, row.Timestamp.ToString("O"), row.Timestamp, row.Value)).ToList();
}
