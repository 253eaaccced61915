using Akka.Actor;
using Akka.Hosting;
using Holler.Alerts;
using Holler.Alerts.Delivery;

namespace Holler.Web.Feed;

/// <summary>Where the dead-letters page gets the alert outbox's dead letters and sends re-drives.</summary>
public interface IDeadLettersSource
{
    /// <summary>Newest first; null when the alerts singleton did not answer in time.</summary>
    Task<DeadLettersReply?> GetAsync(int limit, CancellationToken token);

    /// <summary>Null when the alerts singleton did not answer in time.</summary>
    Task<RedriveReply?> RedriveAsync(RedriveDeadLetters redrive, CancellationToken token);
}

/// <summary>Asks the alerts singleton through its proxy; it hands both to its outbox.</summary>
public sealed class SingletonDeadLettersSource(IActorRegistry registry) : IDeadLettersSource
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<DeadLettersReply?> GetAsync(int limit, CancellationToken token)
    {
        try { return await registry.Get<AlertsActor>().Ask<DeadLettersReply>(new GetDeadLetters(limit), Timeout, token); }
        catch (AskTimeoutException) { return null; }
    }

    public async Task<RedriveReply?> RedriveAsync(RedriveDeadLetters redrive, CancellationToken token)
    {
        try { return await registry.Get<AlertsActor>().Ask<RedriveReply>(redrive, Timeout, token); }
        catch (AskTimeoutException) { return null; }
    }
}
