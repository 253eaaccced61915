namespace Holler.Domain.Evaluation;

/// <summary>
/// Scores flagged rows against labelled windows, NAB-style: within a window only the earliest flagged row counts, and
/// earns the scaled sigmoid of how early it came; a window without one is a miss; every flagged row outside all windows
/// is a false positive. Summed over series, the raw score is normalised to 0–100 between the null detector (flags
/// nothing) and the perfect one (flags the first row of every window) by <see cref="Normalised"/>.
/// </summary>
/// <remarks>
/// One difference from NAB: NAB charges a flag shortly after a window less than a full false positive (by the same
/// sigmoid, turning negative past the window's end). Here every flag outside a window costs the full weight, because our
/// windows already run 2.4 h past short anomalies: what is still flagged after that is an alarm nobody asked for.
/// </remarks>
public static class WindowScorer
{
    public static SeriesOutcome Score(SeriesLayout layout, IReadOnlyList<double> scores, double threshold, ScoringProfile profile, string? failure = null)
    {
        if (scores.Count != layout.Rows)
            throw new ArgumentException($"{layout.Name}: {scores.Count} scores for {layout.Rows} rows", nameof(scores));
        var firstDetection = new int[layout.Labels];
        Array.Fill(firstDetection, -1);
        var falsePositives = 0;
        var onsets = 0;
        var previousFlagged = false;
        for (var i = 0; i < layout.Rows; i++)
        {
            var flagged = scores[i] >= threshold;
            var window = layout.Window[i];
            if (flagged)
            {
                if (window >= 0)
                {
                    if (firstDetection[window] < 0) firstDetection[window] = i;
                }
                else if (window == SeriesLayout.Outside)
                {
                    falsePositives++;
                    if (!previousFlagged) onsets++;
                }
            }
            previousFlagged = flagged;
        }
        var score = falsePositives * profile.FalsePositive;
        var delays = new List<TimeSpan>();
        var detected = 0;
        foreach (var row in firstDetection)
        {
            if (row < 0) continue;
            detected++;
            score += layout.Reward[row];
            delays.Add(layout.Delay[row]);
        }
        score += (layout.Windows - detected) * profile.FalseNegative;
        return new SeriesOutcome(layout.Name, layout.Category, score, layout.Perfect, layout.Windows * profile.FalseNegative, layout.Windows,
            detected, falsePositives, onsets, layout.ScoredWeeks, delays, failure);
    }

    /// <summary>
    /// The raw score only, for threshold sweeps: the same arithmetic as <see cref="Score"/> without the bookkeeping.
    /// <paramref name="detected"/> is a scratch array at least <see cref="SeriesLayout.Labels"/> long.
    /// </summary>
    public static double RawScore(SeriesLayout layout, double[] scores, double threshold, ScoringProfile profile, bool[] detected)
    {
        Array.Clear(detected, 0, layout.Labels);
        var window = layout.Window;
        var reward = layout.Reward;
        var score = 0.0;
        var found = 0;
        for (var i = 0; i < window.Length; i++)
        {
            if (!(scores[i] >= threshold)) continue;
            var w = window[i];
            if (w == SeriesLayout.Outside) score += profile.FalsePositive;
            else if (w >= 0 && !detected[w])
            {
                detected[w] = true;
                found++;
                score += reward[i];
            }
        }
        return score + (layout.Windows - found) * profile.FalseNegative;
    }

    /// <summary>NAB's normalisation: 100 × (score − null) / (perfect − null); null when there is nothing to detect.</summary>
    public static double? Normalised(double score, double perfect, double @null) =>
        perfect - @null > 1e-12 ? 100 * (score - @null) / (perfect - @null) : null;
}
