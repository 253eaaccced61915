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
            // Hostile records that used to be counted or miscounted: a 500 kB event with a valid id and time, an id
            // with a NUL in it (a business no query can name), a time past the year 9999, a negative time.
            ("b-12", Oversized, RejectReason.TooLarge),
            ("b-13", Encoding.UTF8.GetBytes($$"""{"business_id":"b-13\u0000x","ts":{{now}}}"""), RejectReason.InvalidBusinessId),
            ("b-14", """{"business_id":"b-14","ts":9223372036854775807}"""u8.ToArray(), RejectReason.TooFarInFuture),
            ("b-15", """{"business_id":"b-15","ts":-1}"""u8.ToArray(), RejectReason.InvalidTimestamp),
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
        // Nothing of the bad records reached a tracker, under the id they carried or any other.
        var badIds = new[] { "b-12", "b-13\0x", "b-13", "b-14", "b-15" };
        Assert.All(await Trackers.TotalsAsync(node, badIds), kv => Assert.Equal(0, kv.Value));

        var copied = ReadDeadLetters(broker.BootstrapServers, deadLetters, 3 * bad.Length, token);
        Assert.Equal(byReason.ToDictionary(kv => kv.Key.ToString(), kv => kv.Value),
            copied.GroupBy(r => r.Reason).ToDictionary(g => g.Key, g => (long)g.Count()));

        // Copies are whole, except the oversized one: cut to the record limit, its original size in a header.
        var limit = node.Config.ParseLimits.MaxRecordBytes;
        var byKey = copied.GroupBy(c => c.Key).ToDictionary(g => g.Key ?? "", g => g.ToList());
        Assert.All(byKey["b-12"], c => Assert.Equal((limit - "b-12".Length, ("b-12".Length + Oversized.Length).ToString()), (c.ValueLength, c.OriginalBytes)));
        Assert.All(byKey["b-13"], c => Assert.Equal((bad[12].Value.Length, (string?)null), (c.ValueLength, c.OriginalBytes)));
    }

    /// <summary>A well-formed event with a valid id and time, padded to 500 kB.</summary>
    private static readonly byte[] Oversized = Encoding.UTF8.GetBytes(
        $$"""{"business_id":"b-12","ts":{{DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()}},"pad":"{{new string('x', 500_000)}}"}""");

    private sealed record DeadLetter(string Reason, string? Key, int ValueLength, string? OriginalBytes);

    private static List<DeadLetter> ReadDeadLetters(string bootstrap, string topic, int expected, CancellationToken token)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "dead-letter-reader-" + Guid.NewGuid(),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(topic);
        var reasons = new List<DeadLetter>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (reasons.Count < expected && DateTime.UtcNow < deadline)
        {
            ConsumeResult<byte[]?, byte[]>? result;
            try { result = consumer.Consume(TimeSpan.FromMilliseconds(200)); }
            catch (ConsumeException e) when (!e.Error.IsFatal) { continue; } // topic not created yet
            if (result?.Message is null) continue;
            var headers = result.Message.Headers;
            reasons.Add(new DeadLetter(Encoding.UTF8.GetString(headers.GetLastBytes(DeadLetterWriter.ReasonHeader)),
                result.Message.Key is { } key ? Encoding.UTF8.GetString(key) : null, result.Message.Value.Length,
                headers.TryGetLastBytes(DeadLetterWriter.OriginalBytesHeader, out var original) ? Encoding.UTF8.GetString(original) : null));
        }
        consumer.Close();
        Assert.Equal(expected, reasons.Count);
        return reasons;
    }
}
