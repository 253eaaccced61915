using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Confluent.Kafka;
using Holler.Domain.Catalog;
using Holler.Generation;
using Holler.Kafka;

namespace Holler.Tests.Generator;

public sealed class TrafficGeneratorTests : IDisposable
{
    // Noon for the generator's audience (US Central; 18:00 UTC on Friday 1 March 2024): the day rhythm runs at ~1.27×,
    // so a count of events spans a known stretch of event time. 12:00 UTC is 06:00 there, at half that rate.
    private const long Noon = 1_709_316_000_000;

    private readonly EmbeddedKafka _kafka = EmbeddedKafka.Start();
    private readonly string _topic = "gen-test-" + Guid.NewGuid().ToString("N");
    private readonly string _truthPath = Path.Combine(Path.GetTempPath(), $"holler-truth-{Guid.NewGuid():N}.jsonl");

    public void Dispose()
    {
        _kafka.Dispose();
        File.Delete(_truthPath);
    }

    private GeneratorOptions Options(GeneratorSettings plan) => new()
    {
        BootstrapServers = _kafka.BootstrapServers,
        Topic = _topic,
        Plan = plan,
        TruthPath = _truthPath,
    };

    [Fact]
    public async Task Delivers_every_event_keyed_by_business_and_writes_the_truth()
    {
        var progress = new RecordingProgress();
        var options = Options(new GeneratorSettings
        {
            Businesses = BusinessCatalog.Synthetic(500),
            EventsPerSecond = 1_000,
            Count = 3_000,
            StartMs = Noon,
            FirstSurgeAfter = TimeSpan.FromMilliseconds(500),
            SurgeEvery = TimeSpan.FromMilliseconds(500),
            SurgeDuration = TimeSpan.FromSeconds(1),
        }) with { Speedup = 5 };

        var result = await TrafficGenerator.RunAsync(options, progress, TestContext.Current.CancellationToken);

        Assert.Equal(3_000, result.Sent);
        Assert.Equal(0, result.Errors);
        Assert.Equal(3_000, result.Produced);
        Assert.False(result.Cancelled);
        Assert.Equal(result.Sent, result.DeliveredPerBusiness.Values.Sum());

        var consumed = ConsumeAll(result.Sent);
        Assert.Equal(result.Sent, consumed.Total);
        Assert.Equal(result.DeliveredPerBusiness.OrderBy(p => p.Key), consumed.PerBusiness.OrderBy(p => p.Key));

        // Surges start every 500 ms of event time from 500 ms on, within the ~3 s the 3,000 events span.
        Assert.InRange(result.Surges.Count, 4, 6);
        var truth = SurgeTruth.ReadFile(_truthPath);
        Assert.Equal(result.Surges.Select(s => (s.BusinessId, s.Start)), truth.Select(s => (s.BusinessId, s.Start)));
        Assert.All(result.Surges, s => Assert.True(s.End.ToUnixTimeMilliseconds() <= result.EventTimeEndMs));
        Assert.All(truth, s => Assert.True(result.DeliveredPerBusiness.ContainsKey(s.BusinessId)));

        var last = progress.Reports.Last();
        Assert.Equal((3_000L, 0L), (last.Sent, last.Errors));
    }

    [Fact]
    public async Task Cancellation_stops_cleanly_and_accounts_for_every_event()
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        // An endless plan: only cancellation ends it, once some traffic has been acknowledged.
        var progress = new RecordingProgress(p =>
        {
            if (p.Sent >= 1_000) cancel.Cancel();
        });
        var options = Options(new GeneratorSettings { BusinessCount = 2_000, EventsPerSecond = 2_000, StartMs = Noon }) with { Speedup = 1 };

        var result = await TrafficGenerator.RunAsync(options, progress, cancel.Token);

        Assert.True(result.Cancelled);
        Assert.True(result.Sent >= 1_000, $"sent {result.Sent}");
        Assert.Equal(result.Produced, result.Sent + result.Errors);
        var consumed = ConsumeAll(result.Sent);
        Assert.Equal(result.Sent, consumed.Total);
        Assert.Equal(result.DeliveredPerBusiness.OrderBy(p => p.Key), consumed.PerBusiness.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task An_unreachable_broker_is_counted_not_thrown()
    {
        var options = new GeneratorOptions
        {
            BootstrapServers = "127.0.0.1:1",
            Topic = _topic,
            Plan = new GeneratorSettings { BusinessCount = 100, Count = 50, StartMs = Noon },
            Speedup = 100,
            ExtraProducerConfig = new Dictionary<string, string> { ["message.timeout.ms"] = "1000" },
        };

        var result = await TrafficGenerator.RunAsync(options, null, TestContext.Current.CancellationToken);

        Assert.Equal((0L, 50L, 50L), (result.Sent, result.Errors, result.Produced));
        Assert.NotNull(result.LastError);
        Assert.Empty(result.DeliveredPerBusiness);
    }

    private (long Total, Dictionary<string, long> PerBusiness) ConsumeAll(long expected)
    {
        var config = new ConsumerConfig
        {
            BootstrapServers = _kafka.BootstrapServers,
            GroupId = "gen-test-" + Guid.NewGuid().ToString("N"),
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
            FetchWaitMaxMs = 5,
        };
        using var consumer = new ConsumerBuilder<byte[], byte[]>(config).SetLogHandler((_, _) => { }).Build();
        consumer.Subscribe(_topic);
        var perBusiness = new Dictionary<string, long>(StringComparer.Ordinal);
        long total = 0;
        var deadline = Stopwatch.StartNew();
        // Keep reading a little past the expected count, so a duplicate would show up as a surplus.
        var quietSince = TimeSpan.MaxValue;
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var record = consumer.Consume(TimeSpan.FromMilliseconds(100));
            if (record is null)
            {
                if (total >= expected && quietSince == TimeSpan.MaxValue) quietSince = deadline.Elapsed;
                if (total >= expected && deadline.Elapsed - quietSince > TimeSpan.FromMilliseconds(500)) break;
                continue;
            }
            quietSince = TimeSpan.MaxValue;
            var key = Encoding.UTF8.GetString(record.Message.Key);
            using var value = JsonDocument.Parse(record.Message.Value);
            Assert.Equal(key, value.RootElement.GetProperty("business_id").GetString());
            Assert.Equal(record.Message.Timestamp.UnixTimestampMs, value.RootElement.GetProperty("ts").GetInt64());
            perBusiness[key] = perBusiness.GetValueOrDefault(key) + 1;
            total++;
        }
        consumer.Close();
        return (total, perBusiness);
    }

    /// <summary>Reports synchronously on the generator's thread, unlike Progress&lt;T&gt;, so none arrive after the run.</summary>
    private sealed class RecordingProgress(Action<GeneratorProgress>? onReport = null) : IProgress<GeneratorProgress>
    {
        private readonly ConcurrentQueue<GeneratorProgress> _reports = new();

        public IReadOnlyList<GeneratorProgress> Reports => [.. _reports];

        public void Report(GeneratorProgress value)
        {
            _reports.Enqueue(value);
            onReport?.Invoke(value);
        }
    }
}
