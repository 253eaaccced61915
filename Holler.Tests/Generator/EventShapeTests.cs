using Holler.Domain.Catalog;
using Holler.Generation;

namespace Holler.Tests.Generator;

/// <summary>Surges confined to one platform or page, and error bursts: what the plan pins each event to.</summary>
public class EventShapeTests
{
    private const long Noon = 1_709_294_400_000;

    private static readonly BusinessCatalog Catalog = BusinessCatalog.Synthetic(2_000);

    private static GeneratorSettings Settings(Func<GeneratorSettings, GeneratorSettings>? tweak = null)
    {
        var settings = new GeneratorSettings { Businesses = Catalog, StartMs = Noon, DurationMs = 300_000 };
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
    public void Focusing_surges_changes_neither_the_events_nor_the_surges_businesses_times_and_sizes()
    {
        var plain = new TrafficPlan(Settings());
        var focused = new TrafficPlan(Settings(s => s with { SurgeFocus = SurgeFocus.PlatformAndPath, ErrorShare = 0.05 }));

        Assert.Equal(Events(plain), Events(focused));
        Assert.Equal(plain.Surges.Select(s => s with { Platform = null, Path = null }), focused.Surges.Select(s => s with { Platform = null, Path = null }));
        Assert.All(plain.Surges, s => Assert.Equal((null, null), (s.Platform, s.Path)));
        Assert.All(focused.Surges, s =>
        {
            Assert.Contains(s.Platform, EventJson.PlatformNames);
            Assert.StartsWith("/biz/" + Catalog[s.BusinessIndex].Id + "/", s.Path);
        });
        // Several surges, not all confined to the same platform.
        Assert.True(focused.Surges.Select(s => s.Platform).Distinct().Count() > 1);
    }

    [Theory]
    [InlineData(SurgeFocus.Platform, true, false)]
    [InlineData(SurgeFocus.Path, false, true)]
    public void A_surge_is_confined_to_what_its_focus_says(SurgeFocus focus, bool platform, bool path)
    {
        var surge = new TrafficPlan(Settings(s => s with { SurgeFocus = focus })).Surge(0);

        Assert.Equal(platform, surge.Platform is not null);
        Assert.Equal(path, surge.Path is not null);
    }

    [Fact]
    public void Only_a_surges_extra_events_are_marked_with_it_and_get_its_shape()
    {
        var plan = new TrafficPlan(Settings(s => s with { SurgeFocus = SurgeFocus.PlatformAndPath }));
        var events = Events(plan);
        var surge = plan.Surge(0);

        var marked = events.Where(e => e.Surge == 0).ToList();
        Assert.Equal(surge.ExtraEvents, marked.Count);
        Assert.All(marked, e => Assert.Equal(surge.BusinessIndex, e.BusinessIndex));
        Assert.All(marked, e => Assert.Equal((surge.Platform, surge.Path), (plan.ShapeOf(e).Platform, plan.ShapeOf(e).Path)));
        var usual = events.First(e => e.Surge < 0);
        Assert.Equal((null, null), (plan.ShapeOf(usual).Platform, plan.ShapeOf(usual).Path));
    }

    [Fact]
    public void An_error_burst_raises_one_busy_business_share_for_its_duration_only()
    {
        var plan = new TrafficPlan(Settings(s => s with
        {
            ErrorBurstEvery = TimeSpan.FromMinutes(2), FirstErrorBurstAfter = TimeSpan.FromMinutes(1),
            ErrorBurstDuration = TimeSpan.FromSeconds(90), ErrorShare = 0.05, ErrorBurstShare = 0.4,
        }));
        var burst = plan.ErrorBurst(0);
        var other = (burst.BusinessIndex + 1) % Catalog.Count;

        Assert.Equal((Noon + 60_000, Noon + 150_000), (burst.StartMs, burst.EndMs));
        Assert.InRange(burst.Rank, 0, Math.Max(plan.SurgeMinRank, 1) - 1);
        Assert.Equal(0.05, plan.ErrorShareAt(burst.BusinessIndex, burst.StartMs - 1));
        Assert.Equal(0.4, plan.ErrorShareAt(burst.BusinessIndex, burst.StartMs));
        Assert.Equal(0.4, plan.ErrorShareAt(burst.BusinessIndex, burst.EndMs - 1));
        Assert.Equal(0.05, plan.ErrorShareAt(burst.BusinessIndex, burst.EndMs));
        Assert.Equal(0.05, plan.ErrorShareAt(other, burst.StartMs + 1));
        Assert.Equal(2, plan.ErrorBurstsStartingBefore(Noon + 300_000).Count);
    }

    [Fact]
    public void Error_bursts_are_off_by_default()
    {
        var plan = new TrafficPlan(Settings());
        Assert.False(plan.HasErrorBursts);
        Assert.Equal(0.02, plan.ErrorShareAt(0, Noon + 200_000));
        Assert.Throws<InvalidOperationException>(() => plan.ErrorBurst(0));
    }

    [Theory]
    [InlineData(-0.1, "ErrorShare")]
    [InlineData(1.5, "ErrorShare")]
    public void Bad_error_shares_are_named(double share, string setting)
    {
        var e = Assert.Throws<ArgumentException>(() => Settings(s => s with { ErrorShare = share }).Validate());
        Assert.StartsWith(setting, e.Message);
    }
}
