namespace Holler.Domain.Alerts;

public enum ConditionKind
{
    /// <summary>Traffic well above its expectation.</summary>
    Surge,
    /// <summary>Traffic well below its expectation.</summary>
    Drop,
}

/// <summary>What makes a rule's alert: an episode of the given kind whose severity (the detector's −log10 of how likely
/// the window is) reaches <paramref name="MinSeverity"/>. 0 takes every episode the detector reports.</summary>
/// <remarks>A rate rule (N events in T seconds) and an error share need figures the trackers do not report yet; they
/// are not modelled here.</remarks>
public sealed record AlertCondition(ConditionKind Kind, double MinSeverity)
{
    public const double MaxSeverity = 10_000;

    public bool Matches(SurgeSignal signal) =>
        signal.Active && signal.Drop == (Kind == ConditionKind.Drop) && signal.Severity >= MinSeverity;

    public IEnumerable<string> Validate()
    {
        if (!(MinSeverity >= 0) || MinSeverity > MaxSeverity)
            yield return $"severity must be between 0 and {MaxSeverity:0}, was {MinSeverity}";
    }

    public override string ToString() =>
        $"{Kind.ToString().ToLowerInvariant()} ≥ {MinSeverity.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)}";
}
