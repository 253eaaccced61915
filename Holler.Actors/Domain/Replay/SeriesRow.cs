namespace Holler.Domain.Replay;

/// <summary>One data row of an input series.</summary>
/// <param name="Line">1-based line in the input, for error messages.</param>
/// <param name="TimestampText">The timestamp as the input spelled it, so the output can echo it unchanged.</param>
public sealed record SeriesRow(int Line, string TimestampText, DateTimeOffset Timestamp, double Value);
