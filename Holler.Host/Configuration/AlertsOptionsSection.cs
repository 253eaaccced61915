using Holler.Domain.Alerts;

namespace Holler.Host.Configuration;

/// <summary>Alerts: how rules' alerts are grouped and kept. Channels (Alerts:Channels:NAME) are delivery's settings.</summary>
public sealed partial class AlertsOptionsSection
{
    /// <summary>A rule's alerts firing (or resolving) within this many seconds of the first make one notification.</summary>
    public double GroupWindowSeconds { get; set; } = AlertSettings.Default.GroupWindow.TotalSeconds;

    /// <summary>Businesses listed in one notification at most; the rest are counted.</summary>
    public int GroupSize { get; set; } = AlertSettings.Default.GroupSize;

    /// <summary>An open alert whose business no tracker reported for this many seconds resolves (a lost "ended").</summary>
    public double StaleAfterSeconds { get; set; } = AlertSettings.Default.StaleAfter.TotalSeconds;

    /// <summary>Resolved alerts kept in the history.</summary>
    public int HistoryLimit { get; set; } = AlertSettings.Default.HistoryLimit;

    /// <param name="publicUrl">The dashboard's public address (Web:PublicUrl), for drill-down links.</param>
    /// <param name="knownChannels">The configured channel names, null when unknown here (any name is accepted).</param>
    public AlertSettings Resolve(string publicUrl, IReadOnlySet<string>? knownChannels, List<string> errors)
    {
        var settings = AlertSettings.Default with
        {
            GroupWindow = Seconds(GroupWindowSeconds),
            GroupSize = GroupSize,
            StaleAfter = Seconds(StaleAfterSeconds),
            HistoryLimit = HistoryLimit,
            PublicUrl = publicUrl.Trim(),
            KnownChannels = knownChannels,
        };
        errors.AddRange(settings.Validate());
        return settings;
    }

    // NaN or infinity would throw in TimeSpan.FromSeconds; as -1 they fail validation with the setting's name.
    private static TimeSpan Seconds(double value) => double.IsFinite(value) && Math.Abs(value) < 1e9 ? TimeSpan.FromSeconds(value) : TimeSpan.FromSeconds(-1);
}
