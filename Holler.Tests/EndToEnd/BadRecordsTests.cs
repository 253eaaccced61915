using System.Text;
using Confluent.Kafka;
using Holler.Domain;
using Holler.Ingest;
using Holler.Kafka;
using Holler.Tests.Support;

namespace Holler.Tests.EndToEnd;

/// <summary>Bad records mixed into good ones: the good are all counted, the bad counted by reason and copied to the
/// dead-letter topic, and the stream keeps going.</summary>
public sealed class BadRecordsTests
{
    [Fact]
    public async Task Bad_records_are_counted_by_reason_and_never_stop_the_stream()
    {
        var token = TestContext.Current.CancellationToken;
        using var broker = EmbeddedKafka.Start();
        using var data = new TempDir();
        const string deadLetters = "holler.traffic.rejected";
        await using var node = await TestNodes.StartAsync(TestNodes.Config(broker.BootstrapServers, data.Path, businesses: 100,
            o => o.Kafka.DeadLetterTopic = deadLetters));

        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var bad = new (string? Key, byte[] Value, RejectReason Reason)[]
        {
            ("b-1", "hello, world"u8.ToArray(), RejectReason.NotJson),
            ("b-2", [0x00, 0xff, 0x13, 0x37], RejectReason.NotJson),
            ("b-3", [], RejectReason.NotJson),
            ("b-4", Encoding.UTF8.GetBytes($$"""{"business_id":"b-4","ts":{{now}}"""), RejectReason.Malformed),
            ("b-5", Encoding.UTF8.GetBytes($$"""{"business_id":"b-5","ts":"""), RejectReason.Malformed),
            ("b-6", "[1,2,3]"u8.ToArray(), RejectReason.Malformed),
            (null, Encoding.UTF8.GetBytes($$"""{"ts":{{now}},"path":"/"}"""), RejectReason.MissingBusinessId),
            ("b-8", """{"business_id":"b-8","status":200}"""u8.ToArray(), RejectReason.MissingTimestamp),
            ("b-9", """{"business_id":"b-9","ts":"yesterday-ish"}"""u8.ToArray(), RejectReason.InvalidTimestamp),
            ("b-10", Encoding.UTF8.GetBytes($$"""{"business_id":"b-10","ts":{{now + 86_400_000}}}"""), RejectReason.TooFarInFuture),
            ("b-11", Encoding.UTF8.GetBytes($$"""{"business_id":"b-11","ts":{{now - 7 * 86_400_000L}}}"""), RejectReason.TooOld),
        };

        // Good records before, between and after the bad ones, for 20 businesses (some keyed, some routed by body).
        var expected = new Dictionary<string, long>();
        using var producer = new ProducerBuilder<string?, byte[]>(new ProducerConfig { BootstrapServers = broker.BootstrapServers, Acks = Acks.All }).Build();
        var random = new Random(3);
        var sends = new List<Task>();
        void Good(int i)
        {
            var id = $"good-{random.Next(20)}";
            expected[id] = expected.GetValueOrDefault(id) + 1;
            var ts = now - random.Next(30_000);
            var key = i % 3 == 0 ? null : id;
            sends.Add(producer.ProduceAsync("holler.traffic", new Message<string?, byte[]>
            {
                Key = key,
                Value = Encoding.UTF8.GetBytes($$"""{"business_id":"{{id}}","ts":{{ts}},"status":200}"""),
            }, token));
        }
        for (var i = 0; i < 300; i++) Good(i);
        for (var round = 0; round < 3; round++)
        {
            foreach (var (key, value, _) in bad)
            {
                sends.Add(producer.ProduceAsync("holler.traffic", new Message<string?, byte[]> { Key = key, Value = value }, token));
                Good(round);
            }
        }
        for (var i = 0; i < 300; i++) Good(i);
        await Task.WhenAll(sends);

        await Trackers.AwaitTotalsAsync(node, expected, TimeSpan.FromMinutes(1));
        var byReason = bad.GroupBy(b => b.Reason).ToDictionary(g => g.Key, g => 3L * g.Count());
        await Eventually.Until(() => Task.FromResult(node.Metrics.Rejected.Snapshot()),
            seen => byReason.All(kv => seen[kv.Key] == kv.Value), TimeSpan.FromSeconds(30),
            seen => string.Join(", ", seen.Select(kv => $"{kv.Key}={kv.Value}")));
        Assert.Equal(expected.Values.Sum(), node.Metrics.Accepted);

        var copied = ReadDeadLetters(broker.BootstrapServers, deadLetters, 3 * bad.Length, token);
        Assert.Equal(byReason.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
            copied.GroupBy(r => r).ToDictionary(g => g.Key, g => (long)g.Count()));
    }

    private static List<string> ReadDeadLetters(string bootstrap, string topic, int expected, CancellationToken token)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "dead-letter-reader-" + Guid.NewGuid(),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var reasons = new List<string>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (reasons.Count < expected && DateTime.UtcNow < deadline)
        {
            ConsumeResult<byte[]?, byte[]>? result;
            try { result = consumer.Consume(TimeSpan.FromMilliseconds(200)); }
            catch (ConsumeException e) when (!e.Error.IsFatal) { continue; } // topic not created yet
            if (result?.Message is null) continue;
            reasons.Add(Encoding.UTF8.GetString(result.Message.Headers.GetLastBytes(DeadLetterWriter.ReasonHeader)));
        }
        consumer.Close();
        Assert.Equal(expected, reasons.Count);
        return reasons;
    }
}
