using System.Threading.Channels;

namespace Holler.Web.Feed;

/// <summary>
/// The node's one view of the cluster for all browser sessions: <see cref="DashboardFeedActor"/> writes it, every open
/// dashboard subscribes. Each subscriber gets a channel holding only the newest snapshot, so a slow or stalled browser
/// costs one reference, never a queue; disposing the subscription removes it, so closed sessions leave nothing behind.
/// </summary>
public sealed class ClusterFeed
{
    private readonly Lock _gate = new();
    private readonly HashSet<FeedSubscription> _subscribers = [];
    private DashboardState _current = DashboardState.Initial;

    public DashboardState Current
    {
        get { lock (_gate) return _current; }
    }

    /// <summary>Open subscriptions: one per live dashboard component.</summary>
    public int SubscriberCount
    {
        get { lock (_gate) return _subscribers.Count; }
    }

    /// <summary>Subscribes; the channel starts with the current snapshot, so a new page shows it at once.</summary>
    public FeedSubscription Subscribe()
    {
        var subscription = new FeedSubscription(this);
        lock (_gate)
        {
            _subscribers.Add(subscription);
            subscription.Offer(_current);
        }
        return subscription;
    }

    /// <summary>Applies a change and hands the new snapshot to every subscriber. Called by the feed actor (one writer).</summary>
    internal void Update(Func<DashboardState, DashboardState> change)
    {
        lock (_gate)
        {
            var next = change(_current);
            if (ReferenceEquals(next, _current)) return;
            _current = next;
            foreach (var subscriber in _subscribers) subscriber.Offer(next);
        }
    }

    internal void Remove(FeedSubscription subscription)
    {
        lock (_gate) _subscribers.Remove(subscription);
    }
}

/// <summary>One dashboard's view of the feed: read <see cref="Updates"/>, dispose when the component goes.</summary>
public sealed class FeedSubscription : IDisposable
{
    private readonly ClusterFeed _feed;
    private readonly Channel<DashboardState> _channel = Channel.CreateBounded<DashboardState>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false });

    internal FeedSubscription(ClusterFeed feed) => _feed = feed;

    public ChannelReader<DashboardState> Updates => _channel.Reader;

    internal void Offer(DashboardState state) => _channel.Writer.TryWrite(state);

    public void Dispose()
    {
        _feed.Remove(this);
        _channel.Writer.TryComplete();
    }
}
