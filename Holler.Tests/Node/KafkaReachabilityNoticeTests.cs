using Holler.Host.Node;

namespace Holler.Tests.Node;

public sealed class KafkaReachabilityNoticeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static KafkaReachabilityNotice Notice() => new("kafka:9092", TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(1));

    [Fact]
    public void A_broker_down_for_less_than_the_grace_is_not_news()
    {
        var notice = Notice();

        Assert.Null(notice.Observe(false, T0));
        Assert.Null(notice.Observe(false, T0.AddSeconds(4)));
        Assert.Null(notice.Observe(true, T0.AddSeconds(8)));
    }

    [Fact]
    public void A_broker_down_past_the_grace_is_said_once_then_rarely_then_its_recovery()
    {
        var notice = Notice();
        var said = new List<string?>();
        // Checks every 8 s: down from 0 s, said at 8 s (past the 5 s grace), again at 72 s and 136 s (a minute apart).
        for (var s = 0; s <= 136; s += 8) said.Add(notice.Observe(false, T0.AddSeconds(s)));
        said.Add(notice.Observe(true, T0.AddSeconds(144)));
        said.Add(notice.Observe(true, T0.AddSeconds(152)));

        var lines = said.OfType<string>().ToList();
        Assert.Equal(
        [
            "holler: Kafka at kafka:9092 is not reachable yet (still trying)",
            "holler: Kafka at kafka:9092 is still not reachable after 72 s (still trying)",
            "holler: Kafka at kafka:9092 is still not reachable after 136 s (still trying)",
            "holler: Kafka at kafka:9092 is reachable now",
        ], lines);
    }

    [Fact]
    public void A_broker_lost_after_it_answered_is_not_said_to_be_unreachable_yet()
    {
        var notice = Notice();
        notice.Observe(true, T0);
        notice.Observe(false, T0.AddSeconds(10));

        Assert.Equal("holler: Kafka at kafka:9092 is not reachable (still trying)", notice.Observe(false, T0.AddSeconds(18)));
    }
}
