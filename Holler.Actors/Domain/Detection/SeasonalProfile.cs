namespace Holler.Domain.Detection;

/// <summary>
/// A learned rhythm: an hour-of-day shape, and on top of it an hour-of-week one (what a Saturday evening has that an
/// average evening has not), each an offset from the series' level (log-factors for counts, plain offsets for gauges).
/// Hours of the week rather than weekdays and weekends: a series written in UTC, or a business whose week ends on
/// Friday evening, has its week's edges at any hour, and an hour-of-week table learns them wherever they are. Learned online
/// against a slow reference level (<see cref="BaselineState.Slow"/>), not against the fast level the expectation
/// uses: the fast level follows any change within half an hour, so residuals against it would leave the profile
/// nothing to learn. Each slot starts as a running average, then forgets with a half-life counted in its own visits,
/// so a rhythm is learned in its first days and follows slow change after that.
/// </summary>
/// <remarks>One profile serves a whole series offline, and a group of businesses (one category in one time zone, in one
/// shard) live: a profile of its own would cost a business ~3 KiB, several times the rest of its state.</remarks>
public sealed class SeasonalProfile
{
    // Raw slot values; a table's shape is each visited slot less the mean of its visited slots. The mean is kept as a
    // running sum rather than subtracted from every slot after each sample: that was 192 slots touched per sample,
    // a third of holler detect's time.
    private readonly double[] _raw = new double[SeasonPoint.Slots];
    private readonly double[] _visits = new double[SeasonPoint.Slots];
    private readonly Table _day = new(0, SeasonPoint.Hours);
    private readonly Table _week = new(SeasonPoint.WeekTable, SeasonPoint.HoursPerWeek);

    /// <summary>Each slot's value as the profile reads it (its table's mean taken out; 0 for a slot never visited).</summary>
    public double[] Values
    {
        get
        {
            var values = new double[SeasonPoint.Slots];
            for (var i = 0; i < values.Length; i++) values[i] = Value(i);
            return values;
        }
    }

    public ReadOnlySpan<double> Visits => _visits;

    /// <summary>The slots as stored, for a snapshot: restored with <see cref="Restore"/>, a profile goes on exactly as
    /// the original would (reading them centred would round differently).</summary>
    public ReadOnlySpan<double> Raw => _raw;

    /// <summary>The tables' running sums, for a snapshot: recomputed from the slots they would round differently, and a
    /// recovered tracker would drift from the run it recovers by the last bit.</summary>
    public double[] Sums => [_day.Sum, _week.Sum];

    public double At(in SeasonPoint point) => HourAt(point) + DayAt(point);

    /// <summary>The hour-of-day part at <paramref name="point"/>, linear between the two hour slots around it.</summary>
    public double HourAt(in SeasonPoint point) =>
        point.IsNowhere ? 0 : Value(point.Low) * (1 - point.HighWeight) + Value(point.High) * point.HighWeight;

    /// <summary>The hour-of-week part at <paramref name="point"/>: what this hour of this day adds to the daily shape.</summary>
    public double DayAt(in SeasonPoint point) =>
        !point.HasWeek ? 0 : Value(point.WeekLow) * (1 - point.HighWeight) + Value(point.WeekHigh) * point.HighWeight;

