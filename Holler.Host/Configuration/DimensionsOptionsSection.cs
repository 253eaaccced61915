using Holler.Domain.Dimensions;

namespace Holler.Host.Configuration;

/// <summary>Dimensions:* — which businesses keep a breakdown of their traffic, and when a 5xx share is an error surge
/// (docs/dimensions.md).</summary>
public sealed class DimensionsOptionsSection
{
    public bool Enabled { get; set; } = DimensionSettings.Default.Enabled;
    public int MinEventsPerMinute { get; set; } = DimensionSettings.Default.MinEventsPerMinute;
    public int KeepMinutes { get; set; } = DimensionSettings.Default.KeepMinutes;

    /// <summary>0–1: the 5xx share of the last minute an error surge needs at least.</summary>
    public double MinErrorShare { get; set; } = DimensionSettings.Default.MinErrorShare;

    public double MinErrorEvents { get; set; } = DimensionSettings.Default.MinErrorEvents;

    public DimensionSettings Resolve(List<string> errors)
    {
        var settings = new DimensionSettings(Enabled, MinEventsPerMinute, KeepMinutes, MinErrorShare, MinErrorEvents);
        errors.AddRange(settings.Validate());
        return settings;
    }
}
