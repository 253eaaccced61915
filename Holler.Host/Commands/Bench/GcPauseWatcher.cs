namespace Holler.Host.Commands.Bench;

/// <summary>
/// The longest single GC pause while it runs. The runtime only keeps the last GC of each kind, so this polls them
/// often; a burst of gen0 GCs between polls can hide one, but the long pauses (gen1, gen2) are what it is for.
/// </summary>
public sealed class GcPauseWatcher : IDisposable
{
    private static readonly GCKind[] Kinds = [GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background];
    private readonly Timer _timer;
    private readonly long[] _seenIndex = new long[Kinds.Length];
    private TimeSpan _max;

    public GcPauseWatcher()
    {
        for (var k = 0; k < Kinds.Length; k++) _seenIndex[k] = GC.GetGCMemoryInfo(Kinds[k]).Index;
        _timer = new Timer(_ => Poll(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(20));
    }

    public TimeSpan MaxPause
    {
        get
        {
            lock (_timer) { Poll(); return _max; }
        }
    }

    private void Poll()
    {
        lock (_timer)
        {
            for (var k = 0; k < Kinds.Length; k++)
            {
                var info = GC.GetGCMemoryInfo(Kinds[k]);
                if (info.Index == _seenIndex[k]) continue;
                _seenIndex[k] = info.Index;
                foreach (var pause in info.PauseDurations) if (pause > _max) _max = pause;
            }
        }
    }

    public void Dispose() => _timer.Dispose();
}
