using Holler.Domain.Replay;

namespace Holler.Domain.Evaluation;

/// <summary>Turns a <see cref="SeriesSpec"/>, a value model and the injected changes into a <see cref="LabelledSeries"/>.</summary>
internal static class SeriesBuilder
{
    /// <summary>
    /// Counts: the expected count per row is <paramref name="ratePerMinute"/> × the row's minutes × the profile at the row's
    /// local start, changed by the injected changes minute by minute; the value is a Poisson draw, or a gamma-Poisson one
    /// with <paramref name="dispersion"/> as its shape (smaller is burstier).
    /// </summary>
    public static LabelledSeries Counts(SeriesSpec spec, double ratePerMinute, SeasonalProfile profile, IReadOnlyList<InjectedChange> changes,
        IReadOnlySet<DateOnly>? holidays = null, double? dispersion = null)
    {
        var minutes = Math.Max(1, (int)Math.Round(spec.Interval.TotalMinutes));
        return Build(spec, changes, (random, instant, local) =>
        {
            var expected = ratePerMinute * spec.Interval.TotalMinutes * profile.Factor(local, holidays);
            var changed = Changed(changes, instant, spec.Interval, minutes, expected, random);
            return dispersion is { } shape ? RandomDraws.OverdispersedCount(random, changed, shape) : RandomDraws.Poisson(random, changed);
        });
    }

    /// <summary>Gauges: <paramref name="sample"/> draws the normal value at a local time; changes act on the drawn value.</summary>
    public static LabelledSeries Gauge(SeriesSpec spec, IReadOnlyList<InjectedChange> changes, Func<Random, DateTime, double> sample) =>
        Build(spec, changes, (random, instant, local) =>
        {
            var value = sample(random, local);
            foreach (var change in changes)
                if (instant >= change.Start && instant < change.End)
                    value = change.Apply((instant - change.Start).TotalMinutes, value, random);
            return value;
        });

    private static double Changed(IReadOnlyList<InjectedChange> changes, DateTimeOffset instant, TimeSpan interval, int minutes, double expected, Random random)
    {
        var rowEnd = instant + interval;
        var touched = false;
        foreach (var change in changes)
            if (change.Start < rowEnd && change.End > instant) touched = true;
        if (!touched) return expected;
        var total = 0.0;
        for (var m = 0; m < minutes; m++)
        {
            var at = instant.AddMinutes(m);
            var value = expected;
            foreach (var change in changes)
                if (at >= change.Start && at < change.End)
                    value = change.Apply((at - change.Start).TotalMinutes, value, random);
            total += value;
        }
        return total / minutes;
    }

    private static LabelledSeries Build(SeriesSpec spec, IReadOnlyList<InjectedChange> changes, Func<Random, DateTimeOffset, DateTime, double> value)
    {
        // Placement drew from Random(Seed); the values get their own stream, so changing how anomalies are drawn does
        // not reshuffle every series' noise.
        var random = new Random(unchecked(spec.Seed * 31 + 17));
        var rows = new List<SeriesRow>(spec.Rows + spec.Rows / 100);
        var start = spec.StartUtc;
        var line = 2;
        var clock = new LocalClock(spec.Zone);
        for (var i = 0; i < spec.Rows; i++)
        {
            var instant = start + i * spec.Interval;
            var v = value(random, instant, clock.Local(instant));
            var stamp = spec.Stamp(instant, clock);
            var text = Text(stamp, spec.LocalTimestamps);
            rows.Add(new SeriesRow(line++, text, stamp, v));
            if (spec.DuplicateProbability > 0 && random.NextDouble() < spec.DuplicateProbability)
                rows.Add(new SeriesRow(line++, text, stamp, v));
        }
        var last = spec.Stamp(start + (spec.Rows - 1) * spec.Interval, clock);
        var windows = changes
            .Where(c => c.Label is not null)
            .OrderBy(c => c.Start)
            .Select(c =>
            {
                var at = spec.Stamp(c.Start, clock);
                return new AnomalyWindow(at, at + c.WindowLength, c.Label!.Value, c.Lasting ? last : at + c.Duration, c.Shape);
            })
            .ToList();
        return new LabelledSeries(spec.Name, spec.Category, spec.Interval, spec.Kind, rows, windows);
    }

    /// <summary><c>yyyy-MM-ddTHH:mm:ssZ</c>, or <c>yyyy-MM-dd HH:mm:ss</c> for local time; by hand, as format strings cost more than the rest of a row.</summary>
    internal static string Text(DateTimeOffset stamp, bool local) =>
        string.Create(local ? 19 : 20, (stamp.DateTime, local), static (chars, state) =>
        {
            var (at, isLocal) = state;
            Digits(chars[..4], at.Year);
            chars[4] = '-';
            Digits(chars.Slice(5, 2), at.Month);
            chars[7] = '-';
            Digits(chars.Slice(8, 2), at.Day);
            chars[10] = isLocal ? ' ' : 'T';
            Digits(chars.Slice(11, 2), at.Hour);
            chars[13] = ':';
            Digits(chars.Slice(14, 2), at.Minute);
            chars[16] = ':';
            Digits(chars.Slice(17, 2), at.Second);
            if (!isLocal) chars[19] = 'Z';
        });

    private static void Digits(Span<char> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--)
        {
            into[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }
}
