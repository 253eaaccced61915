using Holler.Domain.Traffic;

namespace Holler.Tracking;

/// <summary>One business inside a shard tracker: its traffic, and when (processing time) its last events arrived, so
/// a quiet business's window can be slid forward by the clock.</summary>
public sealed class TrackedBusiness(string id, BusinessTraffic traffic)
{
    public string Id { get; } = id;
    public BusinessTraffic Traffic { get; } = traffic;

    /// <summary>Processing time of the last arrival, as <see cref="DateTimeOffset.UtcTicks"/>.</summary>
    public long LastArrivalTicks { get; set; }

    /// <summary>The window's head at the last arrival: where the clock-driven slide starts from.</summary>
    public long HeadAtLastArrival { get; set; }
}
