using Holler.Web.Access;
using Holler.Web.Feed;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Holler.Web.Components;

/// <summary>
/// A component that shows the cluster feed: it subscribes when it starts, re-renders on every new snapshot through
/// <see cref="ComponentBase.InvokeAsync(Action)"/>, and unsubscribes when the circuit disposes it, so a closed tab or a
/// dropped circuit leaves no subscription behind. Every snapshot is cut to the user's <see cref="BusinessScope"/> before
/// the component sees it, so a business user's page never holds another business's figures.
/// </summary>
public abstract class FeedComponentBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private FeedSubscription? _subscription;

    [Inject] protected ClusterFeed Feed { get; set; } = null!;
    [Inject] protected TimeProvider Clock { get; set; } = null!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = null!;

    /// <summary>The businesses this user may see; nothing until the user is known.</summary>
    protected BusinessScope Scope { get; private set; } = BusinessScope.Nothing;

    protected DashboardState State { get; private set; } = DashboardState.Initial;

    protected long NowMs => Clock.GetUtcNow().ToUnixTimeMilliseconds();

    protected override async Task OnInitializedAsync()
    {
        Scope = BusinessScope.Of((await Authentication.GetAuthenticationStateAsync()).User);
        _subscription = Feed.Subscribe();
        State = Scope.Filter(Feed.Current);
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
                    State = Scope.Filter(state);
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
