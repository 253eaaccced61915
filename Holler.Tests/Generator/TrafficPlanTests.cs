using Holler.Domain.Catalog;
using Holler.Generation;

namespace Holler.Tests.Generator;

public class TrafficPlanTests
{
    // 2024-03-01 12:00:00 UTC: mid-day, where the daily rhythm is close to flat over a few minutes.
    private const long Noon = 1_709_294_400_000;

    private static readonly BusinessCatalog Catalog = BusinessCatalog.Synthetic(20_000);

    private static GeneratorSettings Settings(Func<GeneratorSettings, GeneratorSettings>? tweak = null)
    {
        var settings = new GeneratorSettings { Businesses = Catalog, StartMs = Noon, DurationMs = 60_000 };
        return tweak is null ? settings : tweak(settings);
    }

    private static List<GeneratedEvent> Events(TrafficPlan plan)
    {
        var cursor = plan.CreateCursor();
        var events = new List<GeneratedEvent>();
        while (cursor.TryNext(out var next)) events.Add(next);
        return events;
    }

    [Fact]
    public void The_same_seed_yields_the_same_sequence()
    {
        var settings = Settings(s => s with { DurationMs = 300_000 });
        Assert.Equal(Events(new TrafficPlan(settings)), Events(new TrafficPlan(settings)));
        Assert.NotEqual(Events(new TrafficPlan(settings)).Take(1_000), Events(new TrafficPlan(settings with { Seed = 43 })).Take(1_000));
    }

    [Fact]
    public void Events_come_in_event_time_order_within_the_plan()
    {
        var plan = new TrafficPlan(Settings(s => s with { DurationMs = 300_000 }));
        var events = Events(plan);
        Assert.All(events, e => Assert.InRange(e.TimestampMs, plan.StartMs, plan.EndMs!.Value - 1));
        for (var i = 1; i < events.Count; i++)
            Assert.True(events[i - 1].TimestampMs <= events[i].TimestampMs, $"event {i} goes back in time");
    }

    [Fact]
    public void Baseline_rate_is_accurate()
    {
        var flat = Events(new TrafficPlan(Settings(s => s with { DailyRhythm = false, SurgeEvery = TimeSpan.Zero })));
        Assert.InRange(flat.Count, 240_000 * 0.98, 240_000 * 1.02);

        var plan = new TrafficPlan(Settings(s => s with { SurgeEvery = TimeSpan.Zero, StartMs = Noon + 3 * 3_600_000 }));
        var expected = Enumerable.Range(0, 60).Sum(second => plan.RateAt(plan.StartMs + second * 1000L));
        Assert.InRange(Events(plan).Count, expected * 0.98, expected * 1.02);
    }

    [Fact]
    public void The_daily_rhythm_peaks_mid_afternoon_and_dips_at_night_in_the_audiences_time()
    {
        // Tuesday 3 March 2026 in Chicago (UTC−6): 15:00 local is 21:00 UTC.
        var midnight = new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.FromHours(-6)).ToUnixTimeMilliseconds();
        int Count(int hour) => Events(new TrafficPlan(Settings(s => s with
        {
            SurgeEvery = TimeSpan.Zero, StartMs = midnight + hour * 3_600_000L, DurationMs = 10_000,
        }))).Count;

