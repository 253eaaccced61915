using Akka.Hosting;
using Holler.Domain;
using Holler.Serialization;
using Holler.Tracking;

namespace Holler.Tests.Serialization;

/// <summary>The recent-events query and its answer cross the network (the drill-down may run on a node without the
/// business's tracker): they go through Holler's serializer and come back whole.</summary>
public sealed class RecentEventsCodecsTests(ITestOutputHelper output)
    : Akka.Hosting.TestKit.TestKit(nameof(RecentEventsCodecsTests), output, startupTimeout: TimeSpan.FromSeconds(30))
{
    protected override void ConfigureAkka(AkkaConfigurationBuilder builder, IServiceProvider provider) => builder.AddHollerSerialization();

    private T RoundTrip<T>(T message) where T : notnull
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<HollerSerializer>(serializer);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return Assert.IsType<T>(Sys.Serialization.Deserialize(serializer.ToBinary(message), serializer.Identifier, manifest));
    }

    [Fact]
    public void The_query_round_trips_with_and_without_each_filter()
    {
        GetRecentEvents[] queries =
        [
            new("biz-ü", 50, RecentEventFilter.All),
            new("biz-1", 200, new RecentEventFilter(Platform.Ios, StatusClass.ServerError, "/biz/ü/menu")),
            new("biz-1", 0, new RecentEventFilter(Platform.Unknown, StatusClass.Unknown, "")),
        ];

        foreach (var query in queries) Assert.Equal(query, RoundTrip(query));
    }

    [Fact]
    public void The_page_round_trips_with_absent_values_and_shared_strings()
    {
        var page = new RecentEventsPage("biz-ü", RecentEventsWatch.Surging, 1_750_000_300_123, 180,
        [
            new RecentEvent(1_750_000_010, 3, 8_589_934_592, Platform.Ios, StatusClass.ServerError, "/biz/ü/menu", "google.com", "US-CA-06037", ulong.MaxValue),
            new RecentEvent(1_750_000_009, 3, 8_589_934_591, Platform.Unknown, StatusClass.Unknown, null, null, null, 0),
            new RecentEvent(1_750_000_009, 0, 17, Platform.Web, StatusClass.Success, "/biz/ü/menu", "search", "US-CA-06037", 42),
        ]);

        var copy = RoundTrip(page);

        Assert.Equal(page, copy);
        Assert.Same(copy.Events[0].Path, copy.Events[2].Path); // one string per distinct value on the wire
        Assert.Equal(new RecentEventsPage("biz-1", RecentEventsWatch.Off, 0, 0, []), RoundTrip(new RecentEventsPage("biz-1", RecentEventsWatch.Off, 0, 0, [])));
    }

    [Fact]
    public void The_manifests_are_versioned_and_distinct()
    {
        var serializer = (HollerSerializer)Sys.Serialization.FindSerializerFor(new GetRecentEvents("b", 1, RecentEventFilter.All));

        Assert.Equal(["EP1", "ER1"],
            new object[] { new GetRecentEvents("b", 1, RecentEventFilter.All), new RecentEventsPage("b", RecentEventsWatch.Off, 0, 0, []) }
                .Select(serializer.Manifest).Order());
    }
}
