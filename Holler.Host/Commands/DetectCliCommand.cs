using System.CommandLine;
using Holler.Domain.Detection;
using Holler.Domain.Replay;

namespace Holler.Host.Commands;

/// <summary><c>holler detect</c>: scores a timestamp,value CSV with the live trackers' seasonal model.</summary>
public static class DetectCliCommand
{
    private const string Name = "detect";

    public static Command Create()
    {
        var input = new Argument<string?>("file") { Description = "CSV with a header and timestamp,value rows; - or nothing reads standard input", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--out", "-o") { Description = "Write timestamp,value,anomaly_score here instead of standard output" };
        var kind = new Option<string>("--kind") { Description = "count, gauge or auto: non-negative whole numbers in the first rows are counts (default: auto)", DefaultValueFactory = _ => "auto" };
        var season = new Option<string>("--season") { Description = "Rhythms to learn: weekly, daily, none or auto (weekly for anything sampled more often than weekly)", DefaultValueFactory = _ => "auto" };
        var direction = new Option<string>("--direction") { Description = "surge, drop or both (default: both; live trackers default to surge)", DefaultValueFactory = _ => "both" };
        var threshold = new Option<double>("--threshold") { Description = $"Severity (-log10 of the tail probability) that scores 0.5 (default: {ModelSettings.DefaultThreshold}, as live)", DefaultValueFactory = _ => ModelSettings.DefaultThreshold };
        var halfLife = new Option<string>("--half-life") { Description = "Half-life of the level, e.g. 30m (default: 30m, as live)", DefaultValueFactory = _ => "30m" };
        var adopt = new Option<string>("--adopt-after") { Description = "A deviation lasting this long becomes the new level (default: 1h, as live)", DefaultValueFactory = _ => "1h" };
        var warmup = new Option<string>("--warmup") { Description = "Rows in this much time at the start score 0 while the model learns (default: 1h; at least 5 rows)", DefaultValueFactory = _ => "1h" };
        var zone = new Option<string?>("--time-zone") { Description = "IANA zone whose clock the rhythm follows, e.g. America/Chicago (default: each timestamp's clock as written)" };
        var holidays = new Option<string>("--holidays") { Description = "none or us: holidays keep Sunday's rhythm (default: none)", DefaultValueFactory = _ => "none" };
        var explain = new Option<bool>("--explain") { Description = "Add the expected value and the severity to each row" };
        var command = new Command(Name, "Score a time series offline with the same seasonal model as the live trackers")
        {
            input, output, kind, season, direction, threshold, halfLife, adopt, warmup, zone, holidays, explain,
        };
        command.SetAction(async (parse, token) =>
        {
            var problems = new List<string>();
            ValueKind? valueKind = parse.GetValue(kind)?.ToLowerInvariant() switch
            {
                "auto" => null, "count" => ValueKind.Count, "gauge" => ValueKind.Gauge,
                var other => Problem<ValueKind>(problems, $"--kind: '{other}' is not count, gauge or auto"),
            };
            SeasonMode? seasonMode = parse.GetValue(season)?.ToLowerInvariant() switch
            {
                "auto" => null, "none" => SeasonMode.None, "daily" => SeasonMode.Daily, "weekly" => SeasonMode.Weekly,
                var other => Problem<SeasonMode>(problems, $"--season: '{other}' is not auto, daily, weekly or none"),
            };
            var watched = parse.GetValue(direction)?.ToLowerInvariant() switch
            {
                "surge" => DetectionDirection.Surge, "drop" => DetectionDirection.Drop, "both" => DetectionDirection.Both,
                var other => Problem<DetectionDirection>(problems, $"--direction: '{other}' is not surge, drop or both") ?? DetectionDirection.Both,
            };
            if (!Durations.TryParse(parse.GetValue(halfLife), out var half)) problems.Add($"--half-life: '{parse.GetValue(halfLife)}' is not a duration like 30m");
            if (!Durations.TryParse(parse.GetValue(adopt), out var adoptAfter)) problems.Add($"--adopt-after: '{parse.GetValue(adopt)}' is not a duration like 1h");
            if (!Durations.TryParse(parse.GetValue(warmup), out var warm)) problems.Add($"--warmup: '{parse.GetValue(warmup)}' is not a duration like 1h");
            if (!HolidayCalendar.TryParse(parse.GetValue(holidays) ?? "", out var calendar)) problems.Add($"--holidays: '{parse.GetValue(holidays)}' is not none or us");
            TimeZoneInfo? timeZone = null;
            if (parse.GetValue(zone) is { } zoneId && !TryFindZone(zoneId, out timeZone)) problems.Add($"--time-zone: '{zoneId}' is not a time zone this machine knows (e.g. America/Chicago)");
            if (problems.Count > 0) return CommandFailure.Fail(Name, problems);

            var options = new DetectOptions(
                new ModelSettings(LevelHalfLife: half, AdoptShiftAfter: adoptAfter, Threshold: parse.GetValue(threshold), Direction: watched, Holidays: calendar),
                valueKind, seasonMode, warm, timeZone);
            var path = parse.GetValue(input);
            if (path is not null and not "-" && !File.Exists(path)) return CommandFailure.Fail(Name, $"{path}: no such file");
            using var reader = path is null or "-" ? Console.In : new StreamReader(path, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var outPath = parse.GetValue(output);
            await using var writer = outPath is null ? new StreamWriter(Console.OpenStandardOutput(), bufferSize: 1 << 16) : new StreamWriter(outPath, append: false, System.Text.Encoding.UTF8, bufferSize: 1 << 16);
            return Run(reader, writer, options, Console.Error, parse.GetValue(explain));
        });
        return command;
    }

    private static T? Problem<T>(List<string> problems, string problem) where T : struct
    {
        problems.Add(problem);
        return null;
    }

    private static bool TryFindZone(string id, out TimeZoneInfo? zone)
    {
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(id);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            zone = null;
            return false;
        }
    }

    /// <summary>
    /// Streams <paramref name="input"/> to <paramref name="output"/>: one output row per input row, whatever their
    /// order. Bad options or an unreadable row print one line to <paramref name="error"/> (standard error when null)
    /// and return <see cref="ExitCodes.BadConfiguration"/>; rows before an unreadable row have been written by then.
    /// Rows out of time order are scored and summed up in one warning line.
    /// </summary>
    public static int Run(TextReader input, TextWriter output, DetectOptions options, TextWriter? error = null, bool explain = false)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) return CommandFailure.Fail(Name, problems, error: error);
        var warnings = new DetectWarnings();
        try
        {
            SeriesWriter.Write(output, SeasonalSeriesDetector.Score(SeriesReader.Read(input), options, warnings), explain);
            output.Flush();
        }
        catch (FormatException e)
        {
            output.Flush();
            return CommandFailure.Fail(Name, e.Message, error: error);
        }
        if (warnings.Summary() is { } summary) (error ?? Console.Error).WriteLine($"holler {Name}: warning: {summary}");
        return ExitCodes.Ok;
    }
}
