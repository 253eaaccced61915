using Holler.Domain.Surges;

namespace Holler.Tests.Domain;

public class SurgeDetectorTests
{
    // Baseline 100 with variance 400, an overdispersed business (sd 20). For counts below about 900 its plain z-score,
    // (count - 100) / 20, is nearer zero than the Anscombe reading, so that is the score and the arithmetic stays exact.
    // Scores_here_are_the_plain_reading pins that down; On_a_poisson_baseline_the_anscombe_reading_decides covers the other.
    private const long Mean = 100;
    private const double Variance = 400;
    private const long Sd = 20;

    private static SurgeDetector NewDetector(int minCount = 20, double minRatio = 2) =>
        new(new DetectorSettings(EnterScore: 4, ExitScore: 2, MinCount: minCount, MinRatio: minRatio));

    [Fact]
    public void Scores_here_are_the_plain_reading()
    {
        foreach (var count in new long[] { 139, 140, 141, 179, 180, 200, 219, 220, 280 })
            Assert.Equal((count - Mean) / (double)Sd, SurgeScore.Z(count, Mean, Variance), 12);
    }

    [Fact]
    public void A_high_score_starts_a_surge_stamped_with_its_second()
    {
        var detector = NewDetector(minRatio: 1);

        Assert.Equal(SurgeTransition.Started, detector.Evaluate(Mean + 5 * Sd, Mean, Variance, warm: true, nowSecond: 77));

        Assert.True(detector.IsSurging);
        Assert.Equal(77, detector.SinceSecond);
        Assert.Equal(5, detector.Score, 12);
        Assert.Equal(5, detector.PeakScore, 12);
    }

    [Fact]
    public void On_a_poisson_baseline_the_anscombe_reading_decides()
    {
        // Mean 100, variance 100: plain (count - 100) / 10, Anscombe 2(√(count + 3/8) − √100.375), always nearer zero here.
        static double Anscombe(long count) => 2 * (Math.Sqrt(count + 0.375) - Math.Sqrt(100.375));
        var detector = NewDetector(minRatio: 1);

        // 142 is 4.2 plain deviations but reads 3.83: no surge.
        Assert.Equal(SurgeTransition.None, detector.Evaluate(142, 100, 100, warm: true, nowSecond: 1));
        Assert.Equal(Anscombe(142), detector.Score, 12);
        Assert.InRange(detector.Score, 3.8, 3.9);

        // 145 reads 4.08.
        Assert.Equal(SurgeTransition.Started, detector.Evaluate(145, 100, 100, warm: true, nowSecond: 2));
        Assert.Equal(Anscombe(145), detector.Score, 12);

        // 122 reads 2.09 and the surge goes on; 121 reads 2.00 minus a little, so it ends although it is 2.1 plain.
        Assert.Equal(SurgeTransition.Updated, detector.Evaluate(122, 100, 100, warm: true, nowSecond: 3));
        Assert.Equal(SurgeTransition.Ended, detector.Evaluate(121, 100, 100, warm: true, nowSecond: 4));
        Assert.InRange(detector.Score, 1.99, 2.0);
        Assert.Equal(Anscombe(145), detector.PeakScore, 12);
    }

    [Fact]
    public void A_cold_detector_never_starts_and_scores_zero()
    {
        var detector = NewDetector(minRatio: 1);

        Assert.Equal(SurgeTransition.None, detector.Evaluate(10_000, Mean, Variance, warm: false, nowSecond: 1));
        Assert.Equal(0, detector.Score);
    }

    [Fact]
    public void Below_min_count_nothing_starts_whatever_the_score()
    {
        var detector = NewDetector(minCount: 20);

        // Baseline 0.1: 19 events score 7.4 (the Anscombe reading; 18.9 plain), and are 190x the baseline, but are only 19 events.
        Assert.Equal(SurgeTransition.None, detector.Evaluate(19, 0.1, 0.1, warm: true, nowSecond: 1));
        Assert.True(detector.Score > 7);
        Assert.Equal(SurgeTransition.Started, detector.Evaluate(20, 0.1, 0.1, warm: true, nowSecond: 2));
    }

