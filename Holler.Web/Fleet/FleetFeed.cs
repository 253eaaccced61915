using System.Threading.Channels;
using Holler.Domain.Fleet;

namespace Holler.Web.Fleet;

/// <summary>
/// The node's one fleet view for every browser session, as <c>ClusterFeed</c> is for the leaderboard:
/// <see cref="FleetViewActor"/> writes a new snapshot about once a second, each open fleet page holds a one-slot channel
/// with only the newest, so a slow browser costs one reference, never a queue.
/// </summary>
public sealed class FleetFeed
{
    private readonly Lock _gate = new();
    private readonly HashSet<Channel<FleetSnapshot>> _subscribers = [];
    private FleetSnapshot _current = FleetSnapshot.Empty;

    public FleetSnapshot Current
    {
        get { lock (_gate) return _current; }
    }

    public int SubscriberCount
    {
        get { lock (_gate) return _subscribers.Count; }
    }

    /// <summary>The channel starts with the current snapshot; dispose the subscription when the page goes.</summary>
    public FleetSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<FleetSnapshot>(
            new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true, SingleWriter = false });
        lock (_gate)
        {
            _subscribers.Add(channel);
            channel.Writer.TryWrite(_current);
        }
        return new FleetSubscription(channel.Reader, () =>
        {
            lock (_gate) _subscribers.Remove(channel);
            channel.Writer.TryComplete();
        });
    }

    internal void Publish(FleetSnapshot snapshot)
    {
        lock (_gate)
        {
            _current = snapshot;
            foreach (var subscriber in _subscribers) subscriber.Writer.TryWrite(snapshot);
        }
    }
}

/// <summary>One page's view of the <see cref="FleetFeed"/>.</summary>
public sealed class FleetSubscription(ChannelReader<FleetSnapshot> updates, Action unsubscribe) : IDisposable
{
    private int _disposed;

    public ChannelReader<FleetSnapshot> Updates { get; } = updates;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) unsubscribe();
    }
}
