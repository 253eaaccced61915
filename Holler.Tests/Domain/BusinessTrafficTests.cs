using Holler.Domain.Detection;
using Holler.Domain.Surges;
using Holler.Domain.Traffic;

namespace Holler.Tests.Domain;

public class BusinessTrafficTests
{
    private const long Start = 1_700_000_040; // a minute boundary, so minute arithmetic in assertions stays readable

    private static BusinessTraffic NewTraffic(int warmupSeconds = 60) =>
        new(new BaselineSettings(WarmupSeconds: warmupSeconds), DetectorSettings.Default);

    /// <summary>One simulated second: its events arrive, then the processing-time tick re-evaluates.</summary>
    private static SurgeTransition Step(BusinessTraffic traffic, long second, int count)
    {
        if (count > 0) traffic.Record(second, count);
        traffic.AdvanceTo(second);
        return traffic.Evaluate();
    }

    private static List<(long Second, SurgeTransition Transition)> Simulate(
        BusinessTraffic traffic, Random random, long from, long to, Func<long, double> ratePerSecond)
    {
        var transitions = new List<(long, SurgeTransition)>();
        for (var second = from; second < to; second++)
        {
            var transition = Step(traffic, second, Poisson.Sample(random, ratePerSecond(second)));
            if (transition is SurgeTransition.Started or SurgeTransition.Ended) transitions.Add((second, transition));
        }
        return transitions;
    }

    [Fact]
    public void Nothing_alarms_during_warm_up_however_large_the_burst()
    {
        var traffic = NewTraffic(warmupSeconds: 600);
        var random = new Random(1);

        var transitions = Simulate(traffic, random, Start, Start + 599, s => s < Start + 300 ? 1 : 100);

        Assert.Empty(transitions);
        Assert.False(traffic.IsWarm);
        Assert.Equal(0, traffic.Detector.Score);
    }

    [Fact]
    public void The_first_baseline_is_the_first_full_window()
    {
        var traffic = NewTraffic();
        for (var second = Start; second < Start + 60; second++) traffic.Record(second, 1);
        Assert.False(traffic.IsWarm);

        traffic.AdvanceTo(Start + 60);

        Assert.True(traffic.IsWarm);
        Assert.Equal(60, traffic.Baseline.Level);
    }

    [Fact]
    public void A_longer_warm_up_starts_from_the_last_full_window_of_it()
    {
        var traffic = NewTraffic(warmupSeconds: 300);
        for (var second = Start; second < Start + 300; second++) traffic.Record(second, second < Start + 240 ? 1 : 2);

        traffic.AdvanceTo(Start + 300);

        Assert.Equal(120, traffic.Baseline.Level);
    }

    // Rates of roughly 9 to 24 events a minute are not here: even with SurgeScore.Z's cautious (Anscombe) reading,
    // a few percent of six-hour runs there still start a surge, so "never" would be true only of lucky seeds.
    // Steady_traffic_of_9_to_24_events_a_minute_seldom_surges_where_the_plain_z_score_often_did bounds that share instead.
    [Theory]
    [InlineData(1.0 / 300, 1)] // one event every five minutes
    [InlineData(1.0 / 60, 2)]
    [InlineData(0.05, 3)]
    [InlineData(1.0, 4)]
    [InlineData(20.0, 5)]
    [InlineData(300.0, 6)]
    public void Steady_poisson_traffic_never_surges(double ratePerSecond, int seed)
    {
        var traffic = NewTraffic();
        var random = new Random(seed);

        var transitions = Simulate(traffic, random, Start, Start + 6 * 3600, _ => ratePerSecond);

        Assert.Empty(transitions);
        Assert.True(traffic.IsWarm);
        Assert.InRange(traffic.Baseline.Level, ratePerSecond * 60 * 0.5, ratePerSecond * 60 * 1.5 + 1);
    }

