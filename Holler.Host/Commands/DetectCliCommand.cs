using System.CommandLine;
using Holler.Domain.Replay;
using Holler.Domain.Surges;

namespace Holler.Host.Commands;

/// <summary><c>holler detect</c>: replays a timestamp,value CSV through the online baseline and detector.</summary>
public static class DetectCliCommand
{
    private const string Name = "detect";

    public static Command Create()
    {
        var input = new Argument<string?>("file") { Description = "CSV with a header and timestamp,value rows; - or nothing reads standard input", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--out", "-o") { Description = "Write timestamp,value,anomaly_score here instead of standard output" };
        var halfLife = new Option<string>("--half-life") { Description = "Baseline half-life, e.g. 30m (default: 30m, as online)", DefaultValueFactory = _ => "30m" };
        var warmup = new Option<string>("--warmup") { Description = "Rows in this much time at the start score 0 while the baseline learns (default: 1h)", DefaultValueFactory = _ => "1h" };
        var enter = new Option<double>("--enter-score") { Description = "Standard deviations that make a surge (default: 4, as online)", DefaultValueFactory = _ => DetectorSettings.Default.EnterScore };
        var command = new Command(Name, "Score a time series offline with the same baseline and detector as the live trackers")
        {
            input, output, halfLife, warmup, enter,
        };
        command.SetAction(async (parse, token) =>
        {
            if (!Durations.TryParse(parse.GetValue(halfLife), out var half))
                return CommandFailure.Fail(Name, $"--half-life: '{parse.GetValue(halfLife)}' is not a duration like 30m");
            if (!Durations.TryParse(parse.GetValue(warmup), out var warm))
                return CommandFailure.Fail(Name, $"--warmup: '{parse.GetValue(warmup)}' is not a duration like 1h");
            var options = new SeriesDetectorOptions(half, warm, DetectorSettings.Default with { EnterScore = parse.GetValue(enter), ExitScore = Math.Min(DetectorSettings.Default.ExitScore, parse.GetValue(enter)) });
            var path = parse.GetValue(input);
            if (path is not null and not "-" && !File.Exists(path)) return CommandFailure.Fail(Name, $"{path}: no such file");
            using var reader = path is null or "-" ? Console.In : new StreamReader(path);
            var outPath = parse.GetValue(output);
            await using var writer = outPath is null ? Console.Out : new StreamWriter(outPath);
            return Run(reader, writer, options, Console.Error);
        });
        return command;
    }

    /// <summary>
    /// Streams <paramref name="input"/> to <paramref name="output"/>. Bad options or a bad row print one line to
    /// <paramref name="error"/> (standard error when null) and return <see cref="ExitCodes.BadConfiguration"/>; rows
    /// before a bad row have already been written by then.
    /// </summary>
    public static int Run(TextReader input, TextWriter output, SeriesDetectorOptions options, TextWriter? error = null)
    {
        var problems = options.Validate().ToList();
        if (problems.Count > 0) return CommandFailure.Fail(Name, string.Join("; ", problems), error: error);
        try
        {
            SeriesWriter.Write(output, SeriesDetector.Score(SeriesReader.Read(input), options));
            output.Flush();
            return ExitCodes.Ok;
        }
        catch (FormatException e)
        {
            output.Flush();
            return CommandFailure.Fail(Name, e.Message, error: error);
        }
    }
}
