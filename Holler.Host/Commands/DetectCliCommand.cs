using System.CommandLine;
using Holler.Domain.Replay;
using Holler.Domain.Surges;

namespace Holler.Host.Commands;

/// <summary><c>holler detect</c>: replays a timestamp,value CSV through the online baseline and detector.</summary>
public static class DetectCliCommand
{
    public static Command Create()
    {
        var input = new Argument<string?>("file") { Description = "CSV with a header and timestamp,value rows; - or nothing reads standard input", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--out", "-o") { Description = "Write timestamp,value,anomaly_score here instead of standard output" };
        var halfLife = new Option<string>("--half-life") { Description = "Baseline half-life, e.g. 30m (default: 30m, as online)", DefaultValueFactory = _ => "30m" };
        var warmup = new Option<string>("--warmup") { Description = "Rows in this much time at the start score 0 while the baseline learns (default: 1h)", DefaultValueFactory = _ => "1h" };
        var enter = new Option<double>("--enter-score") { Description = "Standard deviations that make a surge (default: 4, as online)", DefaultValueFactory = _ => DetectorSettings.Default.EnterScore };
        var command = new Command("detect", "Score a time series offline with the same baseline and detector as the live trackers")
        {
            input, output, halfLife, warmup, enter,
        };
        command.SetAction(async (parse, token) =>
        {
            if (!Durations.TryParse(parse.GetValue(halfLife), out var half))
                return await Fail($"--half-life: '{parse.GetValue(halfLife)}' is not a duration like 30m");
            if (!Durations.TryParse(parse.GetValue(warmup), out var warm))
                return await Fail($"--warmup: '{parse.GetValue(warmup)}' is not a duration like 1h");
            var options = new SeriesDetectorOptions(half, warm, DetectorSettings.Default with { EnterScore = parse.GetValue(enter), ExitScore = Math.Min(DetectorSettings.Default.ExitScore, parse.GetValue(enter)) });
            var path = parse.GetValue(input);
            if (path is not null and not "-" && !File.Exists(path)) return await Fail($"{path}: no such file");
            using var reader = path is null or "-" ? Console.In : new StreamReader(path);
            var outPath = parse.GetValue(output);
            await using var writer = outPath is null ? Console.Out : new StreamWriter(outPath);
            return DetectCommand.Run(reader, writer, options, Console.Error);
        });
        return command;
    }

    private static async Task<int> Fail(string message)
    {
        await Console.Error.WriteLineAsync($"holler detect: {message}");
        return ExitCodes.BadConfiguration;
    }
}
