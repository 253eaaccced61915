using System.Globalization;
using Spectre.Console;

namespace Holler.Host.Commands.Bench;

/// <summary>How <c>holler bench</c> shows the kafka scenario and judges its target.</summary>
public static class KafkaReport
{
    public const string TargetName = "kafka path ≥ 80% of bare consumer";

    public static void Render(IAnsiConsole console, KafkaResult k)
    {
        var c = CultureInfo.InvariantCulture;
        var t = new Table()
            .Title(string.Create(c, $"kafka: topic pre-filled to the embedded broker's retention, then read by each consumer alone ({k.Partitions} partitions, {k.Businesses:N0} businesses, Zipf {k.Zipf}, {k.Persistence}; {k.Activated:N0} businesses activated and {k.WarmupRounds} warm-up round(s) first)"))
            .AddColumns("round", "records", "fill", "first", "bare events/s", "bare CPU µs/event", "Holler events/s", "Holler CPU µs/event", "Holler / bare events/s", "Holler / bare CPU");
        foreach (var r in k.Rounds)
            t.AddRow(r.Round.ToString(c), r.Records.ToString("N0", c), Seconds(r.FillSeconds), r.BareFirst ? "bare" : "Holler",
                r.Bare.EventsPerSecond.ToString("N0", c), r.Bare.CpuMicrosPerEvent.ToString("N2", c),
                r.Holler.EventsPerSecond.ToString("N0", c), r.Holler.CpuMicrosPerEvent.ToString("N2", c),
                r.Ratio.ToString("P0", c), r.CpuRatio.ToString("N2", c) + "×");
        var bare = k.Bare;
        var holler = k.Holler;
        t.AddRow("[bold]all[/]", bare.Events.ToString("N0", c), "", "", bare.EventsPerSecond.ToString("N0", c), bare.CpuMicrosPerEvent.ToString("N2", c),
            holler.EventsPerSecond.ToString("N0", c), holler.CpuMicrosPerEvent.ToString("N2", c), "[bold]" + k.Ratio.ToString("P0", c) + "[/]",
            k.CpuRatio.ToString("N2", c) + "×");
        t.Caption(string.Create(c,
            $"Holler / bare = {k.Ratio:P0} (rounds {k.MinRoundRatio:P0} to {k.MaxRoundRatio:P0}); bare read {bare.Seconds:N2} s, Holler applied {holler.Seconds:N2} s in all"));
        console.Write(t);
    }

    public static TargetCheck Target(KafkaResult k)
    {
        var c = CultureInfo.InvariantCulture;
        if (k.Rounds.Count == 0) return new(TargetName, "no measured round", null);
        return new(TargetName,
            string.Create(c, $"{k.Ratio:P0} ({k.Holler.EventsPerSecond:N0} vs {k.Bare.EventsPerSecond:N0} events/s over {k.Rounds.Count} pre-filled rounds, each consumer alone; rounds {k.MinRoundRatio:P0} to {k.MaxRoundRatio:P0}; CPU per event ×{k.CpuRatio:N2})"),
            k.Ratio >= 0.8);
    }

    private static string Seconds(double s) => s.ToString("N2", CultureInfo.InvariantCulture) + " s";
}
