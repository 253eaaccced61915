using NodaTime.TimeZones;
using Holler.Domain.Detection;

namespace Holler.Domain.Replay;

/// <summary>
/// Scores a recorded series row by row with the live detector's model (<see cref="SeasonalModel"/>): a level, one
/// seasonal profile for the series, and a learned spread. Each row is scored against what earlier rows taught, then
/// learned, so a row's score never depends on later rows (beyond the first rows, which fix the interval and kind).
/// Rows out of time order are scored in file order and counted in <see cref="DetectWarnings"/>; nothing in a file of
/// finite numbers stops it.
/// </summary>
public static class SeasonalSeriesDetector
{
    /// <summary>Rows looked at to settle the interval and the kind; they are buffered, the rest streamed.</summary>
    public const int HeadRows = SeriesCalibration.IntervalGaps + 1;

    public static IEnumerable<ScoredRow> Score(IEnumerable<SeriesRow> rows, DetectOptions options, DetectWarnings? warnings = null)
    {
        var problem = options.Validate().FirstOrDefault();
        if (problem is not null) throw new ArgumentException(problem, nameof(options));
        return ScoreValidated(rows, options, warnings ?? new DetectWarnings());
    }

    private static IEnumerable<ScoredRow> ScoreValidated(IEnumerable<SeriesRow> rows, DetectOptions options, DetectWarnings warnings)
    {
        using var rest = rows.GetEnumerator();
        var head = new List<SeriesRow>(HeadRows);
        while (head.Count < HeadRows && rest.MoveNext()) head.Add(rest.Current);
        if (head.Count == 0) yield break;

        var scorer = new RowScorer(Resolve(head, options), warnings);
        foreach (var row in head) yield return scorer.Next(row);
        while (rest.MoveNext()) yield return scorer.Next(rest.Current);
    }

    /// <summary>What auto settings mean for this series, decided from its first rows.</summary>
    public static ResolvedDetect Resolve(IReadOnlyList<SeriesRow> head, DetectOptions options)
    {
        var increasing = new List<DateTimeOffset>(head.Count);
        foreach (var row in head)
            if (increasing.Count == 0 || row.Timestamp > increasing[^1]) increasing.Add(row.Timestamp);
        // One row, or rows that all share a time: any interval is a guess; a minute is the live one.
        var interval = SeriesCalibration.DetectInterval(increasing) ?? TimeSpan.FromMinutes(1);
        var kind = options.Kind ?? (head.All(r => r.Value >= 0 && Math.Floor(r.Value) == r.Value) ? ValueKind.Count : ValueKind.Gauge);
        var season = options.Season ?? (interval < TimeSpan.FromDays(7) ? SeasonMode.Weekly : SeasonMode.None);
        var model = options.Model with { Kind = kind, Season = season };
        var warmupRows = (int)Math.Max(DetectOptions.MinWarmupRows, Math.Min(int.MaxValue, Math.Ceiling(options.WarmupTime / interval)));
        return new ResolvedDetect(model, LearningRates.For(interval, model), warmupRows, options.TimeZone);
    }

    private sealed class RowScorer(ResolvedDetect resolved, DetectWarnings warnings)
    {
        private readonly ModelSettings _model = resolved.Model;
        private readonly LearningRates _rates = resolved.Rates;
        private readonly HolidayCalendar _holidays = resolved.Model.HolidayCalendar;
        private readonly SeasonalProfile? _profile = resolved.Model.Season == SeasonMode.None ? null : new SeasonalProfile();
        private BaselineState _state;
        private SeriesRow? _previous;
        // The BCL zone's rules as NodaTime reads them, with the interval last read remembered: converting every row
        // with TimeZoneInfo searched its adjustment rules each time.
        private readonly ZoneClock? _clock = resolved.TimeZone is null ? null : new ZoneClock(BclDateTimeZone.FromTimeZoneInfo(resolved.TimeZone));

        public ScoredRow Next(SeriesRow row)
        {
            if (_previous is not null && row.Timestamp <= _previous.Timestamp) warnings.NoteOutOfOrder(row, _previous);
            _previous = row;

            var local = _clock is null ? row.Timestamp.DateTime : _clock.LocalAt(row.Timestamp);
            var point = SeasonPoint.At(local, _model.Season, _holidays);
            var warm = _state.Samples >= resolved.WarmupRows;
            var scored = new ScoredRow(row.Timestamp, row.Value, 0) { TimestampText = row.TimestampText };
            if (warm)
            {
                var expected = SeasonalModel.Expected(_state, _profile?.At(point) ?? 0, _model.Kind);
                var deviation = SeasonalModel.Deviation(row.Value, expected, _state, _model.Kind);
                var severity = SeasonalModel.Severity(deviation, _model.Direction);
                scored = scored with
                {
                    Score = AnomalyScore.FromSeverity(severity, _model.Threshold), Z = deviation, Severity = severity, Expected = expected,
                };
            }
            SeasonalModel.Learn(ref _state, _profile, point, row.Value, _rates, _model, warm);
            return scored;
        }
    }
}

/// <summary>A series' detect settings with nothing left to decide.</summary>
public sealed record ResolvedDetect(ModelSettings Model, LearningRates Rates, int WarmupRows, TimeZoneInfo? TimeZone);
