using System.CommandLine;
using System.Globalization;
using System.Text;
using Holler.Host.Operator.Api;

namespace Holler.Host.Commands.Operator;

/// <summary><c>holler history business|calendar|top|surges|status</c>: the history store over the operator API
/// (docs/history.md). Tables by default, <c>--json</c> the API's documents, <c>--csv</c> rows for a spreadsheet.</summary>
public static class HistoryCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create() => new("history", "What happened before: a business's trend, past leaderboards, surges by category and city")
    {
        Business(),
        Calendar(),
        Top(),
        Surges(),
        OperatorOptions.Create("status", "The node's history writer and the store's size", async (call, _, token) =>
        {
            var status = await call.Client.GetAsync<HistoryStatusView>("/api/history/status", token);
            if (call.Json) call.WriteJson(status);
            else
                call.WriteLine($"{status.Provider}: {status.MinuteRows.ToString("N0", C)} minute rows, {status.HourRows.ToString("N0", C)} hour rows, " +
                    $"{status.SurgeRows.ToString("N0", C)} surges; this node wrote {status.Written.ToString("N0", C)}, dropped {status.Dropped.ToString("N0", C)}, " +
                    $"{status.Failures.ToString("N0", C)} failed writes, {status.Queued.ToString("N0", C)} queued");
            return ExitCodes.Ok;
        }),
    };

    private static Option<bool> Csv() => new("--csv") { Description = "Comma-separated rows with a header instead of a table" };
    private static Option<string?> From(string what) => new("--from") { Description = $"Start: an ISO-8601 time or a duration ago, e.g. 7d (default: {what})" };
    private static Option<string?> To() => new("--to") { Description = "End: an ISO-8601 time or a duration ago (default: now)" };

    private static Command Business()
    {
        var id = new Argument<string>("id") { Description = "The business" };
        var from = From("1h ago");
        var to = To();
        var resolution = new Option<string?>("--resolution") { Description = "minute or hour (default: minute up to 2 days, hour beyond)" };
        var csv = Csv();
        return OperatorOptions.Create("business", "A business's trend over a range: events, expected, severity per minute or hour", async (call, parse, token) =>
        {
            var view = await call.Client.GetAsync<HistoryTrendView>(
                $"/api/history/business/{Uri.EscapeDataString(parse.GetValue(id)!)}{Query(("from", parse.GetValue(from)), ("to", parse.GetValue(to)), ("resolution", parse.GetValue(resolution)))}", token);
            if (call.Json) call.WriteJson(view);
            else if (parse.GetValue(csv))
                WriteCsv(call, ["at", "count", "expected", "max_severity", "surging", "drop"], view.Points.Select(p => new[]
                {
                    Time(p.At), p.Count.ToString(C), p.Expected.ToString(C), p.MaxSeverity.ToString(C), p.Surging ? "1" : "0", p.Drop ? "1" : "0",
                }));
            else
            {
                var table = OperatorCall.Table(view.Resolution == Holler.Domain.History.HistoryResolution.Minute ? "Minute (UTC)" : "Hour (UTC)",
                    " Events", " Expected", " Severity", "");
                foreach (var p in view.Points)
                    OperatorCall.AddRow(table, p.At.ToString("yyyy-MM-dd HH:mm", C), p.Count.ToString("N0", C), p.Expected.ToString("N1", C),
                        p.MaxSeverity.ToString("F1", C), p.Surging ? (p.Drop ? "drop" : "surge") : "");
                if (view.Points.Count == 0) table.Caption = new Spectre.Console.TableTitle("no events in this range");
                call.Write(table);
            }
            return ExitCodes.Ok;
        }, id, from, to, resolution, csv);
    }

    private static Command Calendar()
    {
        var id = new Argument<string>("id") { Description = "The business" };
        var from = From("365d ago");
        var to = To();
        var csv = Csv();
        return OperatorOptions.Create("calendar", "A business's surges and drops over a range, oldest first", async (call, parse, token) =>
        {
            var view = await call.Client.GetAsync<HistoryCalendarView>(
                $"/api/history/business/{Uri.EscapeDataString(parse.GetValue(id)!)}/surges{Query(("from", parse.GetValue(from)), ("to", parse.GetValue(to)))}", token);
            if (call.Json) call.WriteJson(view);
            else WriteSurges(call, view.Surges, parse.GetValue(csv), "no surges in this range");
            return ExitCodes.Ok;
        }, id, from, to, csv);
    }

    private static Command Top()
    {
        var hour = new Option<bool>("--hour") { Description = "The past hour (the default)" };
        var day = new Option<bool>("--day") { Description = "The past day" };
        var week = new Option<bool>("--week") { Description = "The past week" };
        var month = new Option<bool>("--month") { Description = "The past 30 days" };
        var end = new Option<string?>("--end") { Description = "When the period ends: an ISO-8601 time or a duration ago (default: now)" };
        var limit = new Option<int>("--limit") { Description = "How many surges (default: 10)", DefaultValueFactory = _ => 10 };
        var drops = new Option<bool>("--drops") { Description = "Rank drops instead of surges" };
        var csv = Csv();
        return OperatorOptions.Create("top", "The leaderboard of a past hour, day, week or month: top surges by peak severity", async (call, parse, token) =>
        {
            var chosen = new[] { (hour, "hour"), (day, "day"), (week, "week"), (month, "month") }.Where(o => parse.GetValue(o.Item1)).ToList();
            if (chosen.Count > 1) throw new OperatorException(ExitCodes.BadConfiguration, "choose one of --hour, --day, --week, --month");
            var period = chosen.Count == 0 ? "hour" : chosen[0].Item2;
            var view = await call.Client.GetAsync<HistoryTopView>($"/api/history/top{Query(("period", period), ("end", parse.GetValue(end)),
                ("limit", parse.GetValue(limit).ToString(C)), ("drops", parse.GetValue(drops) ? "true" : null))}", token);
            if (call.Json) call.WriteJson(view);
            else WriteSurges(call, view.Surges, parse.GetValue(csv), "no surges in this period");
            return ExitCodes.Ok;
        }, hour, day, week, month, end, limit, drops, csv);
    }

    private static Command Surges()
    {
        var from = From("7d ago");
        var to = To();
        var bucket = new Option<string?>("--bucket") { Description = "hour or day (default: day)" };
        var category = new Option<string?>("--category") { Description = "Only this category" };
        var city = new Option<string?>("--city") { Description = "Only this city" };
        var csv = Csv();
        return OperatorOptions.Create("surges", "Surges per category and city over time", async (call, parse, token) =>
        {
            var view = await call.Client.GetAsync<HistoryTalliesView>($"/api/history/surges{Query(("from", parse.GetValue(from)),
                ("to", parse.GetValue(to)), ("bucket", parse.GetValue(bucket)), ("category", parse.GetValue(category)), ("city", parse.GetValue(city)))}", token);
            if (call.Json) call.WriteJson(view);
            else if (parse.GetValue(csv))
                WriteCsv(call, ["at", "category", "city", "surges", "drops"], view.Tallies.Select(x => new[]
                    { Time(x.At), x.Category, x.City, x.Surges.ToString(C), x.Drops.ToString(C) }));
            else
            {
                var table = OperatorCall.Table(view.Bucket == "hour" ? "Hour (UTC)" : "Day (UTC)", "Category", "City", " Surges", " Drops");
                foreach (var x in view.Tallies)
                    OperatorCall.AddRow(table, x.At.ToString(view.Bucket == "hour" ? "yyyy-MM-dd HH:00" : "yyyy-MM-dd", C), x.Category, x.City,
                        x.Surges.ToString(C), x.Drops.ToString(C));
                if (view.Tallies.Count == 0) table.Caption = new Spectre.Console.TableTitle("no surges in this range");
                call.Write(table);
            }
            return ExitCodes.Ok;
        }, from, to, bucket, category, city, csv);
    }

    private static void WriteSurges(OperatorCall call, IReadOnlyList<HistorySurgeView> surges, bool csv, string none)
    {
        if (csv)
        {
            WriteCsv(call, ["business_id", "name", "category", "city", "started", "ended", "peak_score", "peak_count", "peak_ratio", "drop"],
                surges.Select(s => new[]
                {
                    s.BusinessId, s.Name ?? "", s.Category, s.City, Time(s.Started), s.Ended is { } e ? Time(e) : "",
                    s.PeakScore.ToString(C), s.PeakCount.ToString(C), s.PeakRatio.ToString(C), s.Drop ? "1" : "0",
                }));
            return;
        }
        var table = OperatorCall.Table("  #", "Business", "City", "Started (UTC)", "Lasted", " Peak score", " Peak ratio");
        var rank = 0;
        foreach (var s in surges)
            OperatorCall.AddRow(table, (++rank).ToString(C), s.Name ?? s.BusinessId, s.City, s.Started.ToString("yyyy-MM-dd HH:mm", C),
                s.Ended is { } e ? (e - s.Started).ToString(@"h\:mm\:ss", C) : "ongoing", s.PeakScore.ToString("F1", C), s.PeakRatio.ToString("F1", C) + "×");
        if (surges.Count == 0) table.Caption = new Spectre.Console.TableTitle(none);
        call.Write(table);
    }

    private static void WriteCsv(OperatorCall call, string[] header, IEnumerable<string[]> rows)
    {
        call.Out.WriteLine(string.Join(',', header));
        foreach (var row in rows) call.Out.WriteLine(string.Join(',', row.Select(Field)));
        call.Out.Flush();
    }

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", C);

    private static string Query(params (string Name, string? Value)[] parameters)
    {
        var text = new StringBuilder();
        foreach (var (name, value) in parameters)
        {
            if (value is null) continue;
            text.Append(text.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }
        return text.ToString();
    }
}
