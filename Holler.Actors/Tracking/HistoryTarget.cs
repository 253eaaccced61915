using Akka.Actor;

namespace Holler.Tracking;

/// <summary>Where a shard tracker sends its minute rows (its node's history writer) and how many closed minutes it
/// sends again after a recovery.</summary>
public sealed record HistoryTarget(IActorRef Writer, int ResendMinutes);

/// <summary>Time for a shard tracker to send the open minutes of its businesses gone quiet (see <see cref="TrackerHistory"/>).</summary>
internal sealed class HistorySweep
{
    public const string Key = "history-sweep";
    public static HistorySweep Instance { get; } = new();
}