    // Steady traffic of 9 to 24 events a minute: windows such as 40 events against a mean of 18 do happen by chance,
    // and the old plain z-score (Poisson-floored, ≥ 4 standard deviations) started a surge in over a third of six-hour
    // runs. The severity is a tail probability in Anscombe units with a threshold of one in ten million, so across
    // these 48 six-hour runs (288 business-hours; the documented rate allows about one false surge per 16,800) none
    // starts. The plain reading is scored on the same traffic to show the simulation can tell the two apart.
    [Fact]
    public void Steady_traffic_of_9_to_24_events_a_minute_never_surges_where_the_plain_z_score_often_did()
    {
        int[] perMinute = [9, 12, 15, 18, 21, 24];
        const int seedsPerRate = 8;
        int runs = 0, surged = 0, plainWouldHave = 0;

        foreach (var rate in perMinute)
        {
            for (var seed = 0; seed < seedsPerRate; seed++)
            {
                var traffic = NewTraffic();
                var random = new Random(100 * rate + seed);
                bool started = false, plain = false;
                for (var second = Start; second < Start + 6 * 3600; second++)
                {
                    started |= Step(traffic, second, Poisson.Sample(random, rate / 60.0)) == SurgeTransition.Started;
                    plain |= PlainZScoreWouldStart(traffic);
                }
                runs++;
                if (started) surged++;
                if (plain) plainWouldHave++;
            }
        }

        Assert.True(plainWouldHave >= 10, $"the plain z-score started a surge in only {plainWouldHave} of {runs} runs");
        Assert.True(surged == 0, $"{surged} of {runs} steady six-hour runs started a surge ({plainWouldHave} on the plain reading)");
    }

    /// <summary>Whether the old detector's plain, Poisson-floored z-score (enter at 4) would start a surge here.</summary>
    private static bool PlainZScoreWouldStart(BusinessTraffic traffic)
    {
        if (!traffic.IsWarm || traffic.Window.IsEmpty) return false;
        var settings = DetectorSettings.Default;
        double count = traffic.Window.Sum, mean = traffic.Expected;
        var z = (count - mean) / Math.Sqrt(Math.Max(mean, 1));
        return z >= 4 && count >= settings.MinCount && count >= settings.MinRatio * mean;
    }

    [Theory]
    [InlineData(10, 10)]
    [InlineData(11, 10)]
    [InlineData(12, 10)]
    [InlineData(13, 20)] // a surge far shorter than the half-life is not learned away before it is over
    [InlineData(14, 20)]
    public void A_tenfold_step_starts_a_surge_within_seconds_and_it_ends_when_traffic_returns(int seed, int minutes)
    {
        var traffic = NewTraffic();
        var random = new Random(seed);
        var stepStart = Start + 2 * 3600;
        var stepEnd = stepStart + minutes * 60;

        var transitions = Simulate(traffic, random, Start, stepEnd + 3600,
            s => s >= stepStart && s < stepEnd ? 20.0 : 2.0);

        Assert.Equal(2, transitions.Count);
        var (startedAt, started) = transitions[0];
        Assert.Equal(SurgeTransition.Started, started);
        Assert.InRange(startedAt, stepStart, stepStart + 10);
        var (endedAt, ended) = transitions[1];
        Assert.Equal(SurgeTransition.Ended, ended);
        Assert.InRange(endedAt, stepEnd, stepEnd + 60);
    }

    [Fact]
    public void The_surge_start_is_stamped_with_event_time_even_when_evaluated_later()
    {
        var traffic = NewTraffic();
        var random = new Random(4);
        Simulate(traffic, random, Start, Start + 3600, _ => 1.0);

        traffic.Record(Start + 3600, 500);

        Assert.Equal(SurgeTransition.Started, traffic.Evaluate());
        Assert.Equal(Start + 3600, traffic.Detector.SinceSecond);
    }

