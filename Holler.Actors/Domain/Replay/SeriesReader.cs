using System.Globalization;

namespace Holler.Domain.Replay;

/// <summary>
/// Reads a <c>timestamp,value</c> CSV: a header line (any names; only the first two columns are read), then one row
/// per line. Blank lines are skipped. A row that cannot be read throws <see cref="FormatException"/> naming its line.
/// </summary>
public static class SeriesReader
{
    private const int MaxQuotedContent = 200;

    public static IEnumerable<SeriesRow> Read(TextReader reader)
    {
        var fields = new List<string>(2);
        var lineNumber = 0;
        var headerSeen = false;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (lineNumber == 1 && line.Length > 0 && line[0] == '\uFEFF') line = line[1..];
            if (string.IsNullOrWhiteSpace(line)) continue;

            var problem = CsvFields.TryReadLeading(line, 2, fields);
            if (!headerSeen)
            {
                headerSeen = true;
                // A file without a header starts with a row; reading it as one is kinder than dropping it.
                if (problem is null && TryParseRow(fields, lineNumber, out var first)) yield return first;
                continue;
            }
            if (problem is not null) throw Bad(lineNumber, problem, line);
            if (!SeriesTimestamp.TryParse(fields[0], out var timestamp))
                throw Bad(lineNumber, $"cannot read timestamp '{fields[0]}' (expected ISO-8601, yyyy-MM-dd HH:mm:ss or Unix seconds/milliseconds)", line);
            if (!TryParseValue(fields[1], out var value))
                throw Bad(lineNumber, $"cannot read value '{fields[1]}' (expected a finite number like 12 or 3.5)", line);
            yield return new SeriesRow(lineNumber, fields[0], timestamp, value);
        }
    }

    private static bool TryParseRow(List<string> fields, int lineNumber, out SeriesRow row)
    {
        row = null!;
        if (!SeriesTimestamp.TryParse(fields[0], out var timestamp) || !TryParseValue(fields[1], out var value)) return false;
        row = new SeriesRow(lineNumber, fields[0], timestamp, value);
        return true;
    }

    private static bool TryParseValue(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    internal static FormatException Bad(int lineNumber, string problem, string line)
    {
        var content = line.Length > MaxQuotedContent ? line[..MaxQuotedContent] + "…" : line;
        return new FormatException($"line {lineNumber}: {problem}: {content}");
    }
}
