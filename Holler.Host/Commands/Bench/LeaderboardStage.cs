using Akka.Actor;
using Akka.Cluster.Tools.PublishSubscribe;
using Holler.Leaderboard;

namespace Holler.Host.Commands.Bench;

/// <summary>The "leaderboard" freshness stage: a DistributedPubSub subscriber telling the clock whom each publication shows.</summary>
public sealed class LeaderboardStage : ReceiveActor
{
    public LeaderboardStage(FreshnessClock clock, TaskCompletionSource subscribed)
    {
        Receive<SubscribeAck>(_ => subscribed.TrySetResult());
        Receive<LeaderboardUpdated>(update =>
        {
            clock.Surging(update.Surging);
            foreach (var entry in update.Top) clock.Seen(FreshnessStages.Leaderboard, entry.BusinessId);
        });
    }

    protected override void PreStart() =>
        DistributedPubSub.Get(Context.System).Mediator.Tell(new Subscribe(LeaderboardUpdated.Topic, Self));
}

public static class LeaderboardStages
{
    public static async Task<IActorRef> StartAsync(ActorSystem system, FreshnessClock clock)
    {
        var subscribed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.ActorOf(Props.Create(() => new LeaderboardStage(clock, subscribed)));
        await subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return actor;
    }
}
