using System.Globalization;

namespace Holler.Domain.Replay;

/// <summary>
/// Writes <c>timestamp,value,anomaly_score</c>: the timestamp as the input spelled it, the score at full precision
/// (rounding would make distinct scores tie). With <c>explain</c>, also what the model expected and the severity.
/// </summary>
public static class SeriesWriter
{
    public const string Header = "timestamp,value,anomaly_score";
    public const string ExplainedHeader = Header + ",expected,severity";

    public static void Write(TextWriter output, IEnumerable<ScoredRow> rows, bool explain = false)
    {
        output.WriteLine(explain ? ExplainedHeader : Header);
        foreach (var row in rows) WriteRow(output, row, explain);
    }

    public static void WriteRow(TextWriter output, ScoredRow row, bool explain = false)
    {
        var timestamp = row.TimestampText.Length > 0 ? row.TimestampText : row.Timestamp.ToString("O", CultureInfo.InvariantCulture);
        output.Write(Quoted(timestamp));
        output.Write(',');
        output.Write(row.Value.ToString(CultureInfo.InvariantCulture));
        output.Write(',');
        output.Write(row.Score.ToString("R", CultureInfo.InvariantCulture));
        if (explain)
        {
            output.Write(',');
            if (double.IsFinite(row.Expected)) output.Write(row.Expected.ToString("R", CultureInfo.InvariantCulture));
            output.Write(',');
            output.Write(row.Severity.ToString("R", CultureInfo.InvariantCulture));
        }
        output.WriteLine();
    }

    private static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
