using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;

namespace Holler.Ingest;

/// <summary>
/// Asks this node's ingest for its status on an interval and publishes it cluster-wide as <see cref="IngestNodeStatus"/>,
/// with rates over the last thirty seconds of readings. Separate from the ingest itself, so a slow subscriber or a missing
/// mediator never touches the stream.
/// </summary>
public sealed class IngestStatusPublisher : ReceiveActor, IWithTimers
{
    private readonly IActorRef _ingest;
    private readonly IActorRef _mediator;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _clock;
    private readonly string _node;
    // Recent readings: rates are taken over the last ~30 s, since the ingest moves in micro-batches of up to 20,000
    // records (seconds apart under load) and a 2-second difference would swing between zero and many times the rate.
    private readonly Queue<(long AtMs, long Consumed, long Applied)> _readings = new();
    private const long RateWindowMs = 30_000;

    public IngestStatusPublisher(IActorRef ingest, TimeSpan interval, TimeProvider clock, IActorRef? mediator = null)
    {
        _ingest = ingest;
        _interval = interval;
        _clock = clock;
        _mediator = mediator ?? DistributedPubSub.Get(Context.System).Mediator;
        _node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();

        Receive<Tick>(_ => _ingest.Tell(GetIngestStatus.Instance));
        Receive<IngestStatus>(Publish);
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(IActorRef ingest, TimeSpan interval, TimeProvider? clock = null, IActorRef? mediator = null) =>
        Props.Create(() => new IngestStatusPublisher(ingest, interval, clock ?? TimeProvider.System, mediator));

    protected override void PreStart() => Timers.StartPeriodicTimer("tick", Tick.Instance, _interval);

    private void Publish(IngestStatus status)
    {
        var nowMs = _clock.GetUtcNow().ToUnixTimeMilliseconds();
        while (_readings.Count > 1 && _readings.Peek().AtMs < nowMs - RateWindowMs) _readings.Dequeue();
        double consumedRate = 0, appliedRate = 0;
        if (_readings.TryPeek(out var p) && nowMs > p.AtMs)
        {
            var seconds = (nowMs - p.AtMs) / 1000.0;
            consumedRate = Math.Max(0, status.Consumed - p.Consumed) / seconds;
            appliedRate = Math.Max(0, status.Applied - p.Applied) / seconds;
        }
        _readings.Enqueue((nowMs, status.Consumed, status.Applied));
        long lag = 0;
        foreach (var (partition, end) in status.LogEnd)
            lag += Math.Max(0, end - (status.Committed.TryGetValue(partition, out var committed) ? committed : 0));
        var rejected = status.Rejected.Values.Sum();
        _mediator.Tell(new Akka.Cluster.Tools.PublishSubscribe.Publish(IngestNodeStatus.Topic, new IngestNodeStatus(
            _node, nowMs, status.Consumed, status.Applied, rejected, lag, status.LogEnd.Count, consumedRate, appliedRate)));
    }

    private sealed class Tick
    {
        public static Tick Instance { get; } = new();
    }
}

public static class IngestStatusPublisherSetup
{
    /// <summary>Publishes this node's ingest status every <paramref name="interval"/> (call after <c>AddIngest</c>).</summary>
    public static AkkaConfigurationBuilder AddIngestStatusPublisher(this AkkaConfigurationBuilder builder, TimeSpan? interval = null) =>
        builder.WithActors((system, registry) =>
            system.ActorOf(IngestStatusPublisher.PropsFor(registry.Get<IngestActor>(), interval ?? TimeSpan.FromSeconds(2)),
                "ingest-status-publisher"));
}
