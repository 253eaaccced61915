using System.Diagnostics;

namespace Holler.Host.Commands.Bench;

/// <summary>CPU and GC readings of this process at one moment; two of them give what happened in between.</summary>
public readonly record struct ProcessStats(TimeSpan Cpu, TimeSpan GcPause, int Gen0, int Gen1, int Gen2, long Allocated, long Timestamp)
{
    public static ProcessStats Now() => new(
        Process.GetCurrentProcess().TotalProcessorTime, GC.GetTotalPauseDuration(),
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(), Stopwatch.GetTimestamp());

    public static ProcessDelta operator -(ProcessStats end, ProcessStats start) => new(
        Stopwatch.GetElapsedTime(start.Timestamp, end.Timestamp), end.Cpu - start.Cpu, end.GcPause - start.GcPause,
        end.Gen0 - start.Gen0, end.Gen1 - start.Gen1, end.Gen2 - start.Gen2, end.Allocated - start.Allocated);
}

public readonly record struct ProcessDelta(TimeSpan Elapsed, TimeSpan Cpu, TimeSpan GcPause, int Gen0, int Gen1, int Gen2, long Allocated)
{
    /// <summary>Cores busy on average (this machine has <see cref="Environment.ProcessorCount"/>).</summary>
    public double CoresUsed => Elapsed.TotalSeconds > 0 ? Cpu.TotalSeconds / Elapsed.TotalSeconds : 0;
    public double GcPausePercent => Elapsed.TotalMilliseconds > 0 ? 100 * GcPause.TotalMilliseconds / Elapsed.TotalMilliseconds : 0;
}
