using Holler.Domain.Replay;
using Holler.Host.Commands;
using Holler.Tests.Domain.Replay;

namespace Holler.Tests.Cli;

/// <summary><c>holler detect</c>'s streaming, on readers and writers rather than a process.</summary>
public class DetectRunTests
{
    private static (int Exit, string Output, string Error) Run(string input, DetectOptions? options = null)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var exit = DetectCliCommand.Run(new StringReader(input), output, options ?? DetectOptions.Default, error);
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Scores_a_csv_into_a_csv_with_one_row_per_input_row()
    {
        var series = SyntheticSeries.Generate(20, TimeSpan.FromMinutes(5), 2 * 288);
        series[400] = (series[400].Timestamp, 600);
        var input = SyntheticSeries.ToCsv(series);

        var (exit, output, error) = Run(input);

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Empty(error);
        var lines = output.TrimEnd('\n').Split('\n');
        Assert.Equal("timestamp,value,anomaly_score", lines[0]);
        Assert.Equal(series.Count, lines.Length - 1);
        var inputLines = input.TrimEnd('\n').Split('\n');
        for (var i = 1; i < lines.Length; i++)
            Assert.StartsWith(inputLines[i] + ",", lines[i]); // timestamp and value echoed as written
        var top = lines.Skip(1).MaxBy(l => double.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith(inputLines[401] + ",", top);
    }

    [Fact]
    public void A_bad_row_exits_2_with_one_line_naming_the_line_and_content()
    {
        var (exit, _, error) = Run("timestamp,value\n2024-03-04 00:00:00,1\n2024-03-04 00:05:00,1\n2024-03-04 00:10:00,x7\n");

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Equal("holler detect: line 4: cannot read value 'x7' (expected a finite number like 12 or 3.5): 2024-03-04 00:10:00,x7\n", error);
    }

    [Fact]
    public void Rows_out_of_order_are_scored_and_summed_up_in_one_warning()
    {
        var (exit, output, error) = Run("t,v\n2024-03-04 00:05:00,1\n2024-03-04 00:00:00,1\n2024-03-04 00:10:00,1\n");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal(4, output.TrimEnd('\n').Split('\n').Length); // header and one row per input row
        Assert.Equal("holler detect: warning: 1 row(s) not after the previous row's timestamp (repeated or backward), "
            + "scored in file order; first at line 3: 2024-03-04 00:00:00 after 2024-03-04 00:05:00\n", error);
    }

    [Fact]
    public void Bad_options_exit_2_naming_the_option()
    {
        var (exit, output, error) = Run("t,v\n", DetectOptions.Default with { Warmup = TimeSpan.FromMinutes(-5) });

        Assert.Equal(ExitCodes.BadConfiguration, exit);
        Assert.Empty(output);
        Assert.StartsWith("holler detect: detect:Warmup ", error);
    }

    [Fact]
    public void An_empty_input_gives_just_the_header()
    {
        var (exit, output, _) = Run("");

        Assert.Equal(ExitCodes.Ok, exit);
        Assert.Equal("timestamp,value,anomaly_score\n", output);
    }
}
