namespace Holler.Domain;

/// <summary>Per-reason reject counts, safe to bump from any number of consumer threads.</summary>
public sealed class RejectCounters
{
    private static readonly RejectReason[] Reasons = Enum.GetValues<RejectReason>();

    // Indexed by the enum's value; a flat array keeps Increment to one Interlocked op with no lookups.
    private readonly long[] _counts = new long[Reasons.Max(r => (int)r) + 1];

    public void Increment(RejectReason reason) => Interlocked.Increment(ref _counts[Index(reason)]);

    public long this[RejectReason reason] => Interlocked.Read(ref _counts[Index(reason)]);

    /// <summary>Sum of all reasons; each count is read atomically, but not all at one instant.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                total += Interlocked.Read(ref _counts[i]);
            }

            return total;
        }
    }

    /// <summary>Every reason, zeros included, so metric exporters see a stable label set.</summary>
    public IReadOnlyDictionary<RejectReason, long> Snapshot()
    {
        var snapshot = new Dictionary<RejectReason, long>(Reasons.Length);
        foreach (var reason in Reasons)
        {
            snapshot[reason] = this[reason];
        }

        return snapshot;
    }

    private int Index(RejectReason reason)
    {
        var i = (int)reason;
        if ((uint)i >= (uint)_counts.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Unknown reject reason.");
        }

        return i;
    }
}
