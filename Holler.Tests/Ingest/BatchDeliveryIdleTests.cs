using System.Text;
using Akka.Hosting;
using Holler.Domain;
using Holler.Ingest;
using Holler.Tests.Support;
using Holler.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using static Holler.Tests.Support.Traffic;

namespace Holler.Tests.Ingest;

/// <summary>The flush asks every shard for a checkpoint only when the stream is idle: a micro-batch that took longer than
/// the flush interval to deliver is not idleness.</summary>
public sealed class BatchDeliveryIdleTests(ITestOutputHelper output)
    : Akka.Hosting.TestKit.TestKit(nameof(BatchDeliveryIdleTests), output, startupTimeout: TimeSpan.FromSeconds(30))
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(20);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // A plain actor system: the trackers are a probe.
    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider)
    {
    }

    [Fact]
    public async Task A_slow_delivery_does_not_make_the_next_flush_force_checkpoints_but_a_quiet_interval_after_it_does()
    {
        var clock = new ManualClock(DateTimeOffset.FromUnixTimeSeconds(T0 + 5));
        var trackers = CreateTestProbe("trackers");
        var delivery = new BatchDelivery(trackers.Ref, 1, new IngestMetrics(), ParseLimits.Default, clock, Long, NullLogger.Instance);
        delivery.BeginRun();
        var record = new ConsumedRecord(Encoding.UTF8.GetBytes("biz-1"),
            Encoding.UTF8.GetBytes($$"""{"business_id":"biz-1","ts":{{T0 * 1000}}}"""), 0, 7, 8);
        var batch = delivery.Prepare([record]);

        var delivering = delivery.DeliverAsync(batch, Ct);
        trackers.ExpectMsg<TrafficBatch>(Long, cancellationToken: Ct);
        // The trackers take three flush intervals to answer; nothing is durable yet.
        clock.Advance(3 * BatchDelivery.FlushInterval);
        trackers.Reply(new TrafficBatchAck(0, 1, 0, DurableUpTo: -1));
        await delivering.WaitAsync(Long, Ct);
        delivery.Delivered(batch);

        var flushing = delivery.FlushAsync(Ct);
        Assert.False(trackers.ExpectMsg<CheckpointRequest>(Long, cancellationToken: Ct).Force);
        trackers.Reply(new ShardDurable(0, new Dictionary<int, long> { [0] = -1 }, Lost: false));
        await flushing.WaitAsync(Long, Ct);

        // A flush interval with no delivery at all: the stream is idle and its tail must become durable.
        clock.Advance(BatchDelivery.FlushInterval);
        flushing = delivery.FlushAsync(Ct);
        Assert.True(trackers.ExpectMsg<CheckpointRequest>(Long, cancellationToken: Ct).Force);
        trackers.Reply(new ShardDurable(0, new Dictionary<int, long> { [0] = 7 }, Lost: false));
        Assert.Equal(new Dictionary<int, long> { [0] = 8 }, await flushing.WaitAsync(Long, Ct));
    }
}
