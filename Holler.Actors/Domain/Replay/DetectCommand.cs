namespace Holler.Domain.Replay;

/// <summary><c>holler detect</c> without the command line: CSV in, scored CSV out.</summary>
public static class DetectCommand
{
    public const int Ok = 0;
    public const int BadInput = 2;

    /// <summary>
    /// Streams <paramref name="input"/> to <paramref name="output"/>. Bad options or a bad row print one line to
    /// <paramref name="error"/> (standard error when null) and return <see cref="BadInput"/>; rows before a bad row
    /// have already been written by then.
    /// </summary>
    public static int Run(TextReader input, TextWriter output, SeriesDetectorOptions options, TextWriter? error = null)
    {
        error ??= Console.Error;
        var problems = options.Validate().ToList();
        if (problems.Count > 0) return Fail(error, string.Join("; ", problems));
        try
        {
            SeriesWriter.Write(output, SeriesDetector.Score(SeriesReader.Read(input), options));
            output.Flush();
            return Ok;
        }
        catch (FormatException e)
        {
            output.Flush();
            return Fail(error, e.Message);
        }
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine($"holler detect: {message.ReplaceLineEndings(" ")}");
        return BadInput;
    }
}
