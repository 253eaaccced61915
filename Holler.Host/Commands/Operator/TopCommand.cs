using System.CommandLine;
using System.Globalization;
using Holler.Host.Operator.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Holler.Host.Commands.Operator;

/// <summary><c>holler top</c>: the live leaderboard in the terminal.</summary>
public static class TopCommand
{
    public static Command Create()
    {
        var once = new Option<bool>("--once") { Description = "Print the leaderboard once and exit" };
        var interval = new Option<double>("--interval") { Description = "Seconds between refreshes (default: 1)", DefaultValueFactory = _ => 1 };
        var errors = new Option<bool>("--errors") { Description = "The error board: businesses whose 5xx share is far above their own usual share" };
        return OperatorOptions.Create("top", "The live leaderboard of surging businesses, refreshed every second until Ctrl-C", async (call, parse, token) =>
        {
            var every = parse.GetValue(interval);
            var errorBoard = parse.GetValue(errors);
            IRenderable Render(LeaderboardView board, string node) => errorBoard ? RenderErrors(board, node) : TopCommand.Render(board, node);
            if (every is < 0.1 or > 3600) throw new OperatorException(ExitCodes.BadConfiguration, "--interval must be between 0.1 and 3600 seconds");
            var board = await call.Client.GetAsync<LeaderboardView>("/api/leaderboard", token);
            if (parse.GetValue(once))
            {
                if (call.Json) call.WriteJson(board);
                else call.Write(Render(board, call.Client.Node));
                return ExitCodes.Ok;
            }
            var pause = TimeSpan.FromSeconds(every);
            if (call.Json)
            {
                for (; ; await Task.Delay(pause, token), board = await call.Client.GetAsync<LeaderboardView>("/api/leaderboard", token))
                    call.WriteJsonLine(board);
            }
            if (call.Interactive)
            {
                await call.Console.Live(Render(board, call.Client.Node)).AutoClear(false).StartAsync(async live =>
                {
                    while (true)
                    {
                        await Task.Delay(pause, token);
                        board = await call.Client.GetAsync<LeaderboardView>("/api/leaderboard", token);
                        live.UpdateTarget(Render(board, call.Client.Node));
                    }
                });
            }
            // Piped: a new table only when the board changed, so a log of it stays readable.
            for (long shown = -1; ; await Task.Delay(pause, token), board = await call.Client.GetAsync<LeaderboardView>("/api/leaderboard", token))
            {
                if (board.Sequence == shown) continue;
                shown = board.Sequence;
                call.Write(Render(board, call.Client.Node));
            }
        }, once, interval, errors);
    }

    public static IRenderable Render(LeaderboardView board, string node)
    {
        var c = CultureInfo.InvariantCulture;
        var table = OperatorCall.Table("  #", "Business", "City", " Score", " Ratio", " 60 s", " Baseline", "Since (UTC)", "Drivers");
        table.Title = new TableTitle(Markup.Escape(
            $"Leaderboard {board.PublishedAt.ToString("HH:mm:ss", c)} UTC · {board.Surging.ToString("N0", c)} surging · via {node}"));
        foreach (var row in board.Top)
        {
            OperatorCall.AddRow(table, row.Rank.ToString(c), row.Name ?? row.BusinessId, row.City ?? "", row.Score.ToString("F1", c),
                row.Ratio.ToString("F1", c) + "×", row.Count.ToString("N0", c), row.Baseline.ToString("N1", c),
                row.Since.ToString("HH:mm:ss", c), Drivers(row.Drivers));
        }
        if (board.Top.Count == 0) table.Caption = new TableTitle("no surges");
        return table;
    }

    /// <summary>The error board (<c>--errors</c>): businesses whose 5xx share is far above their usual one.</summary>
    public static IRenderable RenderErrors(LeaderboardView board, string node)
    {
        var c = CultureInfo.InvariantCulture;
        var table = OperatorCall.Table("  #", "Business", "City", " Score", " 5xx now", " Usually", " Responses", "Since (UTC)", "Drivers");
        table.Title = new TableTitle(Markup.Escape(
            $"Error surges {board.PublishedAt.ToString("HH:mm:ss", c)} UTC · {board.ErrorSurging.ToString("N0", c)} with errors · via {node}"));
        var rows = board.ErrorTop ?? [];
        foreach (var row in rows)
        {
            OperatorCall.AddRow(table, row.Rank.ToString(c), row.Name ?? row.BusinessId, row.City ?? "", row.Score.ToString("F1", c),
                (row.ErrorShare * 100).ToString("F0", c) + "%", (row.UsualErrorShare * 100).ToString("F0", c) + "%", row.Responses.ToString("N0", c),
                row.Since.ToString("HH:mm:ss", c), Drivers(row.Drivers));
        }
        if (rows.Count == 0) table.Caption = new TableTitle("no error surges");
        return table;
    }

    /// <summary>The top two drivers, short enough for a column: "app 82% (usually 30%)".</summary>
    internal static string Drivers(IReadOnlyList<DriverView>? drivers)
    {
        if (drivers is not { Count: > 0 }) return "";
        var c = CultureInfo.InvariantCulture;
        return string.Join("; ", drivers.Take(2).Select(d =>
            $"{d.Value} {(d.Share * 100).ToString("F0", c)}% (usually {(d.BaselineShare * 100).ToString("F0", c)}%)"));
    }
}
