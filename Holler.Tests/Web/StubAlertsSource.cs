using Holler.Alerts;
using Holler.Domain.Alerts;
using Holler.Web.Feed;

namespace Holler.Tests.Web;

/// <summary>The alerts singleton as the dashboard's pages see it: canned rules and alerts, and the commands sent, with
/// the answer the test sets.</summary>
internal sealed class StubAlertsSource : IAlertsSource
{
    private readonly List<IAlertsProtocol> _sent = [];

    public IReadOnlyList<Alert> Alerts { get; set; } = [];
    public IReadOnlyList<AlertRule> Rules { get; set; } = [];
    public bool Unavailable { get; set; }
    public AlertFilter? LastFilter { get; private set; }
    /// <summary>What every command is answered with.</summary>
    public AlertsReply Answer { get; set; } = new(AlertsReplyStatus.Ok, null, null, null);
    public IReadOnlyList<IAlertsProtocol> Sent => _sent;

    public Task<AlertRulesReply?> GetRulesAsync(CancellationToken token) =>
        Task.FromResult(Unavailable ? null : new AlertRulesReply(Rules, []));

    public Task<IReadOnlyList<Alert>?> GetAlertsAsync(AlertFilter filter, CancellationToken token)
    {
        LastFilter = filter;
        return Task.FromResult(Unavailable
            ? null
            : (IReadOnlyList<Alert>?)Alerts.Where(a => filter.State is null || a.State == filter.State).ToList());
    }

    public Task<AlertsReply?> SendAsync(IAlertsProtocol command, CancellationToken token)
    {
        _sent.Add(command);
        return Task.FromResult(Unavailable ? null : (AlertsReply?)Answer);
    }
}
