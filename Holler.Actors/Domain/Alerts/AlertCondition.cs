using System.Globalization;

namespace Holler.Domain.Alerts;

public enum ConditionKind
{
    /// <summary>Traffic well above its expectation.</summary>
    Surge,
    /// <summary>Traffic well below its expectation.</summary>
    Drop,
    /// <summary>At least a number of events within a number of seconds, whatever the expectation (an absolute alarm,
    /// e.g. more than 500 orders in 30 s).</summary>
    Rate,
    /// <summary>The 5xx share of the window at or above a level and well above the business's own usual share.</summary>
    ErrorShare,
}

/// <summary>What makes a rule's alert.</summary>
/// <param name="MinSeverity">Surge, drop and error share: the severity (−log10 of how likely the window is) the episode
/// must reach; 0 takes every episode the trackers report.</param>
/// <param name="MinEvents">Rate: events that must arrive within <paramref name="WindowSeconds"/>.</param>
/// <param name="WindowSeconds">Rate: the window, 1–60 s (the trackers keep the last 60 seconds per business).</param>
/// <param name="MinShare">Error share: the 5xx share of the window (0–1) that must be reached.</param>
public sealed record AlertCondition(ConditionKind Kind, double MinSeverity, int MinEvents = 0, int WindowSeconds = 0, double MinShare = 0)
{
    public const double MaxSeverity = 10_000;
    public const int MaxRateWindowSeconds = 60;
    public const int MaxRateEvents = 100_000_000;

    public static AlertCondition Rate(int minEvents, int windowSeconds) => new(ConditionKind.Rate, 0, minEvents, windowSeconds);

    public static AlertCondition ErrorShare(double minShare, double minSeverity) => new(ConditionKind.ErrorShare, minSeverity, MinShare: minShare);

    /// <summary>The kind of report this condition is about: a rule ignores every other kind.</summary>
    public SignalKind ReadsKind => Kind switch
    {
        ConditionKind.Rate => SignalKind.Rate,
        ConditionKind.ErrorShare => SignalKind.ErrorShare,
        _ => SignalKind.Episode,
    };

    /// <summary>Whether the report is one this condition reads (its kind and, for a rate, its window).</summary>
    public bool Reads(SurgeSignal signal) =>
        signal.Kind == ReadsKind && (Kind != ConditionKind.Rate || signal.WindowSeconds == WindowSeconds);

    /// <summary>A detector episode lasts until the detector ends it; a rate or error share holds only while its figure does.</summary>
    public bool IsEpisode => Kind is ConditionKind.Surge or ConditionKind.Drop;

    public bool Matches(SurgeSignal signal) => signal.Active && Reads(signal) && Kind switch
    {
        ConditionKind.Rate => signal.WindowCount >= MinEvents,
        ConditionKind.ErrorShare => signal.Ratio >= MinShare && signal.Severity >= MinSeverity,
        _ => signal.Drop == (Kind == ConditionKind.Drop) && signal.Severity >= MinSeverity,
    };

    /// <summary>Whether the business as last reported still meets the condition (for a pending alert reaching its duration).</summary>
    public bool Holds(AlertedBusiness b) => Kind switch
    {
        ConditionKind.Rate => b.Kind == SignalKind.Rate && b.WindowCount >= MinEvents,
        ConditionKind.ErrorShare => b.Kind == SignalKind.ErrorShare && b.Ratio >= MinShare && b.Severity >= MinSeverity,
        _ => b.Kind == SignalKind.Episode && b.Drop == (Kind == ConditionKind.Drop) && b.Severity >= MinSeverity,
    };

    public IEnumerable<string> Validate()
    {
        if (!(MinSeverity >= 0) || MinSeverity > MaxSeverity)
            yield return $"severity must be between 0 and {MaxSeverity:0}, was {MinSeverity}";
        if (Kind == ConditionKind.Rate)
        {
            if (MinEvents is < 1 or > MaxRateEvents) yield return $"a rate rule needs min-events between 1 and {MaxRateEvents}, was {MinEvents}";
            if (WindowSeconds is < 1 or > MaxRateWindowSeconds)
                yield return $"a rate rule's window must be 1–{MaxRateWindowSeconds} seconds, was {WindowSeconds}";
        }
        if (Kind == ConditionKind.ErrorShare && !(MinShare is > 0 and <= 1))
            yield return $"an error-share rule needs a share above 0% and at most 100%, was {(MinShare * 100).ToString("0.##", CultureInfo.InvariantCulture)}%";
    }

    public override string ToString() => Kind switch
    {
        ConditionKind.Rate => string.Create(CultureInfo.InvariantCulture, $"rate ≥ {MinEvents} events in {WindowSeconds} s"),
        ConditionKind.ErrorShare => string.Create(CultureInfo.InvariantCulture, $"error share ≥ {MinShare * 100:0.##}%, severity ≥ {MinSeverity:0.##}"),
        _ => $"{Kind.ToString().ToLowerInvariant()} ≥ {MinSeverity.ToString("0.##", CultureInfo.InvariantCulture)}",
    };
}
