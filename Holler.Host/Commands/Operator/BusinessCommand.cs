using System.CommandLine;
using System.Globalization;
using Holler.Host.Operator.Api;
using Spectre.Console;

namespace Holler.Host.Commands.Operator;

/// <summary><c>holler business &lt;id&gt;</c>: one business's window, baseline, score and state, from its tracker.</summary>
public static class BusinessCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Business id (as in the traffic's business_id)" };
        return OperatorOptions.Create("business", "One business as its tracker sees it: window, baseline, score, state", async (call, parse, token) =>
        {
            var b = await call.Client.GetAsync<BusinessView>($"/api/business/{Uri.EscapeDataString(parse.GetValue(id)!)}", token);
            if (call.Json)
            {
                call.WriteJson(b);
                return ExitCodes.Ok;
            }
            var c = CultureInfo.InvariantCulture;
            var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
            void Row(string name, string value) => grid.AddRow(new Text(name), new Text(value));
            Row("business", b.BusinessId);
            Row("name", b.Name is not null ? $"{b.Name} · {b.Category} · {b.City}" : "not in the catalog");
            Row("state", b.State + (b.SurgingSince is { } since ? $" since {since.ToString("HH:mm:ss", c)} UTC" : ""));
            Row("window (60 s)", b.WindowEnd is { } end
                ? $"{b.Window.ToString("N0", c)} events to {end.ToString("HH:mm:ss", c)} UTC  {Sparkline(b.WindowCounts)}"
                : "no traffic yet");
            Row("expected", b.Warm
                ? $"{b.Baseline.ToString("N1", c)} per 60 s, normal between {b.BandLow.ToString("N0", c)} and {b.BandHigh.ToString("N0", c)}"
                : "still learning");
            Row("severity", $"{b.Score.ToString("F2", c)}   ratio {b.Ratio.ToString("F2", c)}×");
            if (b.ShiftMinutes > 0) Row("adapting", $"{b.ShiftMinutes} min into a lasting change, which becomes the new level if it lasts (Baseline:AdoptShiftAfterMinutes)");
            Row("last 60 min", Sparkline(b.MinuteCounts));
            Row("total", $"{b.Total.ToString("N0", c)} events, {b.Late.ToString("N0", c)} late");
            if (b.Dimensions is { } d)
            {
                Row("drivers", d.Drivers.Count > 0 ? string.Join("\n", d.Drivers.Select(x => x.Text)) : "none: every share within 10 points of usual");
                var u = d.ActiveUsers;
                Row("active users", $"{u.LastMinute.ToString("N0", c)} (60 s), {u.LastFiveMinutes.ToString("N0", c)} (5 min), {u.LastHour.ToString("N0", c)} (1 h), ±{(u.StandardError * 100).ToString("0", c)}%");
                Row("5xx share", $"{(d.ErrorShare * 100).ToString("0.#", c)}% now, usually {(d.UsualErrorShare * 100).ToString("0.#", c)}%, severity {d.ErrorScore.ToString("F2", c)}"
                    + (d.ErrorSurgingSince is { } e ? $", error surge since {e.ToString("HH:mm:ss", c)} UTC" : ""));
            }
            else if (b.WindowEnd is not null) Row("drivers", "no breakdown: too quiet (Dimensions:MinEventsPerMinute)");
            call.Write(grid);
            return ExitCodes.Ok;
        }, id);
    }

    /// <summary>Counts as block characters, scaled to the largest: a window's shape at a glance.</summary>
    public static string Sparkline(IReadOnlyList<int> counts)
    {
        const string blocks = " ▁▂▃▄▅▆▇█";
        var max = counts.Count == 0 ? 0 : counts.Max();
        if (max == 0) return new string('·', counts.Count);
        return string.Concat(counts.Select(n => n == 0 ? '·' : blocks[Math.Max(1, (int)Math.Round(n * 8.0 / max))]));
    }
}
