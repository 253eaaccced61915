using System.Globalization;

namespace Holler.Domain.Replay;

/// <summary>Writes <c>timestamp,value,anomaly_score</c>: the timestamp as the input spelled it, the score to 4 decimals.</summary>
public static class SeriesWriter
{
    public const string Header = "timestamp,value,anomaly_score";

    public static void Write(TextWriter output, IEnumerable<ScoredRow> rows)
    {
        output.WriteLine(Header);
        foreach (var row in rows) WriteRow(output, row);
    }

    public static void WriteRow(TextWriter output, ScoredRow row)
    {
        var timestamp = row.TimestampText.Length > 0 ? row.TimestampText : row.Timestamp.ToString("O", CultureInfo.InvariantCulture);
        output.Write(Quoted(timestamp));
        output.Write(',');
        output.Write(row.Value.ToString(CultureInfo.InvariantCulture));
        output.Write(',');
        output.WriteLine(row.Score.ToString("F4", CultureInfo.InvariantCulture));
    }

    private static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
