using Holler.Domain;
using Holler.Domain.Dimensions;
using Holler.Domain.Surges;

namespace Holler.Tests.Domain.Dimensions;

public sealed class ErrorShareTests
{
    private static readonly DetectorSettings Detector = DetectorSettings.Default;

    [Fact]
    public void The_window_counts_the_last_60_seconds_and_forgets_what_falls_out()
    {
        var window = new StatusWindow();
        for (var s = 0; s < 60; s++)
        {
            window.Add(1_000 + s, StatusClass.Success);
            window.Add(1_000 + s, s < 30 ? StatusClass.ServerError : StatusClass.ClientError);
        }
        window.Add(1_059, StatusClass.Unknown); // no status: moves the window, counts nowhere

        Assert.Equal((30, 120), (window.Errors, window.Known));
        window.Advance(1_069); // seconds 1,000–1,009 fall out
        Assert.Equal((20, 100), (window.Errors, window.Known));
        window.Add(1_000, StatusClass.ServerError); // older than the window
        Assert.Equal(20, window.Errors);
        window.Advance(1_200);
        Assert.Equal((0, 0, 0.0), (window.Errors, window.Known, window.Share));
    }

    [Fact]
    public void Severity_is_zero_at_or_below_the_usual_share_and_grows_with_the_evidence()
    {
        // Usually 2% of 3,600 responses an hour.
        Assert.Equal(0, ErrorShareDetector.Severity(1, 60, 72, 3_600));
        Assert.Equal(0, ErrorShareDetector.Severity(0, 60, 72, 3_600));
        var shares = new[] { 3, 6, 12, 24, 48, 60 }.Select(e => ErrorShareDetector.Severity(e, 60, 72, 3_600)).ToArray();
        Assert.True(shares.Zip(shares.Skip(1)).All(p => p.Item1 < p.Item2), string.Join(", ", shares));
        Assert.True(double.IsFinite(shares[^1]));
        // The same share over more responses is stronger evidence.
        Assert.True(ErrorShareDetector.Severity(240, 600, 72, 3_600) > ErrorShareDetector.Severity(24, 60, 72, 3_600));
    }

    [Fact]
    public void A_business_that_never_failed_is_not_alarmed_by_one_failure()
    {
        Assert.True(ErrorShareDetector.Severity(1, 60, 0, 3_600) < Detector.ExitSeverity);
    }

    [Fact]
    public void An_error_surge_needs_the_minimum_share_and_responses_and_ends_below_half_the_share()
    {
        var detector = new ErrorShareDetector();

        // 40% of 10 responses: severe enough, but too few responses.
        Assert.Equal(SurgeTransition.None, detector.Evaluate(4, 10, 72, 3_600, 100, Detector, 0.10, 20));
        // 40% of 60 against 2% usually: starts.
        Assert.Equal(SurgeTransition.Started, detector.Evaluate(24, 60, 72, 3_600, 101, Detector, 0.10, 20));
        Assert.Equal((true, 101L), (detector.IsSurging, detector.SinceSecond));
        // 8% of 600: below the minimum share but above half of it, still severe: goes on.
        Assert.Equal(SurgeTransition.Updated, detector.Evaluate(48, 600, 72, 3_600, 102, Detector, 0.10, 20));
        Assert.True(detector.IsSurging);
        // 8% of 60 is no longer severe: ends.
        Assert.Equal(SurgeTransition.Ended, detector.Evaluate(5, 60, 72, 3_600, 103, Detector, 0.10, 20));
        Assert.False(detector.IsSurging);
        Assert.Equal(SurgeTransition.Started, detector.Evaluate(24, 60, 72, 3_600, 104, Detector, 0.10, 20));
        // 4% of 6,000 is severe, but below half the minimum share: ends.
        Assert.Equal(SurgeTransition.Ended, detector.Evaluate(240, 6_000, 72, 3_600, 105, Detector, 0.10, 20));
        Assert.False(detector.IsSurging);
    }
}
