namespace Holler.Domain.Detection;

/// <summary>
/// The detector's arithmetic, shared by the live trackers and <c>holler detect</c>: the expectation of a sample from
/// a level and a seasonal profile, how far a sample is from it, how unlikely that is, and what the sample teaches.
/// </summary>
/// <remarks>
/// Counts are compared in Anscombe units, A(x) = 2√(x + 3/8), in which Poisson noise has unit variance at every
/// level: the same deviation means the same thing for a business with 2 events a minute and one with 2,000. Real
/// traffic is noisier than Poisson (bursts, bots), so each series also learns its own residual variance, the spread,
/// which can only widen that unit (a count cannot be steadier than Poisson). Gauges are compared in their own units
/// against their own learned spread.
/// </remarks>
public static class SeasonalModel
{
    /// <summary>A gauge's spread never counts as less than this share of its level: a noiseless series stays finite.</summary>
    private const double GaugeRelativeFloor = 1e-3;
    private const double GaugeAbsoluteFloor = 1e-9;

    /// <summary>Added to both sides of a count's log-ratio, so that a minute of 0 against 0.4 teaches the rhythm little.</summary>
    private const double PseudoCount = 1;

    /// <summary>Factor either side of the slow expectation beyond which a count teaches the rhythm no more.</summary>
    private static readonly double RhythmLimit = Math.E;

    /// <summary>The same for gauges, in deviations.</summary>
    private const double RhythmLimitDeviations = 10;

    public static double Anscombe(double count) => 2 * Math.Sqrt(Math.Max(count, 0) + 0.375);

    private static double FromAnscombe(double a) => a <= 2 * Math.Sqrt(0.375) ? 0 : a * a / 4 - 0.375;

    /// <param name="season">The profile's value at the sample's <see cref="SeasonPoint"/>.</param>
    public static double Expected(in BaselineState state, double season, ValueKind kind) =>
        kind == ValueKind.Count ? state.Level * Math.Exp(season) : state.Level + season;

    /// <summary>The sample's deviation from <paramref name="expected"/> in standard units, signed.</summary>
    public static double Deviation(double value, double expected, in BaselineState state, ValueKind kind) =>
        kind == ValueKind.Count
            ? (Anscombe(value) - Anscombe(expected)) / CountScale(state)
            : (value - expected) / GaugeScale(state);

    /// <summary>The value that lies <paramref name="deviation"/> standard units from <paramref name="expected"/>:
    /// the edges of the band a person sees around the expectation.</summary>
    public static double ValueAt(double expected, double deviation, in BaselineState state, ValueKind kind) =>
        kind == ValueKind.Count
            ? FromAnscombe(Anscombe(expected) + deviation * CountScale(state))
            : expected + deviation * GaugeScale(state);

    /// <summary>−log10 of the probability of a deviation at least this large on the watched side(s).</summary>
    public static double Severity(double deviation, DetectionDirection direction) => direction switch
    {
        DetectionDirection.Surge => NormalTail.Log10Upper(deviation),
        DetectionDirection.Drop => NormalTail.Log10Upper(-deviation),
        _ => NormalTail.Log10Upper(Math.Abs(deviation)),
    };

