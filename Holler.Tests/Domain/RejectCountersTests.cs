using Holler.Domain;

namespace Holler.Tests.Domain;

public class RejectCountersTests
{
    [Fact]
    public void CountsPerReason()
    {
        var counters = new RejectCounters();

        counters.Increment(RejectReason.TooOld);
        counters.Increment(RejectReason.TooOld);
        counters.Increment(RejectReason.NotJson);

        Assert.Equal(2, counters[RejectReason.TooOld]);
        Assert.Equal(1, counters[RejectReason.NotJson]);
        Assert.Equal(0, counters[RejectReason.Malformed]);
        Assert.Equal(3, counters.Total);
    }

    [Fact]
    public void SnapshotListsEveryReasonIncludingZeros()
    {
        var counters = new RejectCounters();
        counters.Increment(RejectReason.Malformed);

        var snapshot = counters.Snapshot();

        Assert.Equal(Enum.GetValues<RejectReason>(), snapshot.Keys.Order());
        Assert.Equal(1, snapshot[RejectReason.Malformed]);
        Assert.Equal(0, snapshot[RejectReason.TooFarInFuture]);
    }

    [Fact]
    public void SnapshotDoesNotTrackLaterIncrements()
    {
        var counters = new RejectCounters();
        var snapshot = counters.Snapshot();

        counters.Increment(RejectReason.Malformed);

        Assert.Equal(0, snapshot[RejectReason.Malformed]);
    }

    [Fact]
    public void UnknownReasonThrows()
    {
        var counters = new RejectCounters();

        Assert.Throws<ArgumentOutOfRangeException>(() => counters.Increment((RejectReason)99));
        Assert.Throws<ArgumentOutOfRangeException>(() => counters[(RejectReason)(-1)]);
    }

    [Fact]
    public void IncrementsFromParallelThreadsAreNotLost()
    {
        var counters = new RejectCounters();
        var reasons = Enum.GetValues<RejectReason>();
        const int PerReason = 20_000;

        Parallel.For(0, reasons.Length * PerReason, i => counters.Increment(reasons[i % reasons.Length]));

        Assert.All(reasons, r => Assert.Equal(PerReason, counters[r]));
        Assert.Equal((long)reasons.Length * PerReason, counters.Total);
        Assert.All(counters.Snapshot().Values, v => Assert.Equal(PerReason, v));
    }
}