    [Fact]
    public void Late_events_count_in_the_total_and_as_late_but_not_in_the_window()
    {
        var traffic = NewTraffic();
        traffic.Record(Start + 100, 3);

        Assert.False(traffic.Record(Start + 40, 5));
        Assert.True(traffic.Record(Start + 41, 1));

        Assert.Equal(9, traffic.Total);
        Assert.Equal(5, traffic.Late);
        Assert.Equal(4, traffic.Window.Sum);
        Assert.Equal(1, traffic.Minutes.CountAt(Start / 60)); // only the applied one landed in its minute
    }

    [Fact]
    public void The_baseline_learns_a_minute_only_once_it_is_final()
    {
        var traffic = NewTraffic();
        var minute0 = Start / 60;
        for (var second = Start; second < Start + 60; second++) traffic.Record(second, 1);
        traffic.AdvanceTo(Start + 60);
        Assert.Equal(1, traffic.Baseline.Samples); // the warm-up window

        // Minute 1 gets 45 events early on, and 5 more that arrive late but still inside the window.
        traffic.Record(Start + 61, 45);
        traffic.AdvanceTo(Start + 118);
        Assert.Equal(1, traffic.Baseline.Samples); // minute 0 is not final until its last second leaves the window

        traffic.AdvanceTo(Start + 119);
        Assert.Equal(2, traffic.Baseline.Samples);
        Assert.Equal(minute0, traffic.BaselineThroughMinute);
        var meanAfterMinute0 = traffic.Baseline.Level;
        Assert.Equal(60, meanAfterMinute0, 9);

        traffic.AdvanceTo(Start + 170);
        Assert.True(traffic.Record(Start + 115, 5)); // late but inside the window: still part of minute 1
        traffic.AdvanceTo(Start + 178);
        Assert.Equal(2, traffic.Baseline.Samples);

        traffic.AdvanceTo(Start + 179);
        Assert.Equal(3, traffic.Baseline.Samples);
        Assert.Equal((60 + 60 + 50) / 3.0, traffic.Baseline.Level, 9); // warm-up window, minute 0, minute 1: still a plain average
    }

    [Fact]
    public void A_surge_minute_teaches_the_level_only_what_an_alarm_sized_minute_would()
    {
        var traffic = NewTraffic();
        for (var second = Start; second < Start + 60 * 60; second++) traffic.Record(second, 1);
        traffic.AdvanceTo(Start + 3600 + 59); // the last quiet minute has just become final and been learned
        var level = traffic.Baseline.Level;

        traffic.Record(Start + 3600, 6000);
        traffic.AdvanceTo(Start + 3600 + 119);

        // Learned in full, 6,000 events would lift a level of 60 by about 140 (one part in ~43); limited to three
        // deviations (Anscombe units, about 3·√60 ≈ 25 events) it moves by well under one event.
        Assert.InRange(traffic.Baseline.Level, level, level + 1);
    }

    [Fact]
    public void A_first_partial_minute_is_not_learned()
    {
        var traffic = NewTraffic();
        var first = Start + 30;
        for (var second = first; second < first + 60; second++) traffic.Record(second, 1);

        traffic.AdvanceTo(first + 60);

        Assert.Equal(Start / 60, traffic.BaselineThroughMinute);
    }

    [Fact]
    public void A_gap_of_days_is_bounded_work_and_decays_the_baseline()
    {
        var traffic = NewTraffic();
        var random = new Random(5);
        Simulate(traffic, random, Start, Start + 3600, _ => 10.0);
        var samplesBefore = traffic.Baseline.Samples;
        Assert.InRange(traffic.Baseline.Level, 500, 700);

        traffic.Record(Start + 3600 + 3 * 86400, 1);

        Assert.InRange(traffic.Baseline.Samples - samplesBefore, 1, 24 * 60 + 1);
        Assert.True(traffic.Baseline.Level < 1e-6, $"mean {traffic.Baseline.Level}");
        Assert.Equal(SurgeTransition.None, traffic.Evaluate());
    }

