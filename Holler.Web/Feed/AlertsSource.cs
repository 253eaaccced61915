using Akka.Actor;
using Akka.Hosting;
using Holler.Alerts;
using Holler.Domain.Alerts;

namespace Holler.Web.Feed;

/// <summary>Where the alerts page gets the rules and the alert history.</summary>
public interface IAlertsSource
{
    /// <summary>Null when the alerts singleton did not answer in time.</summary>
    Task<AlertRulesReply?> GetRulesAsync(CancellationToken token);

    /// <summary>Newest first; null when the alerts singleton did not answer in time.</summary>
    Task<IReadOnlyList<Alert>?> GetAlertsAsync(AlertFilter filter, CancellationToken token);

    /// <summary>A command the operator API sends too (add, remove, mute a rule; acknowledge, snooze, mark an alert);
    /// null when the alerts singleton did not answer in time.</summary>
    Task<AlertsReply?> SendAsync(IAlertsProtocol command, CancellationToken token);
}

/// <summary>Asks the alerts singleton through its proxy.</summary>
public sealed class SingletonAlertsSource(IActorRegistry registry) : IAlertsSource
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public async Task<AlertRulesReply?> GetRulesAsync(CancellationToken token)
    {
        try { return await registry.Get<AlertsActor>().Ask<AlertRulesReply>(GetAlertRules.Instance, Timeout, token); }
        catch (AskTimeoutException) { return null; }
    }

    public async Task<IReadOnlyList<Alert>?> GetAlertsAsync(AlertFilter filter, CancellationToken token)
    {
        try { return (await registry.Get<AlertsActor>().Ask<AlertListReply>(new GetAlerts(filter), Timeout, token)).Alerts; }
        catch (AskTimeoutException) { return null; }
    }

    public async Task<AlertsReply?> SendAsync(IAlertsProtocol command, CancellationToken token)
    {
        try { return await registry.Get<AlertsActor>().Ask<AlertsReply>(command, Timeout, token); }
        catch (AskTimeoutException) { return null; }
    }
}