    [Fact]
    public void Below_min_ratio_nothing_starts_whatever_the_score()
    {
        var detector = NewDetector(minRatio: 2);

        // Baseline 1000: 1500 scores 14.2 (the Anscombe reading; 15.8 plain) but is only 1.5x.
        Assert.Equal(SurgeTransition.None, detector.Evaluate(1500, 1000, 1000, warm: true, nowSecond: 1));
        Assert.True(detector.Score > 14);
        Assert.Equal(SurgeTransition.Started, detector.Evaluate(2000, 1000, 1000, warm: true, nowSecond: 2));
    }

    [Fact]
    public void Hovering_between_exit_and_enter_neither_starts_nor_ends()
    {
        var detector = NewDetector(minRatio: 1);
        long[] counts = [179, 141, 170, 140, 179]; // scores 3.95, 2.05, 3.5, 2.0, 3.95

        foreach (var count in counts)
            Assert.Equal(SurgeTransition.None, detector.Evaluate(count, Mean, Variance, true, 1));
        Assert.False(detector.IsSurging);

        Assert.Equal(SurgeTransition.Started, detector.Evaluate(Mean + 4 * Sd, Mean, Variance, true, 2));
        var transitions = counts.Select((count, i) => detector.Evaluate(count, Mean, Variance, true, 3 + i)).ToList();

        Assert.DoesNotContain(SurgeTransition.Ended, transitions);
        Assert.DoesNotContain(SurgeTransition.Started, transitions);
        Assert.True(detector.IsSurging);
        Assert.Equal(2, detector.SinceSecond);
    }

    [Fact]
    public void A_noisy_score_around_the_enter_threshold_does_not_flap()
    {
        var detector = NewDetector(minRatio: 1);
        var random = new Random(8);
        var transitions = new List<SurgeTransition>();

        for (var second = 0; second < 10_000; second++)
        {
            var count = random.Next(141, 220); // scores 2.05 .. 5.95 around the enter score, always above the exit score
            transitions.Add(detector.Evaluate(count, Mean, Variance, true, second));
        }

        Assert.Equal(1, transitions.Count(t => t == SurgeTransition.Started));
        Assert.Equal(0, transitions.Count(t => t == SurgeTransition.Ended));
    }

    [Fact]
    public void A_surge_ends_only_below_the_exit_score_and_keeps_its_peak()
    {
        var detector = NewDetector(minRatio: 1);
        detector.Evaluate(Mean + 6 * Sd, Mean, Variance, true, 10);
        Assert.Equal(SurgeTransition.Updated, detector.Evaluate(Mean + 9 * Sd, Mean, Variance, true, 11));
        Assert.Equal(SurgeTransition.None, detector.Evaluate(Mean + 9 * Sd, Mean, Variance, true, 12)); // unchanged score
        Assert.Equal(SurgeTransition.Updated, detector.Evaluate(Mean + 2 * Sd, Mean, Variance, true, 13)); // exactly the exit score stays

        Assert.Equal(SurgeTransition.Ended, detector.Evaluate(Mean + 2 * Sd - 1, Mean, Variance, true, 14));

        Assert.False(detector.IsSurging);
        Assert.Equal(9, detector.PeakScore, 12);
    }

    [Fact]
    public void A_running_surge_can_end_while_cold()
    {
        var detector = NewDetector(minRatio: 1);
        detector.Evaluate(Mean + 6 * Sd, Mean, Variance, true, 10);

        Assert.Equal(SurgeTransition.Ended, detector.Evaluate(Mean + 6 * Sd, Mean, Variance, warm: false, 11));
    }

    [Fact]
    public void Restore_resumes_a_running_surge()
    {
        var detector = NewDetector(minRatio: 1);
        detector.Restore(surging: true, sinceSecond: 5, score: 6, peak: 8);

        Assert.Equal(SurgeTransition.Updated, detector.Evaluate(Mean + 5 * Sd, Mean, Variance, true, 20));
        Assert.Equal(5, detector.SinceSecond);
        Assert.Equal(8, detector.PeakScore);
    }
}