        Assert.InRange(Count(15) / 40_000.0, 1.37, 1.43);
        Assert.InRange(Count(3) / 40_000.0, 0.48, 0.52);
        Assert.Equal(1.4, DayRhythm.Factor(midnight + 15 * 3_600_000L), 9);
        Assert.Equal(0.5, DayRhythm.Factor(midnight + 3 * 3_600_000L), 9);
    }

    [Theory]
    [InlineData("2026-03-01")] // a Sunday (in standard time, as the offset below)
    [InlineData("2026-11-26")] // Thanksgiving, a Thursday
    public void Weekends_and_holidays_are_quieter_and_only_with_the_weekly_rhythm(string date)
    {
        var afternoon = new DateTimeOffset(DateTime.Parse(date).AddHours(15), TimeSpan.FromHours(-6)).ToUnixTimeMilliseconds();
        Assert.Equal(1.4 * DayRhythm.RestDay, DayRhythm.Factor(afternoon), 9);
        Assert.Equal(1.4, DayRhythm.Factor(afternoon, weekly: false), 9);
    }

    [Fact]
    public void The_rhythm_has_no_steps_from_one_minute_to_the_next()
    {
        // A fortnight with weekends, a daylight-saving change (8 March 2026) and midnights: a step of a few percent
        // would be a surge or a drop to a detector watching a busy business.
        var start = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds();
        var previous = DayRhythm.Factor(start);
        var steps = new List<int>();
        for (var minute = 1; minute < 14 * 1440; minute++)
        {
            var factor = DayRhythm.Factor(start + minute * 60_000L);
            if (Math.Abs(factor / previous - 1) >= 0.01) steps.Add(minute);
            Assert.True(Math.Abs(factor / previous - 1) < 0.05, $"minute {minute}: {previous:F4} -> {factor:F4}");
            previous = factor;
        }
        // The one step is the clocks going forward at 02:00 on 8 March (08:00 UTC): people keep to the clock, so their
        // traffic jumps an hour along its night-time curve, as real traffic does.
        Assert.Equal([6 * 1440 + 8 * 60], steps);
    }

    [Fact]
    public void A_count_limit_ends_the_plan()
    {
        var plan = new TrafficPlan(Settings(s => s with { DurationMs = null, Count = 12_345 }));
        Assert.Equal(12_345, Events(plan).Count);
        Assert.Throws<InvalidOperationException>(() => plan.Surges);
    }

    [Fact]
    public void TryNext_with_a_bound_does_not_consume_later_events()
    {
        var plan = new TrafficPlan(Settings());
        var bounded = plan.CreateCursor();
        var events = new List<GeneratedEvent>();
        for (var until = plan.StartMs; !bounded.IsFinished && until <= plan.EndMs + 250; until += 250)
            while (bounded.TryNext(until, out var next))
            {
                Assert.True(next.TimestampMs <= until);
                events.Add(next);
            }
        Assert.Equal(Events(plan), events);
        Assert.True(bounded.IsFinished);
    }

    [Fact]
    public void Surges_are_distinct_mid_ranked_and_visible_in_the_events()
    {
        var plan = new TrafficPlan(Settings(s => s with { DurationMs = 600_000 }));
        var surges = plan.Surges;
        var events = Events(plan);

        // Starts at 70 s, then every 60 s, until the 10-minute plan ends.
        Assert.Equal(Enumerable.Range(0, 9).Select(k => plan.StartMs + 70_000 + k * 60_000L), surges.Select(s => s.StartMs));
        Assert.Equal(surges.Count, surges.Select(s => s.BusinessIndex).Distinct().Count());
        Assert.Equal((200, 5_999), (plan.SurgeMinRank, plan.SurgeMaxRank));
        var perBusiness = events.GroupBy(e => e.BusinessIndex).ToDictionary(g => g.Key, g => g.Select(e => e.TimestampMs).ToList());
        foreach (var surge in surges)
        {
            Assert.InRange(surge.Rank, plan.SurgeMinRank, plan.SurgeMaxRank);
            Assert.Equal(surge.Rank, plan.RankOf(surge.BusinessIndex));
            Assert.InRange(surge.Magnitude, 8, 20);
            Assert.Equal(Math.Max(surge.Magnitude * surge.NormalEventsPerSecond, 3), surge.ExtraEventsPerSecond, 9);
            Assert.Equal(90_000, surge.EndMs - surge.StartMs);

            var end = Math.Min(surge.EndMs, plan.EndMs!.Value);
            var during = perBusiness[surge.BusinessIndex].Count(t => t >= surge.StartMs && t < end);
            Assert.True(during >= surge.ExtraEventsPerSecond * (end - surge.StartMs) / 1000.0 * 0.9,
                $"surge {surge.Number}: {during} events in its window, extra rate {surge.ExtraEventsPerSecond}/s");
            // The same minute before the surge holds only the baseline, a small fraction of that.
            var before = perBusiness[surge.BusinessIndex].Count(t => t >= surge.StartMs - 60_000 && t < surge.StartMs);
            Assert.True(before * 4 < during * 60_000.0 / (end - surge.StartMs), $"surge {surge.Number}: {before} events in the minute before");
        }
    }

    [Fact]
    public void A_popular_surge_business_gets_magnitude_times_its_rate()
    {
        var catalog = BusinessCatalog.Synthetic(200);
        var plan = new TrafficPlan(new GeneratorSettings { Businesses = catalog, StartMs = Noon, DurationMs = 200_000, DailyRhythm = false });
        var surge = plan.Surge(0);
        Assert.True(surge.Magnitude * surge.NormalEventsPerSecond > 3, "rank range of 200 businesses is busy enough to beat the floor");
        Assert.Equal(surge.Magnitude * surge.NormalEventsPerSecond, surge.ExtraEventsPerSecond, 9);
        Assert.Equal(4_000 * plan.Popularity.Probability(surge.Rank), surge.NormalEventsPerSecond, 9);
    }

    [Fact]
    public void Surges_keep_going_on_a_tiny_catalog()
    {
        var plan = new TrafficPlan(new GeneratorSettings
        {
            Businesses = BusinessCatalog.Synthetic(3), StartMs = Noon, DurationMs = 1_000_000, EventsPerSecond = 10,
        });
        Assert.Equal(16, plan.Surges.Count);
        Assert.NotEmpty(Events(plan));
    }

    [Fact]
    public void Out_of_range_settings_name_the_setting()
    {
        var e = Assert.Throws<ArgumentException>(() => new TrafficPlan(Settings(s => s with { EventsPerSecond = 0 })));
        Assert.Equal(nameof(GeneratorSettings.EventsPerSecond), e.ParamName);
        Assert.Throws<ArgumentException>(() => new TrafficPlan(Settings(s => s with { MinMagnitude = 30 })));
    }
}
