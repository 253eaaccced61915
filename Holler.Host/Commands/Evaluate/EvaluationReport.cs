using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Holler.Domain.Evaluation;
using Spectre.Console;

namespace Holler.Host.Commands.Evaluate;

/// <summary>One <c>holler evaluate</c> run: the corpus it generated and every detector's figures, as tables or JSON.</summary>
public sealed record EvaluationReport(int Seed, int Weeks, double WallSeconds, EvaluationResult Result)
{
    /// <summary>How the figures were computed, so that a saved result explains itself.</summary>
    public object Scoring { get; } = new
    {
        truePositive = ScoringProfile.Standard.TruePositive,
        falsePositive = ScoringProfile.Standard.FalsePositive,
        falseNegative = ScoringProfile.Standard.FalseNegative,
        probationHours = ScoringProfile.Standard.Probation.TotalHours,
        window = WindowRule,
        thresholdCandidates = ThresholdSweep.Candidates,
    };

    public static string WindowRule { get; } = string.Create(CultureInfo.InvariantCulture,
        $"[anomaly start, start + max(anomaly duration, {AnomalyWindow.MinimumLength.TotalHours} h)]; a level shift: [step, step + {AnomalyWindow.MinimumLength.TotalHours} h]");

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Failure messages quote timestamps and apostrophes; the output is a file or a pipe, never HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public void Render(IAnsiConsole console)
    {
        var c = CultureInfo.InvariantCulture;
        var r = Result;
        console.MarkupLine(Markup.Escape(string.Create(c,
            $"holler evaluate · seed {Seed} · {Weeks} week(s) · {r.Series} series · {r.Rows:N0} rows · {r.Windows} labelled windows · {WallSeconds:0.0} s")));
        console.Write(Table("at each detector's default threshold", d => d.AtDefault));
        console.Write(Table("at each detector's best single threshold for the whole corpus", d => d.AtBest));
        foreach (var d in r.Detectors)
        {
            console.MarkupLine(Markup.Escape(string.Create(c,
                $"{d.Name}: default threshold {d.DefaultThreshold:0.####}, best {d.AtBest.Threshold:0.######}; {d.MicrosecondsPerRow:0.00} µs/row; {d.FailedSeries.Count} failed series")));
            foreach (var failure in d.FailedSeries) console.MarkupLine("  " + Markup.Escape(failure));
        }
        console.MarkupLine(Markup.Escape("NAB: 100 = every window detected at its start and no false positive, 0 = no better than flagging nothing; "
            + "FA/wk: alarm onsets outside windows per series-week; det: windows detected; delay: median / p90 minutes from anomaly start to the first flag in its window."));
    }

    private Table Table(string title, Func<DetectorResult, ThresholdResult> pick)
    {
        var r = Result;
        var table = new Table().Title(Markup.Escape(title)).AddColumn("category").AddColumn(new TableColumn("series").RightAligned()).AddColumn(new TableColumn("windows").RightAligned());
        foreach (var d in r.Detectors)
            foreach (var figure in new[] { "NAB", "FA/wk", "det", "delay" })
                table.AddColumn(new TableColumn(Markup.Escape($"{d.Name}\n{figure}")).RightAligned());
        var groups = r.Categories.Select((name, i) => (name, i)).ToList();
        foreach (var (name, i) in groups)
            table.AddRow(Row(name, r.Detectors.Select(d => pick(d).Categories[i]).ToList()));
        table.AddRow(Row("all", r.Detectors.Select(d => pick(d).Overall).ToList()).Select(cell => $"[bold]{cell}[/]").ToArray());
        return table;
    }

    private static string[] Row(string group, IReadOnlyList<DetectionFigures> figures)
    {
        var c = CultureInfo.InvariantCulture;
        var cells = new List<string> { Markup.Escape(group), figures[0].Series.ToString(c), figures[0].Windows.ToString(c) };
        foreach (var f in figures)
        {
            cells.Add(f.NabScore is { } nab ? nab.ToString("0.0", c) : "-");
            cells.Add(f.FalseAlarmsPerSeriesWeek.ToString("0.00", c));
            cells.Add(f.DetectionRate is { } rate ? rate.ToString("P0", c) : "-");
            cells.Add(f.MedianDelayMinutes is { } median ? string.Create(c, $"{median:0.#} / {f.P90DelayMinutes:0.#}m") : "-");
        }
        return cells.Select(Markup.Escape).ToArray();
    }
}
