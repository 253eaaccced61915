using Holler.Domain.History;

namespace Holler.History;

/// <summary>Minute rows from a shard tracker to its own node's writer. Never crosses the network: trackers and their
/// writer share a node, so no codec.</summary>
public sealed record RecordMinutes(MinuteRollup[] Rows);

/// <summary>Asks the writer to write what it holds now; answered with <see cref="HistoryFlushed"/> once it is written
/// (tests and benchmarks wait on it).</summary>
public sealed record FlushHistory
{
    public static FlushHistory Instance { get; } = new();
}

/// <summary>Everything queued before the <see cref="FlushHistory"/> was written.</summary>
public sealed record HistoryFlushed
{
    public static HistoryFlushed Instance { get; } = new();
}

/// <summary>Runs the retention job now (tests; operators wait for the timer).</summary>
public sealed record RunHistoryRetention
{
    public static RunHistoryRetention Instance { get; } = new();
}
