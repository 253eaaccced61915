using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Holler.Host.Commands.Bench;

/// <summary>Everything one <c>holler bench</c> run measured; printed as a table or as JSON.</summary>
public sealed record BenchReport
{
    public required MachineInfo Machine { get; init; }
    public required BenchSettings Settings { get; init; }
    public EngineResult? Engine { get; set; }
    public KafkaResult? Kafka { get; set; }
    public KafkaStepResult? KafkaSteps { get; set; }
    public List<FreshnessResult> Freshness { get; } = [];
    public List<ScaleResult> Scale { get; } = [];
    public AlertsResult? Alerts { get; set; }
    public HistoryResult? History { get; set; }
    public RecoveryResult? Recovery { get; set; }
    public List<string> Errors { get; } = [];

    public IReadOnlyList<TargetCheck> Targets => TargetCheck.For(this);

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new TimeSpanSecondsConverter() },
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public void Render(IAnsiConsole console)
    {
        var c = CultureInfo.InvariantCulture;
        console.MarkupLine($"[bold]holler bench[/] · {Markup.Escape(Machine.Describe())}");
        if (Engine is { } e)
        {
            var t = new Table().Title("engine: memory → parse → trackers → leaderboard").AddColumns("businesses", "zipf", "persistence", "events/s", "CPU µs/event", "events/s at all cores", "slowest 1 s", "events/tracker msg", "cores", "GC pause", "max GC pause", "alloc/event", "heap", "activation/s", "applied = fed");
            t.AddRow(e.Businesses.ToString("N0", c), e.Zipf.ToString(c), e.Persistence, e.EventsPerSecond.ToString("N0", c), e.CpuMicrosPerEvent.ToString("N1", c), e.EventsPerSecondAtAllCores.ToString("N0", c), e.SlowestSecond.ToString("N0", c),
                e.EventsPerTrackerMessage.ToString("N1", c), e.CoresUsed.ToString("N2", c), e.GcPausePercent.ToString("N1", c) + " %",
                e.MaxGcPauseMs.ToString("N0", c) + " ms", e.AllocatedBytesPerEvent.ToString("N0", c) + " B", e.HeapMiB.ToString("N0", c) + " MiB", e.ActivationPerSecond.ToString("N0", c), e.Applied == e.Fed ? "yes" : $"no ({e.Applied:N0} of {e.Fed:N0})");
            console.Write(t);
        }
        if (Kafka is { } kafka) KafkaReport.Render(console, kafka);
        if (KafkaSteps is { } k)
        {
            var t = new Table().Title("kafka-steps: embedded broker, offered rate stepped up until the consumer falls behind").AddColumns("consumer", "highest held rate", "first failed step", "lost (offset gaps)", "limited by");
            foreach (var r in new[] { k.Bare, k.Holler })
                t.AddRow(r.Consumer, r.HighestHeldRate.ToString("N0", c), r.FirstFailedRate is { } f ? f.ToString("N0", c) : "-", r.LostRecords.ToString("N0", c), Markup.Escape(r.LimitedBy));
            t.Caption(string.Create(c, $"Holler / bare = {k.Ratio:P0}"));
            console.Write(t);
        }
        if (Freshness.Count > 0)
        {
            var t = new Table().Title("freshness: event produced → seen").AddColumns("offered/s", "consumed/s", "stage", "samples", "p50", "p99", "max", "missed", "most surging (ranked)", "lost");
            foreach (var f in Freshness)
                foreach (var s in f.Stages)
                    t.AddRow(f.OfferedRate.ToString("N0", c), f.ConsumedRate.ToString("N0", c), s.Stage, s.Samples.ToString(c), Ms(s.P50Ms), Ms(s.P99Ms), Ms(s.MaxMs), s.Missed.ToString(c),
                        string.Create(c, $"{f.MostSurging:N0} ({f.LeaderboardSize:N0})"), f.LostRecords.ToString("N0", c));
            console.Write(t);
        }
        if (Scale.Count > 0)
        {
            var t = new Table().Title("scale: every business active, fixed offered rate").AddColumns("businesses", "journal", "offered/s", "events/s", "CPU µs/event", "activation/s", "bytes/business", "GC pause", "max GC pause", "gen2 GCs");
            foreach (var s in Scale)
                t.AddRow(s.Businesses.ToString("N0", c), s.Persistence, s.OfferedRate.ToString("N0", c), s.EventsPerSecond.ToString("N0", c), s.CpuMicrosPerEvent.ToString("N1", c),
                    s.ActivationPerSecond.ToString("N0", c), s.BytesPerBusiness.ToString("N0", c), s.GcPausePercent.ToString("N1", c) + " %", s.MaxGcPauseMs.ToString("N0", c) + " ms", s.Gen2.ToString(c));
            console.Write(t);
        }
        if (Alerts is { } a)
        {
            var t = new Table().Title(string.Create(c, $"alerts: {a.OfferedRate:N0} events/s offered, a webhook receiver that answers, hangs, refuses and answers again"))
                .AddColumns("receiver", "seconds", "events/s", "CPU µs/event", "notifications answered");
            foreach (var p in a.Phases)
                t.AddRow(p.Receiver, p.Seconds.ToString("N0", c), p.EventsPerSecond.ToString("N0", c), p.CpuMicrosPerEvent.ToString("N2", c), p.Answered.ToString("N0", c));
            t.Caption(string.Create(c, $"{a.FiredPerSecond:N1} alerts fired per second; failing / answering: events/s {a.WorstRatio:P1} (worst), CPU per event {a.WorstCpuRatio:P1} (worst)"));
            console.Write(t);
        }
        if (History is { } h)
        {
            var t = new Table().Title("history: minute rows of the stream, paced, then as fast as the store goes").AddColumns("store", "events/s", "rows/s", "offered", "written",
                "dropped", "max queued", "final flush", "capacity rows/s", "kept up");
            t.AddRow(h.Provider, h.EventsPerSecond.ToString("N0", c), h.RowsPerSecond.ToString("N0", c), h.Offered.ToString("N0", c), h.Written.ToString("N0", c),
                h.Dropped.ToString("N0", c), h.MaxQueued.ToString("N0", c), Ms(h.FinalFlush.TotalMilliseconds), h.Capacity.ToString("N0", c), h.KeptUp ? "yes" : "no");
            console.Write(t);
        }
        if (Recovery is { } recovery) RecoveryReport.Render(console, recovery);
        var targets = new Table().Title("targets (docs/architecture.md#performance-model)").AddColumns("target", "measured", "met");
        foreach (var check in Targets) targets.AddRow(Markup.Escape(check.Target), Markup.Escape(check.Measured), check.Met switch { true => "[green]yes[/]", false => "[red]no[/]", null => "-" });
        console.Write(targets);
        foreach (var error in Errors) console.MarkupLine($"[red]error:[/] {Markup.Escape(error)}");
    }

    private static string Ms(double ms) => ms.ToString("N0", CultureInfo.InvariantCulture) + " ms";

    private sealed class TimeSpanSecondsConverter : JsonConverter<TimeSpan>
    {
        public override TimeSpan Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => TimeSpan.FromSeconds(reader.GetDouble());
        public override void Write(Utf8JsonWriter writer, TimeSpan value, JsonSerializerOptions options) => writer.WriteNumberValue(value.TotalSeconds);
    }
}

