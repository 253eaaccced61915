using Holler.Domain.Surges;
using Holler.Domain.Traffic;
using Holler.Tracking;

namespace Holler.Tests.Tracking;

/// <summary>When a shard tracker snapshots: enough batches, enough time, and enough events to pay for writing every business.</summary>
public sealed class SnapshotPolicyTests
{
    private static readonly TrackerSettings Settings = new(BaselineSettings.Default, DetectorSettings.Default, SnapshotEvery: 100,
        MinSnapshotInterval: TimeSpan.FromSeconds(10));

    private static readonly TimeSpan Long = TimeSpan.FromMinutes(1);

    [Theory]
    [InlineData(100, 5_000, 5_000, true)]     // as many events as businesses
    [InlineData(100, 4_999, 5_000, false)]    // a million businesses in 100 shards at low traffic: wait
    [InlineData(99, 1_000_000, 10, false)]    // too few batches, however many events
    [InlineData(100, 1, 0, true)]             // an empty shard never waits on events
    public void Waits_for_batches_and_for_as_many_events_as_the_shard_has_businesses(int batches, long events, int businesses, bool due) =>
        Assert.Equal(due, Settings.SnapshotDue(batches, events, businesses, Long));

    [Fact]
    public void Never_more_often_than_the_interval() =>
        Assert.False(Settings.SnapshotDue(1_000, 1_000_000, 10, TimeSpan.FromSeconds(9.9)));
}