    /// <summary>Moves the slots around <paramref name="point"/> towards explaining <paramref name="residual"/>: the hour
    /// of day first, then the hour of the week by what the day's slots left unexplained, so a young profile does not
    /// learn the same deviation twice.</summary>
    /// <param name="residual">What the sample says the profile's value at <paramref name="point"/> should be, less
    /// what it is.</param>
    /// <param name="hourRate">Least weight of one visit to an hour slot. While a slot has seen fewer than about
    /// <paramref name="hourStart"/> more visits it weighs them as a running average would have from that many.</param>
    /// <param name="hourStart">Visits an hour slot counts as having seen before its first: one day's worth, so a young
    /// slot learns over its first day rather than from its first minutes.</param>
    /// <param name="dayRate">Weight of one visit to an hour-of-week slot.</param>
    /// <param name="dayStart">Visits an hour-of-week slot counts as having seen before its first.</param>
    /// <param name="share">This sample's share of a visit: 1 offline for a busy series; live, 1 / the businesses sharing
    /// the profile, so a profile learns as fast from a hundred businesses as from one; less for a sample that can
    /// tell little (see <see cref="SeasonalModel.Learn"/>).</param>
    public void Learn(in SeasonPoint point, double residual, double hourRate, double hourStart, double dayRate, double dayStart,
        double share = 1)
    {
        if (point.IsNowhere || !double.IsFinite(residual) || !(share > 0)) return;
        var before = HourAt(point);
        Nudge(point.Low, residual, hourRate, hourStart, share * (1 - point.HighWeight));
        Nudge(point.High, residual, hourRate, hourStart, share * point.HighWeight);
        if (!point.HasWeek) return;
        var left = residual - (HourAt(point) - before);
        Nudge(point.WeekLow, left, dayRate, dayStart, share * (1 - point.HighWeight));
        Nudge(point.WeekHigh, left, dayRate, dayStart, share * point.HighWeight);
    }

    private double Value(int slot) => _visits[slot] > 0 ? _raw[slot] - TableOf(slot).Mean : 0;

    private Table TableOf(int slot) => slot < SeasonPoint.WeekTable ? _day : _week;

    private void Nudge(int slot, double residual, double minRate, double start, double weight)
    {
        if (weight <= 0) return;
        var table = TableOf(slot);
        // A slot joins its table reading 0, as a new slot of a centred table would: at the table's mean.
        if (_visits[slot] == 0) table.Join(_raw[slot] = table.Mean);
        _visits[slot] += weight;
        var rate = Math.Min(1, weight * Math.Max(minRate, 1 / (_visits[slot] + start)));
        var step = rate * residual;
        _raw[slot] += step;
        table.Moved(step);
    }

    /// <summary>One table's visited slots: how many, and the sum of their raw values. Their mean is what the level
    /// carries, the profile only the shape, so the two never drift against each other.</summary>
    private sealed class Table(int from, int count)
    {
        private double _sum;
        private int _seen;

        public int From { get; } = from;
        public int Count { get; } = count;
        public double Mean => _seen == 0 ? 0 : _sum / _seen;
        public double Sum { get => _sum; set => _sum = value; }

        public void Join(double raw)
        {
            _seen++;
            _sum += raw;
        }

        public void Moved(double step) => _sum += step;

        public void Reset(ReadOnlySpan<double> raw, ReadOnlySpan<double> visits)
        {
            _sum = 0;
            _seen = 0;
            for (var i = From; i < From + Count; i++)
                if (visits[i] > 0) Join(raw[i]);
        }
    }

    /// <param name="raw">Slots as <see cref="Raw"/> gave them.</param>
    /// <param name="sums">The tables' sums as <see cref="Sums"/> gave them; empty recomputes them.</param>
    public void Restore(ReadOnlySpan<double> raw, ReadOnlySpan<double> visits, ReadOnlySpan<double> sums = default)
    {
        if (raw.Length != SeasonPoint.Slots || visits.Length != SeasonPoint.Slots)
            throw new ArgumentException($"a profile has {SeasonPoint.Slots} slots");
        raw.CopyTo(_raw);
        visits.CopyTo(_visits);
        _day.Reset(_raw, _visits);
        _week.Reset(_raw, _visits);
        if (sums.Length == 2)
        {
            _day.Sum = sums[0];
            _week.Sum = sums[1];
        }
    }

    public static bool Fits(ReadOnlySpan<double> raw, ReadOnlySpan<double> visits) =>
        raw.Length == SeasonPoint.Slots && visits.Length == SeasonPoint.Slots;
}
