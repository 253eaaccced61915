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
        WriteNumber(output, row.Value);
        output.Write(',');
        WriteNumber(output, row.Score);
        if (explain)
        {
            output.Write(',');
            if (double.IsFinite(row.Expected)) WriteNumber(output, row.Expected);
            output.Write(',');
            WriteNumber(output, row.Severity);
        }
        output.WriteLine();
    }

    /// <summary>Shortest text that reads back as the same double (as "R"), without a string per number.</summary>
    private static void WriteNumber(TextWriter output, double value)
    {
        Span<char> buffer = stackalloc char[32];
        if (value.TryFormat(buffer, out var written, "R", CultureInfo.InvariantCulture)) output.Write(buffer[..written]);
        else output.Write(value.ToString("R", CultureInfo.InvariantCulture));
    }

    private static string Quoted(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") < 0 ? field : "\"" + field.Replace("\"", "\"\"") + "\"";
}
