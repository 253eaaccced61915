using Holler.Domain;

namespace Holler.Tests.Domain;

public sealed class RecentEventsTests
{
    private static RecentEvent Event(long n, Platform platform = Platform.Web, StatusClass status = StatusClass.Success,
        string? path = "/biz/x") => new(1_750_000_000 + n, 0, n, platform, status, path, "search", "US-CA", (ulong)n);

    [Fact]
    public void Keeps_the_last_capacity_events_newest_first()
    {
        var ring = new RecentEvents(5);
        for (var n = 0; n < 12; n++) ring.Add(Event(n));

        Assert.Equal(5, ring.Count);
        Assert.Equal([11L, 10, 9, 8, 7], ring.Newest(RecentEventFilter.All, 100).Select(e => e.Offset));
    }

    [Fact]
    public void Grows_while_below_capacity_without_losing_order()
    {
        var ring = new RecentEvents(200);
        for (var n = 0; n < 17; n++) ring.Add(Event(n));

        // Quiet businesses cost a small array; the 17th event made it grow past the first 16 slots.
        Assert.Equal(32, ring.AllocatedEvents);
        Assert.Equal(Enumerable.Range(0, 17).Reverse().Select(n => (long)n), ring.Newest(RecentEventFilter.All, 100).Select(e => e.Offset));

        for (var n = 17; n < 450; n++) ring.Add(Event(n));
        Assert.Equal((200, 200), (ring.Count, ring.AllocatedEvents));
        Assert.Equal(Enumerable.Range(250, 200).Reverse().Select(n => (long)n), ring.Newest(RecentEventFilter.All, 1000).Select(e => e.Offset));
    }

    [Fact]
    public void Max_limits_the_answer_to_the_newest()
    {
        var ring = new RecentEvents(50);
        for (var n = 0; n < 30; n++) ring.Add(Event(n));

        Assert.Equal([29L, 28, 27], ring.Newest(RecentEventFilter.All, 3).Select(e => e.Offset));
        Assert.Empty(ring.Newest(RecentEventFilter.All, 0));
        Assert.Empty(new RecentEvents(3).Newest(RecentEventFilter.All, 10));
    }

    [Fact]
    public void Filters_by_platform_status_class_and_path_prefix_together()
    {
        var ring = new RecentEvents(100);
        ring.Add(Event(0, Platform.Ios, StatusClass.ServerError, "/biz/x/menu"));
        ring.Add(Event(1, Platform.Web, StatusClass.ServerError, "/biz/x/menu"));
        ring.Add(Event(2, Platform.Ios, StatusClass.Success, "/biz/x/menu/lunch"));
        ring.Add(Event(3, Platform.Ios, StatusClass.ServerError, "/biz/x/photos"));
        ring.Add(Event(4, Platform.Ios, StatusClass.ServerError, path: null));
        ring.Add(Event(5, Platform.Ios, StatusClass.ServerError, "/BIZ/X/MENU/dinner"));

        long[] Offsets(RecentEventFilter f) => [.. ring.Newest(f, 100).Select(e => e.Offset)];

        Assert.Equal([5L, 4, 3, 2, 0], Offsets(new RecentEventFilter(Platform: Platform.Ios)));
        Assert.Equal([5L, 4, 3, 1, 0], Offsets(new RecentEventFilter(Status: StatusClass.ServerError)));
        // A prefix, case ignored; an event without a path never matches a path filter.
        Assert.Equal([5L, 2, 1, 0], Offsets(new RecentEventFilter(PathPrefix: "/biz/x/menu")));
        Assert.Equal([5L, 0], Offsets(new RecentEventFilter(Platform.Ios, StatusClass.ServerError, "/biz/x/menu")));
        Assert.Equal([5L, 4, 3, 2, 1, 0], Offsets(new RecentEventFilter(PathPrefix: "")));
        Assert.Empty(Offsets(new RecentEventFilter(Platform: Platform.Android)));
    }

    [Fact]
    public void A_filter_still_finds_max_matches_among_older_events()
    {
        var ring = new RecentEvents(100);
        for (var n = 0; n < 40; n++) ring.Add(Event(n, n % 10 == 0 ? Platform.Android : Platform.Web));

        Assert.Equal([30L, 20, 10], ring.Newest(new RecentEventFilter(Platform: Platform.Android), 3).Select(e => e.Offset));
    }

    [Fact]
    public void An_event_is_56_bytes_its_strings_being_references()
    {
        // The memory bound in docs/dimensions.md#recent-events is counted with this size.
        Assert.Equal(56, System.Runtime.CompilerServices.Unsafe.SizeOf<RecentEvent>());
    }

    [Fact]
    public void Capacity_must_be_positive() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new RecentEvents(0));
}
