namespace Holler.Domain.Replay;

/// <summary>The leading fields of one CSV line (RFC 4180 quoting, but a quoted field cannot span lines).</summary>
internal static class CsvFields
{
    /// <summary>Reads the first <paramref name="count"/> fields; the rest of the line is not looked at.</summary>
    /// <returns>Null when the line is well-formed, otherwise what is wrong with it.</returns>
    public static string? TryReadLeading(string line, int count, List<string> fields)
    {
        fields.Clear();
        var position = 0;
        while (fields.Count < count)
        {
            if (position > line.Length) return $"expected at least {count} columns, found {fields.Count}";
            while (position < line.Length && line[position] is ' ' or '\t') position++;
            string field;
            if (position < line.Length && line[position] == '"')
            {
                var text = new System.Text.StringBuilder();
                position++;
                while (true)
                {
                    if (position >= line.Length) return "a quoted field is not closed";
                    if (line[position] == '"')
                    {
                        if (position + 1 < line.Length && line[position + 1] == '"')
                        {
                            text.Append('"');
                            position += 2;
                            continue;
                        }
                        position++;
                        break;
                    }
                    text.Append(line[position++]);
                }
                while (position < line.Length && line[position] is ' ' or '\t') position++;
                if (position < line.Length && line[position] != ',') return "unexpected text after a quoted field";
                field = text.ToString();
            }
            else
            {
                var comma = line.IndexOf(',', position);
                var end = comma < 0 ? line.Length : comma;
                field = line[position..end].Trim();
                position = end;
            }
            fields.Add(field);
            position++; // past the comma; past the end when there was none, which the next field reports
        }
        return null;
    }
}
