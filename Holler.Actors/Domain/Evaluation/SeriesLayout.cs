namespace Holler.Domain.Evaluation;

/// <summary>
/// What the scorer needs of a series, worked out once so that scoring it at many thresholds is one pass over arrays:
/// for each row, its window (or <see cref="Outside"/>, or <see cref="Unscored"/> in probation), what detecting the
/// window at that row earns, and how late that would be.
/// </summary>
public sealed class SeriesLayout
{
    public const int Outside = -1;
    public const int Unscored = -2;

    private SeriesLayout(string name, string category, int[] window, double[] reward, TimeSpan[] delay, int labels, int windows, double perfect, double scoredWeeks)
    {
        Labels = labels;
        Name = name;
        Category = category;
        Window = window;
        Reward = reward;
        Delay = delay;
        Windows = windows;
        Perfect = perfect;
        ScoredWeeks = scoredWeeks;
    }

    public string Name { get; }
    public string Category { get; }

    /// <summary>Per row: the index of the window it is in, <see cref="Outside"/> or <see cref="Unscored"/>.</summary>
    public int[] Window { get; }

    /// <summary>Per row in a window: what detecting the window first at this row earns.</summary>
    public double[] Reward { get; }

    /// <summary>Per row in a window: the row's timestamp minus the anomaly's start.</summary>
    public TimeSpan[] Delay { get; }

    /// <summary>Labelled anomalies: window indices run from 0 to this, exclusive.</summary>
    public int Labels { get; }

    /// <summary>Windows with at least one scored row.</summary>
    public int Windows { get; }

    /// <summary>What a detector flagging exactly the first row of each window earns: the most any detector can.</summary>
    public double Perfect { get; }

    /// <summary>Scored rows × interval, in weeks: the denominator of false alarms per series-week.</summary>
    public double ScoredWeeks { get; }

    public int Rows => Window.Length;

    public static SeriesLayout For(LabelledSeries series, ScoringProfile profile)
    {
        var rows = series.Rows;
        var window = new int[rows.Count];
        var reward = new double[rows.Count];
        var delay = new TimeSpan[rows.Count];
        var firstReward = new double?[series.Anomalies.Count];
        var scoredUntil = rows.Count > 0 ? rows[0].Timestamp + profile.Probation : default;
        var scoredRows = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var at = rows[i].Timestamp;
            if (at < scoredUntil)
            {
                window[i] = Unscored;
                continue;
            }
            scoredRows++;
            window[i] = Outside;
            for (var k = 0; k < series.Anomalies.Count; k++)
            {
                var w = series.Anomalies[k];
                if (!w.Contains(at)) continue;
                window[i] = k;
                var y = (at - w.End) / w.Length;
                reward[i] = profile.TruePositive * ScoringProfile.ScaledSigmoid(y);
                delay[i] = at - w.Start;
                firstReward[k] ??= reward[i];
                break;
            }
        }
        var windows = firstReward.Count(r => r is not null);
        var perfect = firstReward.Sum(r => r ?? 0);
        return new SeriesLayout(series.Name, series.Category, window, reward, delay, series.Anomalies.Count, windows, perfect, scoredRows * series.Interval / TimeSpan.FromDays(7));
    }
}
