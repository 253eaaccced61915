using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Holler.Leaderboard;

namespace Holler.Tests.Support;

/// <summary>Subscribes to the leaderboard topic and keeps every publication.</summary>
public sealed class LeaderboardRecorder : ReceiveActor
{
    private readonly ConcurrentQueue<LeaderboardUpdated> _seen;
    private readonly TaskCompletionSource _subscribed;

    public LeaderboardRecorder(ConcurrentQueue<LeaderboardUpdated> seen, TaskCompletionSource subscribed)
    {
        _seen = seen;
        _subscribed = subscribed;
        Receive<SubscribeAck>(_ => _subscribed.TrySetResult());
        Receive<LeaderboardUpdated>(_seen.Enqueue);
    }

    protected override void PreStart() =>
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(LeaderboardUpdated.Topic, Self));
}

public static class LeaderboardRecording
{
    /// <summary>Starts a recorder on the node's actor system and waits until it is subscribed.</summary>
    public static async Task<ConcurrentQueue<LeaderboardUpdated>> StartAsync(ActorSystem system)
    {
        var seen = new ConcurrentQueue<LeaderboardUpdated>();
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.ActorOf(Props.Create(() => new LeaderboardRecorder(seen, subscribed)));
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return seen;
    }
}