public sealed record MachineInfo(int Cores, double MemoryGiB, string Os, string Runtime, bool ServerGc)
{
    public static MachineInfo Current() => new(
        Environment.ProcessorCount, Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024 * 1024), 1),
        System.Runtime.InteropServices.RuntimeInformation.OSDescription, System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
        System.Runtime.GCSettings.IsServerGC);

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Cores} cores, {MemoryGiB:0.#} GiB, {Os}, {Runtime}, {(ServerGc ? "server" : "workstation")} GC");
}

/// <summary>One performance target (docs/architecture.md#performance-model) against what this run measured; Met is null
/// when the run did not measure it.</summary>
public sealed record TargetCheck(string Target, string Measured, bool? Met)
{
    public static IReadOnlyList<TargetCheck> For(BenchReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var list = new List<TargetCheck>();
        list.Add(r.Engine is { } e
            ? new("engine ≥ 1,000,000 events/s", string.Create(c, $"{e.EventsPerSecond:N0} events/s ({e.Businesses:N0} businesses; {e.EventsPerSecondAtAllCores:N0}/s if it had every core)"), e.EventsPerSecond >= 1_000_000)
            : new("engine ≥ 1,000,000 events/s", "not run", null));
        list.Add(r.Kafka is { } kafka ? KafkaReport.Target(kafka)
            : r.KafkaSteps is { } k
            ? new("kafka path ≥ 80% of bare consumer",
                string.Create(c, $"{k.Ratio:P0} ({k.Holler.HighestHeldRate:N0} vs {k.Bare.HighestHeldRate:N0}/s)")
                + (k.ProducerBound ? "; inconclusive: the producer, not a consumer, set a limit" : ""),
                k.ProducerBound ? null : k.Ratio >= 0.8)
            : new("kafka path ≥ 80% of bare consumer", "not run", null));
        foreach (var f in r.Freshness)
        {
            // The freshness target is event → dashboard; the last stage measured is the one judged.
            var last = f.Stages.FirstOrDefault(s => s.Stage == FreshnessStages.Dashboard) ?? f.Stages.FirstOrDefault(s => s.Stage == FreshnessStages.Leaderboard);
            var name = string.Create(c, $"freshness p99 ≤ 1 s at {f.OfferedRate:N0}/s");
            list.Add(last is null || last.Samples == 0
                ? new(name, "no samples", false)
                : new(name, string.Create(c, $"p99 {last.P99Ms:N0} ms to {(last.Stage == FreshnessStages.Dashboard ? "the dashboard feed" : "the leaderboard")}")
                    + (last.Missed > 0 ? string.Create(c, $"; {last.Missed} probes never seen") : ""), last.P99Ms <= 1000 && last.Missed == 0));
        }
        if (r.Alerts is { } a)
            list.Add(new("ingest with a dead alert receiver within 10% of with a live one",
                string.Create(c, $"events/s {a.WorstRatio:P1}, CPU/event {a.WorstCpuRatio:P1} ({string.Join(", ", a.Phases.Select(p => $"{p.Receiver} {p.EventsPerSecond:N0}/s"))})"),
                a.WorstRatio >= 0.9 && a.WorstCpuRatio <= 1.1));
        if (r.Recovery is { } recovery) list.Add(RecoveryReport.Target(recovery));
        if (r.Scale.Count > 0)
        {
            // Per business *added*: the heap's growth between two sizes over the businesses between them. The average
            // per business at one size also carries the node's fixed cost (3 KB a business at 10k, 1.5 KB at 1M).
            var sizes = r.Scale.OrderBy(s => s.Businesses).ToList();
            var first = sizes[0];
            var last = sizes[^1];
            var journal = first.Persistence == "memory"
                ? "journal and snapshots in the heap; --persistence sqlite keeps them out"
                : "journal in " + first.Persistence;
            if (sizes.Count < 2)
                list.Add(new("≤ 1 KiB managed memory per active business",
                    string.Create(c, $"{first.BytesPerBusiness:N0} B per business with the node's fixed cost; two sizes give the cost per business added ({journal})"), null));
            else
            {
                var marginal = Marginal(first, last);
                list.Add(new("≤ 1 KiB managed memory per active business",
                    string.Create(c, $"{marginal:N0} B per business added, {first.Businesses:N0} → {last.Businesses:N0} ({journal})"), marginal <= 1024));
            }
            var growth = first.CpuMicrosPerEvent > 0 ? last.CpuMicrosPerEvent / first.CpuMicrosPerEvent : double.NaN;
            var cpu = string.Create(c, $"CPU/event ×{growth:0.00}");
            if (sizes.Count < 3)
                list.Add(new(string.Create(c, $"linear {first.Businesses:N0} → {last.Businesses:N0} businesses"),
                    cpu + "; memory linearity needs three sizes", null));
            else
            {
                // Linear: every step between sizes adds about the same per business (within 25%).
                var steps = sizes.Zip(sizes.Skip(1), Marginal).ToList();
                list.Add(new(string.Create(c, $"linear {first.Businesses:N0} → {last.Businesses:N0} businesses"),
                    string.Join(", ", sizes.Zip(sizes.Skip(1), (a, b) => string.Create(c, $"{Marginal(a, b):N0} B per business added {a.Businesses:N0} → {b.Businesses:N0}")))
                    + "; " + cpu,
                    steps.Min() > 0 && steps.Max() / steps.Min() <= 1.25));
            }
        }
        return list;
    }

    private static double Marginal(ScaleResult from, ScaleResult to) =>
        (to.BytesPerBusiness * to.Businesses - from.BytesPerBusiness * from.Businesses) / (to.Businesses - from.Businesses);
}
