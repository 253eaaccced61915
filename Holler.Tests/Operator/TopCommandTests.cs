using Holler.Host.Commands.Operator;
using Holler.Host.Operator.Api;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Holler.Tests.Operator;

/// <summary><c>holler top</c>'s tables: what drives each surge, and the error board behind <c>--errors</c>.</summary>
public sealed class TopCommandTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 21, 0, 0, TimeSpan.Zero);

    private static readonly DriverView[] Drivers =
    [
        new("platform", "app", 0.82, 0.30, "app: 82% of the last 60 s, normally 30%"),
        new("path", "/promo", 0.64, 0.05, "/promo: 64% of the last 60 s, normally 5%"),
        new("region", "US-TX", 0.40, 0.20, "US-TX: 40% of the last 60 s, normally 20%"),
    ];

    private static readonly LeaderboardView Board = new(At, 7, 1,
        [new LeaderboardRowView(1, "biz-1", "Joe's Diner", "Austin", "restaurant", 9.5, 4.2, 420, 100, At.AddMinutes(-3), Drivers)],
        1, [new ErrorRowView(1, "biz-2", "Bob's Shop", "Dallas", "retail", 7.1, 0.38, 0.02, 512, At.AddMinutes(-1), Drivers[..1])]);

    [Fact]
    public void The_leaderboard_names_each_surges_top_two_drivers()
    {
        var text = Rendered(TopCommand.Render(Board, "node-a"));

        Assert.Contains("Joe's Diner", text);
        Assert.Contains("app 82% (usually 30%); /promo 64% (usually 5%)", text);
        Assert.DoesNotContain("US-TX", text);
    }

    [Fact]
    public void The_error_board_lists_error_surges_with_their_share_now_and_usually()
    {
        var text = Rendered(TopCommand.RenderErrors(Board, "node-a"));

        Assert.Contains("1 with errors", text);
        Assert.Contains("Bob's Shop", text);
        Assert.Contains("38%", text);
        Assert.Contains("2%", text);
        Assert.Contains("app 82% (usually 30%)", text);
        Assert.DoesNotContain("Joe's Diner", text);
    }

    [Fact]
    public void An_empty_error_board_says_so()
    {
        var text = Rendered(TopCommand.RenderErrors(Board with { ErrorSurging = 0, ErrorTop = null }, "node-a"));

        Assert.Contains("no error surges", text);
    }

    private static string Rendered(IRenderable table)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer), ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 250;
        console.Write(table);
        return writer.ToString();
    }
}
