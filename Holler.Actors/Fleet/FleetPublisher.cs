using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;

namespace Holler.Fleet;

/// <summary>
/// Publishes this ingest node's fleet counts (<see cref="FleetTraffic"/>) once a second when there are any. Separate from
/// the ingest stream, so a slow mediator never touches it.
/// </summary>
public sealed class FleetPublisher : ReceiveActor, IWithTimers
{
    private readonly FleetRecorder _recorder;
    private readonly TimeSpan _interval;
    private readonly IActorRef _mediator;
    private readonly string _node;

    public FleetPublisher(FleetRecorder recorder, TimeSpan interval, IActorRef? mediator = null)
    {
        _recorder = recorder;
        _interval = interval;
        _mediator = mediator ?? DistributedPubSub.Get(Context.System).Mediator;
        _node = Akka.Cluster.Cluster.Get(Context.System).SelfAddress.ToString();
        Receive<Tick>(_ =>
        {
            var seconds = _recorder.Drain();
            if (seconds.Count > 0) _mediator.Tell(new Publish(FleetTraffic.Topic, new FleetTraffic(_node, seconds)));
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(FleetRecorder recorder, TimeSpan interval, IActorRef? mediator = null) =>
        Props.Create(() => new FleetPublisher(recorder, interval, mediator));

    protected override void PreStart() => Timers.StartPeriodicTimer("tick", Tick.Instance, _interval);

    private sealed class Tick
    {
        public static Tick Instance { get; } = new();
    }
}

public static class FleetPublisherSetup
{
    /// <summary>Publishes what <paramref name="recorder"/> (given to <c>AddIngest</c>) counted, every <paramref name="interval"/>.</summary>
    public static AkkaConfigurationBuilder AddFleetPublisher(this AkkaConfigurationBuilder builder, FleetRecorder recorder,
        TimeSpan? interval = null) =>
        builder.WithActors((system, _) =>
            system.ActorOf(FleetPublisher.PropsFor(recorder, interval ?? TimeSpan.FromSeconds(1)), "fleet-publisher"));
}
