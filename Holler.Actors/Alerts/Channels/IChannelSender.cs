using Holler.Domain.Alerts;

namespace Holler.Alerts.Channels;

/// <summary>Makes one attempt to deliver a notification to one channel. Never throws: every failure is an outcome,
/// because the outbox pipes the task's result to itself and must always hear back.</summary>
public interface IChannelSender
{
    Task<SendOutcome> SendAsync(ChannelSettings channel, Notification notification, CancellationToken ct);
}
