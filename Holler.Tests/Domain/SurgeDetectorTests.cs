using Holler.Domain.Detection;
using Holler.Domain.Surges;

namespace Holler.Tests.Domain;

/// <summary>The episode state machine on deviations in standard units: severity is −log10 of the normal upper tail,
/// an episode starts at the enter severity (and the count and ratio floors) and ends below the exit severity.</summary>
public class SurgeDetectorTests
{
    private const double Enter = 7;
    private const double Exit = 3;
    private const double Expected = 100;

    /// <summary>The deviation whose severity is <paramref name="severity"/>.</summary>
    private static double At(double severity) => SeverityScale.DeviationFor(severity);

    private static SurgeDetector NewDetector(int minCount = 20, double minRatio = 2, DetectionDirection direction = DetectionDirection.Surge) =>
        new(new DetectorSettings(EnterSeverity: Enter, ExitSeverity: Exit, MinCount: minCount, MinRatio: minRatio, Direction: direction));

    [Fact]
    public void The_score_is_the_severity_of_the_deviation()
    {
        var detector = NewDetector();

        foreach (var deviation in new[] { -3.0, 0, 1.5, 4, 5.2, 8 })
        {
            detector.Evaluate(150, Expected, deviation, warm: true, nowSecond: 1);
            Assert.Equal(NormalTail.Log10Upper(deviation), detector.Score, 12);
        }
        Assert.InRange(At(Enter), 5.19, 5.20); // severity 7 is about 5.2 standard units
    }

    [Fact]
    public void A_high_severity_starts_a_surge_stamped_with_its_second()
    {
        var detector = NewDetector();

        Assert.Equal(SurgeTransition.Started, detector.Evaluate(300, Expected, At(8), warm: true, nowSecond: 77));

        Assert.True(detector.IsSurging);
        Assert.False(detector.IsDrop);
        Assert.Equal(77, detector.SinceSecond);
        Assert.Equal(8, detector.Score, 9);
        Assert.Equal(8, detector.PeakScore, 9);
    }

    [Fact]
    public void Just_below_the_enter_severity_nothing_starts()
    {
        var detector = NewDetector();

        Assert.Equal(SurgeTransition.None, detector.Evaluate(300, Expected, At(Enter) - 1e-6, warm: true, nowSecond: 1));
        Assert.False(detector.IsSurging);
        Assert.Equal(SurgeTransition.Started, detector.Evaluate(300, Expected, At(Enter) + 1e-6, warm: true, nowSecond: 2));
    }

    [Fact]
    public void A_cold_detector_never_starts_and_scores_zero()
    {
        var detector = NewDetector(minRatio: 1);

        Assert.Equal(SurgeTransition.None, detector.Evaluate(10_000, Expected, 100, warm: false, nowSecond: 1));
        Assert.Equal(0, detector.Score);
        Assert.False(detector.IsSurging);
    }

    [Fact]
    public void Below_min_count_nothing_starts_whatever_the_severity()
    {
        var detector = NewDetector(minCount: 20);

        // Expected 0.1: 19 events are 190x and far past the threshold, but are only 19 events.
        Assert.Equal(SurgeTransition.None, detector.Evaluate(19, 0.1, 12, warm: true, nowSecond: 1));
        Assert.True(detector.Score > Enter);
        Assert.Equal(SurgeTransition.Started, detector.Evaluate(20, 0.1, 12, warm: true, nowSecond: 2));
    }

    [Fact]
    public void Below_min_ratio_nothing_starts_whatever_the_severity()
    {
        var detector = NewDetector(minRatio: 2);

        // Expected 1000: 1500 is a dozen standard units up but only 1.5x.
        Assert.Equal(SurgeTransition.None, detector.Evaluate(1500, 1000, 12, warm: true, nowSecond: 1));
        Assert.True(detector.Score > Enter);
        Assert.Equal(SurgeTransition.Started, detector.Evaluate(2000, 1000, 20, warm: true, nowSecond: 2));
    }

    [Fact]
    public void Hovering_between_exit_and_enter_neither_starts_nor_ends()
    {
        var detector = NewDetector(minRatio: 1);
        double[] severities = [6.9, 3.1, 5, 3.05, 6.9];

        foreach (var severity in severities)
            Assert.Equal(SurgeTransition.None, detector.Evaluate(200, Expected, At(severity), true, 1));
        Assert.False(detector.IsSurging);

        Assert.Equal(SurgeTransition.Started, detector.Evaluate(200, Expected, At(Enter + 0.5), true, 2));
        var transitions = severities.Select((severity, i) => detector.Evaluate(200, Expected, At(severity), true, 3 + i)).ToList();

        Assert.DoesNotContain(SurgeTransition.Ended, transitions);
        Assert.DoesNotContain(SurgeTransition.Started, transitions);
        Assert.True(detector.IsSurging);
        Assert.Equal(2, detector.SinceSecond);
    }

