using Holler.Web.Feed;
using Microsoft.AspNetCore.Components;

namespace Holler.Web.Components;

/// <summary>
/// A component that shows the cluster feed: it subscribes when it starts, re-renders on every new snapshot through
/// <see cref="ComponentBase.InvokeAsync(Action)"/>, and unsubscribes when the circuit disposes it, so a closed tab or a
/// dropped circuit leaves no subscription behind.
/// </summary>
public abstract class FeedComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private FeedSubscription? _subscription;

    [Inject] protected ClusterFeed Feed { get; set; } = null!;
    [Inject] protected TimeProvider Clock { get; set; } = null!;

    protected DashboardState State { get; private set; } = DashboardState.Initial;

    protected long NowMs => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    protected override void OnInitialized()
    {
        _subscription = Feed.Subscribe();
        State = Feed.Current;
        _ = PumpAsync(_subscription, _stop.Token);
    }

    private async Task PumpAsync(FeedSubscription subscription, CancellationToken token)
    {
        try
        {
            await foreach (var state in subscription.Updates.ReadAllAsync(token))
            {
                await InvokeAsync(() =>
                {
                    State = state;
                    OnFeedUpdated();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException) { }
        catch (ObjectDisposedException) { }
    }

    /// <summary>Called on the renderer's context before re-rendering with a new snapshot.</summary>
    protected virtual void OnFeedUpdated()
    {
    }

    public void Dispose()
    {
        _stop.Cancel();
        _subscription?.Dispose();
        _stop.Dispose();
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}
