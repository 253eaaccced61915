namespace Holler.Domain.Replay;

/// <summary>What <c>holler detect</c> scored but would have a person know: rows out of time order.</summary>
public sealed class DetectWarnings
{
    /// <summary>Rows whose timestamp is not after the previous row's: repeated (a duplicate, a daylight-saving hour
    /// told twice) or earlier (a clock or a file put back). Each is scored like any other row.</summary>
    public long OutOfOrder { get; private set; }

    public int FirstOutOfOrderLine { get; private set; }
    public string FirstOutOfOrderText { get; private set; } = "";

    internal void NoteOutOfOrder(SeriesRow row, SeriesRow previous)
    {
        if (OutOfOrder++ > 0) return;
        FirstOutOfOrderLine = row.Line;
        FirstOutOfOrderText = $"{row.TimestampText} after {previous.TimestampText}";
    }

    public string? Summary() => OutOfOrder == 0
        ? null
        : $"{OutOfOrder} row(s) not after the previous row's timestamp (repeated or backward), scored in file order; first at line {FirstOutOfOrderLine}: {FirstOutOfOrderText}";
}