    /// <summary>
    /// Teaches the state (and the profile, when there is one) a sample, after it has been scored. A sample further
    /// than <see cref="ModelSettings.LearnLimit"/> out is learned as if it were at that limit, unless the state is
    /// still warming up; a run of <see cref="LearningRates.AdoptAfterSamples"/> samples beyond the threshold on one
    /// side moves the level to where the series now is.
    /// </summary>
    /// <param name="warm">False while warming up: everything is learned in full, and no shift is counted.</param>
    /// <param name="profileShare">This sample's share of a visit to the profile (see <see cref="SeasonalProfile.Learn"/>).</param>
    public static void Learn(ref BaselineState state, SeasonalProfile? profile, in SeasonPoint point, double value,
        in LearningRates rates, ModelSettings settings, bool warm, double profileShare = 1)
    {
        var kind = settings.Kind;
        if (kind == ValueKind.Count && value < 0) value = 0;
        var season = profile?.At(point) ?? 0;
        if (state.Samples == 0)
        {
            state.Level = state.FastLevel = state.Slow = Deseasonalise(value, season, kind);
            state.Spread = kind == ValueKind.Count ? 1 : 0;
            state.Samples = 1;
            return;
        }

        var expected = Expected(state, season, kind);
        var deviation = Deviation(value, expected, state, kind);
        var learnable = warm && Math.Abs(deviation) > settings.LearnLimit
            ? ValueAt(expected, Math.CopySign(settings.LearnLimit, deviation), state, kind)
            : value;

        // Early on every sample weighs as much as each before it (a running mean); the half-life takes over once the
        // series is longer than its memory. Otherwise the first sample would count as a whole half-life of history.
        var early = 1.0 / (state.Samples + 1);
        var residual = kind == ValueKind.Count ? Anscombe(learnable) - Anscombe(expected) : learnable - expected;
        state.Spread += Math.Max(rates.Spread, early) * (residual * residual - state.Spread);

        // The rhythm and the slow level learn from the value limited around the slow expectation, and far more loosely
        // than the level does: a weekend a third quieter is many deviations away for a busy business, and limited to
        // a few it would take months to learn. A surge is short against their half-lives, so it teaches them little.
        var slowExpected = Expected(state with { Level = state.Slow }, season, kind);
        var rhythmic = kind == ValueKind.Count
            ? Math.Clamp(value, (slowExpected + PseudoCount) / RhythmLimit - PseudoCount, (slowExpected + PseudoCount) * RhythmLimit)
            : Math.Clamp(value, slowExpected - RhythmLimitDeviations * GaugeScale(state), slowExpected + RhythmLimitDeviations * GaugeScale(state));
        if (profile is not null)
        {
            if (kind == ValueKind.Count)
            {
                // One residual for both tables, against the whole slow expectation; and a sample teaches in proportion
                // to what it can tell: a minute of 0 or 1 against an expectation of 0.5 says next to nothing about the
                // shape, and with the same weight as a busy business's, a category's quiet majority would flatten the
                // rhythm its busy businesses need.
                var logResidual = Math.Log(rhythmic + PseudoCount) - Math.Log(slowExpected + PseudoCount);
                var information = slowExpected / (slowExpected + PseudoCount);
                profile.Learn(point, logResidual, rates.Hour, rates.HourStart, rates.Day, rates.DayStart, profileShare * information);
            }
            else
            {
                profile.Learn(point, rhythmic - state.Slow - season, rates.Hour, rates.HourStart, rates.Day, rates.DayStart, profileShare);
            }
        }
        state.Slow += Math.Max(rates.Slow, early) * (Deseasonalise(rhythmic, season, kind) - state.Slow);

        state.Level += Math.Max(rates.Level, early) * (Deseasonalise(learnable, season, kind) - state.Level);
        state.FastLevel += Math.Max(rates.Fast, early) * (Deseasonalise(value, season, kind) - state.FastLevel);
        state.Samples = state.Samples == int.MaxValue ? int.MaxValue : state.Samples + 1;

        if (!warm) return;
        var severity = Severity(deviation, DetectionDirection.Both);
        var side = Math.Sign(deviation);
        state.ShiftRun = severity < settings.Threshold ? 0
            : side == Math.Sign(state.ShiftRun) ? state.ShiftRun + side
            : side;
        if (Math.Abs(state.ShiftRun) >= rates.AdoptAfterSamples)
        {
            // The slow level is left to follow on its own: were it moved too, the first weekend quieter than the week
            // (adopted as a new level after an hour) would teach the rhythm nothing, and alarm again every weekend.
            state.Level = state.FastLevel;
            state.ShiftRun = 0;
        }
    }

    private static double Deseasonalise(double value, double season, ValueKind kind) =>
        kind == ValueKind.Count ? value / Math.Exp(season) : value - season;

    private static double CountScale(in BaselineState state) => Math.Sqrt(Math.Max(state.Spread, 1));

    private static double GaugeScale(in BaselineState state) =>
        Math.Max(Math.Sqrt(Math.Max(state.Spread, 0)), Math.Max(GaugeRelativeFloor * Math.Abs(state.Level), GaugeAbsoluteFloor));
}
