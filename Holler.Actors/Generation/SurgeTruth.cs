using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Holler.Generation;

/// <summary>
/// A surge the generator injected on purpose: the ground truth detection is scored against.
/// Stored as JSON lines: {"business_id","start","end","magnitude","extra_per_second"}, times ISO-8601 UTC.
/// </summary>
public sealed record SurgeTruth(string BusinessId, DateTimeOffset Start, DateTimeOffset End, double Magnitude, double ExtraEventsPerSecond)
{
    public string ToJsonLine()
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("business_id", BusinessId);
            writer.WriteString("start", Start.UtcDateTime);
            writer.WriteString("end", End.UtcDateTime);
            writer.WriteNumber("magnitude", Magnitude);
            writer.WriteNumber("extra_per_second", ExtraEventsPerSecond);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <exception cref="FormatException">The line is not a surge object.</exception>
    public static SurgeTruth Parse(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            return new SurgeTruth(
                root.GetProperty("business_id").GetString() ?? throw new FormatException("business_id is null"),
                root.GetProperty("start").GetDateTimeOffset().ToUniversalTime(),
                root.GetProperty("end").GetDateTimeOffset().ToUniversalTime(),
                root.GetProperty("magnitude").GetDouble(),
                root.GetProperty("extra_per_second").GetDouble());
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new FormatException($"not a surge truth line: {e.Message}", e);
        }
    }

    /// <summary>Blank lines are ignored; a malformed line throws, since silently dropping ground truth would skew scores.</summary>
    public static IReadOnlyList<SurgeTruth> ReadAll(TextReader reader)
    {
        var surges = new List<SurgeTruth>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                surges.Add(Parse(line));
            }
            catch (FormatException e)
            {
                throw new FormatException($"line {number}: {e.Message}", e);
            }
        }
        return surges;
    }

    public static IReadOnlyList<SurgeTruth> ReadFile(string path)
    {
        using var reader = File.OpenText(path);
        return ReadAll(reader);
    }
}