    [Fact]
    public void A_noisy_severity_around_the_enter_threshold_does_not_flap()
    {
        var detector = NewDetector(minRatio: 1);
        var random = new Random(8);
        var transitions = new List<SurgeTransition>();
        var (low, high) = (At(Exit + 0.05), At(2 * Enter - Exit - 0.05));

        for (var second = 0; second < 10_000; second++)
        {
            var deviation = low + random.NextDouble() * (high - low); // around the enter severity, always above the exit one
            transitions.Add(detector.Evaluate(200, Expected, deviation, true, second));
        }

        Assert.Equal(1, transitions.Count(t => t == SurgeTransition.Started));
        Assert.Equal(0, transitions.Count(t => t == SurgeTransition.Ended));
    }

    [Fact]
    public void A_surge_ends_only_below_the_exit_severity_and_keeps_its_peak()
    {
        var detector = NewDetector(minRatio: 1);
        detector.Evaluate(200, Expected, At(9), true, 10);
        Assert.Equal(SurgeTransition.Updated, detector.Evaluate(200, Expected, At(12), true, 11));
        Assert.Equal(SurgeTransition.None, detector.Evaluate(200, Expected, At(12), true, 12)); // unchanged severity
        Assert.Equal(SurgeTransition.Updated, detector.Evaluate(200, Expected, At(Exit) + 1e-6, true, 13)); // just above the exit stays

        Assert.Equal(SurgeTransition.Ended, detector.Evaluate(200, Expected, At(Exit) - 1e-6, true, 14));

        Assert.False(detector.IsSurging);
        Assert.Equal(12, detector.PeakScore, 9);
    }

    [Fact]
    public void A_running_surge_can_end_while_cold()
    {
        var detector = NewDetector(minRatio: 1);
        detector.Evaluate(300, Expected, At(9), true, 10);

        Assert.Equal(SurgeTransition.Ended, detector.Evaluate(300, Expected, At(9), warm: false, 11));
    }

    [Fact]
    public void Restore_resumes_a_running_surge()
    {
        var detector = NewDetector(minRatio: 1);
        detector.Restore(surging: true, sinceSecond: 5, score: 6, peak: 8);

        Assert.Equal(SurgeTransition.Updated, detector.Evaluate(300, Expected, At(5), true, 20));
        Assert.Equal(5, detector.SinceSecond);
        Assert.Equal(8, detector.PeakScore);
        Assert.False(detector.IsDrop);
    }

    [Fact]
    public void A_surge_watcher_ignores_drops()
    {
        var detector = NewDetector();

        Assert.Equal(SurgeTransition.None, detector.Evaluate(0, Expected, -20, true, 1));
        Assert.False(detector.IsSurging);
        Assert.True(detector.Score < 0.5, $"score {detector.Score}");
    }

    [Fact]
    public void A_drop_watcher_starts_a_drop_past_the_threshold_and_below_the_inverse_ratio()
    {
        var detector = NewDetector(direction: DetectionDirection.Drop);

        // Far enough down but still more than half the expectation: not a drop.
        Assert.Equal(SurgeTransition.None, detector.Evaluate(60, Expected, -At(9), true, 1));
        // Up is not watched.
        Assert.Equal(SurgeTransition.None, detector.Evaluate(300, Expected, At(9), true, 2));
        Assert.Equal(SurgeTransition.Started, detector.Evaluate(40, Expected, -At(9), true, 3));
        Assert.True(detector.IsSurging);
        Assert.True(detector.IsDrop);
        Assert.Equal(9, detector.Score, 9);

        // The drop's severity is measured downwards: back near normal ends it.
        Assert.Equal(SurgeTransition.Updated, detector.Evaluate(50, Expected, -At(5), true, 4));
        Assert.Equal(SurgeTransition.Ended, detector.Evaluate(95, Expected, -0.5, true, 5));
    }

    [Fact]
    public void A_drop_needs_an_expectation_of_at_least_min_count()
    {
        var detector = NewDetector(minCount: 20, direction: DetectionDirection.Drop);

        Assert.Equal(SurgeTransition.None, detector.Evaluate(0, 19, -At(9), true, 1));
        Assert.Equal(SurgeTransition.Started, detector.Evaluate(0, 20, -At(9), true, 2));
    }

    [Fact]
    public void Both_directions_start_either_episode()
    {
        var up = NewDetector(direction: DetectionDirection.Both);
        var down = NewDetector(direction: DetectionDirection.Both);

        Assert.Equal(SurgeTransition.Started, up.Evaluate(300, Expected, At(9), true, 1));
        Assert.Equal(SurgeTransition.Started, down.Evaluate(10, Expected, -At(9), true, 1));
        Assert.False(up.IsDrop);
        Assert.True(down.IsDrop);
    }
}
