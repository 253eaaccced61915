namespace Holler.History;

/// <summary>What one node's history writer did, readable from any thread.</summary>
public sealed class HistoryMetrics
{
    private long _written;
    private long _dropped;
    private long _failures;
    private long _queued;
    private long _surges;

    /// <summary>Minute rows written.</summary>
    public long Written => Interlocked.Read(ref _written);

    /// <summary>Minute rows dropped because the queue was full (the database too slow or away): history loses them,
    /// ingest never waits for it.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Writes that failed (their rows were kept and tried again, while the queue had room).</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Rows waiting now.</summary>
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>Surge reports written.</summary>
    public long Surges => Interlocked.Read(ref _surges);

    internal void RowsWritten(int rows, int surges)
    {
        Interlocked.Add(ref _written, rows);
        Interlocked.Add(ref _surges, surges);
    }

    internal void RowsDropped(int rows) => Interlocked.Add(ref _dropped, rows);
    internal void WriteFailed() => Interlocked.Increment(ref _failures);
    internal void QueueIs(int rows) => Interlocked.Exchange(ref _queued, rows);
}
