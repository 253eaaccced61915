using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Akka.Hosting;
using Holler.Domain.Fleet;
using Holler.Fleet;
using Microsoft.Extensions.DependencyInjection;

namespace Holler.Web.Fleet;

/// <summary>
/// The web node's fleet view: subscribes to every ingest node's <see cref="FleetTraffic"/>, sums it into one
/// <see cref="FleetWindow"/> (the last hour), and hands a new <see cref="FleetSnapshot"/> to <see cref="FleetFeed"/> once
/// a second, however many nodes publish, so pages re-render at a steady pace.
/// </summary>
public sealed class FleetViewActor : ReceiveActor, IWithTimers
{
    private readonly FleetFeed _feed;
    private readonly TimeProvider _clock;
    private readonly IActorRef _mediator;
    private readonly FleetWindow _window = new();
    private bool _changed = true;

    public FleetViewActor(FleetFeed feed, TimeProvider clock, IActorRef? mediator = null)
    {
        _feed = feed;
        _clock = clock;
        _mediator = mediator ?? DistributedPubSub.Get(Context.System).Mediator;
        Receive<SubscribeAck>(_ => { });
        Receive<FleetTraffic>(t =>
        {
            foreach (var second in t.Seconds) _window.Add(second);
            _changed = true;
        });
        Receive<Tick>(_ =>
        {
            // Snapshots move with the clock even without traffic (the rate falls to zero), but not faster than needed.
            var nowMs = _clock.GetUtcNow().ToUnixTimeMilliseconds();
            if (!_changed && nowMs - _feed.Current.AtMs < 5_000) return;
            _changed = false;
            _feed.Publish(_window.Snapshot(nowMs / 1000) with { AtMs = nowMs });
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props PropsFor(FleetFeed feed, TimeProvider? clock = null, IActorRef? mediator = null) =>
        Props.Create(() => new FleetViewActor(feed, clock ?? TimeProvider.System, mediator));

    protected override void PreStart()
    {
        _mediator.Tell(new Subscribe(FleetTraffic.Topic, Self));
        Timers.StartPeriodicTimer("tick", Tick.Instance, TimeSpan.FromSeconds(1));
    }

    private sealed class Tick
    {
        public static Tick Instance { get; } = new();
    }
}

public static class FleetViewSetup
{
    /// <summary>Starts this web node's fleet view, writing into the <see cref="FleetFeed"/> registered by <c>AddHollerDashboard</c>.</summary>
    public static AkkaConfigurationBuilder AddFleetView(this AkkaConfigurationBuilder builder) =>
        builder.WithActors((system, _, resolver) =>
            system.ActorOf(FleetViewActor.PropsFor(resolver.GetService<FleetFeed>(), resolver.GetService<TimeProvider>()), "fleet-view"));
}