    [Fact]
    public void Restoring_a_snapshot_continues_exactly_like_the_uninterrupted_run()
    {
        static double Rate(long s) => (s - Start) switch
        {
            < 3600 => 3.0,
            < 3900 => 40.0, // a surge straddling the snapshot
            _ => 3.0,
        };

        var uninterrupted = NewTraffic();
        var snapshotAt = Start + 3700;
        var before = Simulate(uninterrupted, new Random(9), Start, snapshotAt, Rate);
        Assert.True(uninterrupted.Detector.IsSurging);
        Assert.NotEmpty(before);

        // The rhythm lives in the business's group, not its state: a shard snapshots and restores it alongside.
        var group = new SeasonGroup("", uninterrupted.Group.Model);
        group.Profile.Restore(uninterrupted.Group.Profile.Raw, uninterrupted.Group.Profile.Visits);
        group.Join();
        var restored = new BusinessTraffic(new BaselineSettings(WarmupSeconds: 60), DetectorSettings.Default, group);
        restored.Restore(uninterrupted.ToState());
        AssertSameState(uninterrupted.ToState(), restored.ToState());
        Assert.Equal(uninterrupted.Expected, restored.Expected);

        var random = new Random(99);
        for (var second = snapshotAt; second < snapshotAt + 2 * 3600; second++)
        {
            var count = Poisson.Sample(random, Rate(second));
            // Sprinkle late and out-of-order events so those paths are compared too.
            var late = random.Next(50) == 0 ? second - random.Next(1, 120) : long.MinValue;
            if (late != long.MinValue)
            {
                Assert.Equal(uninterrupted.Record(late, 2), restored.Record(late, 2));
            }
            Assert.Equal(Step(uninterrupted, second, count), Step(restored, second, count));
        }

        AssertSameState(uninterrupted.ToState(), restored.ToState());
        Assert.Equal(uninterrupted.Group.Profile.Values.ToArray(), restored.Group.Profile.Values.ToArray());
    }

    private static void AssertSameState(BusinessTrafficState expected, BusinessTrafficState actual)
    {
        Assert.Equal(expected.WindowCounts, actual.WindowCounts);
        Assert.Equal(expected.MinuteCounts, actual.MinuteCounts);
        var none = Array.Empty<int>();
        Assert.Equal(expected with { WindowCounts = none, MinuteCounts = none }, actual with { WindowCounts = none, MinuteCounts = none });
    }

    [Fact]
    public void An_empty_business_evaluates_to_nothing_and_round_trips()
    {
        var traffic = NewTraffic();
        Assert.Equal(SurgeTransition.None, traffic.Evaluate());

        var restored = NewTraffic();
        restored.Restore(traffic.ToState());

        Assert.True(restored.Window.IsEmpty);
        Assert.False(restored.IsWarm);
    }

    [Fact]
    public void A_business_first_seen_in_its_own_surge_alarms_when_the_stream_was_watched_before()
    {
        // Quiet for ten minutes of a watched stream, then 3 events a second from nowhere.
        var watched = NewTraffic();
        watched.ObservedSince(Start);
        var unwatched = NewTraffic();
        var surgeStart = Start + 600;
        var watchedStarted = false;
        var unwatchedStarted = false;
        for (var second = surgeStart; second < surgeStart + 120; second++)
        {
            watchedStarted |= Step(watched, second, 3) == SurgeTransition.Started;
            unwatchedStarted |= Step(unwatched, second, 3) == SurgeTransition.Started;
        }

        Assert.True(watchedStarted, "the silence before was a baseline of zero");
        // Without knowing the stream was watched, the warm-up learns the surge itself as normal.
        Assert.False(unwatchedStarted);
    }

    [Fact]
    public void Observed_since_does_not_move_a_business_already_seen()
    {
        var traffic = NewTraffic();
        traffic.Record(Start + 100, 1);

        traffic.ObservedSince(Start);

        Assert.Equal(Start + 100, traffic.FirstSeenSecond);
    }
}
