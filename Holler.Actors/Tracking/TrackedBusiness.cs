using Holler.Domain.Detection;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;

namespace Holler.Tracking;

/// <summary>One business inside a shard tracker: its traffic, and when (processing time) its last events arrived, so
/// a quiet business's window can be slid forward by the clock.</summary>
/// <remarks>Derives from its traffic rather than holding it: one object per business, not two.</remarks>
public sealed class TrackedBusiness(string id, BaselineSettings baseline, DetectorSettings detector, SeasonGroup group,
    NodaTime.DateTimeZone zone)
    : BusinessTraffic(baseline, detector, group, zone)
{
    public string Id { get; } = id;
    public BusinessTraffic Traffic => this;

    /// <summary>Processing time of the last arrival, as <see cref="DateTimeOffset.UtcTicks"/>.</summary>
    public long LastArrivalTicks { get; set; }

    /// <summary>The window's head at the last arrival: where the clock-driven slide starts from.</summary>
    public long HeadAtLastArrival { get; set; }

    /// <summary>Its breakdown by dimension and its error share; null while it is too quiet to keep one (see
    /// docs/dimensions.md#who-keeps-a-breakdown): one reference is all a quiet business pays.</summary>
    public TrackedDimensions? Dimensions { get; set; }
}
