using System.Diagnostics;
using Confluent.Kafka;
using Holler.Generation;
using Holler.Kafka;
using Holler.Tests.Support;

namespace Holler.Tests.Cli;

/// <summary><c>holler generate</c> and <c>holler kafka-dev</c> as their own processes.</summary>
public sealed class GenerateCliTests
{
    [Fact]
    public async Task Generate_produces_the_requested_events_and_their_ground_truth()
    {
        using var broker = EmbeddedKafka.Start();
        using var dir = new TempDir();
        var truth = Path.Combine(dir.Path, "truth.jsonl");

        var result = await HollerProcess.RunAsync(["generate", "--bootstrap", broker.BootstrapServers, "--businesses", "200",
            "--rate", "100", "--duration", "3m", "--speedup", "60", "--first-surge-after", "30s", "--surge-every", "60s", "--daily-rhythm", "false", "--truth", truth]);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("Done: ", result.Stderr);
        var surges = SurgeTruth.ReadFile(truth);
        Assert.Equal(3, surges.Count);
        var sent = long.Parse(System.Text.RegularExpressions.Regex.Match(result.Stderr, @"Done: ([\d,]+) sent").Groups[1].Value.Replace(",", ""));
        // 100 events/s for 180 s of event time, plus each surge's extra events (the last one clipped by the end).
        var extra = surges.Sum(s => s.ExtraEventsPerSecond * (s.End - s.Start).TotalSeconds);
        Assert.InRange(sent, 18_000 * 0.97, (18_000 + extra) * 1.03);
        Assert.Equal(sent, CountRecords(broker.BootstrapServers, sent));
    }

    [Fact]
    public async Task Generate_without_a_broker_says_so_with_exit_code_2()
    {
        var result = await HollerProcess.RunAsync(["generate"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--bootstrap is required", result.Stderr);
    }

    [Fact]
    public async Task Generate_with_an_unknown_surge_focus_names_it_with_exit_code_2()
    {
        var result = await HollerProcess.RunAsync(["generate", "--bootstrap", "127.0.0.1:9", "--surge-focus", "region"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--surge-focus: 'region'", result.Stderr);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public async Task Kafka_dev_prints_a_broker_address_that_serves_kafka()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "holler.dll"));
        start.ArgumentList.Add("kafka-dev");
        using var process = Process.Start(start)!;
        try
        {
            var address = await process.StandardOutput.ReadLineAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            Assert.Matches(@"^127\.0\.0\.1:\d+$", address);

            using var producer = new ProducerBuilder<Null, string>(new ProducerConfig { BootstrapServers = address }).Build();
            var delivered = await producer.ProduceAsync("probe", new Message<Null, string> { Value = "hello" }, TestContext.Current.CancellationToken);
            Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
        }
    }

    private static long CountRecords(string bootstrap, long expected)
    {
        using var consumer = new ConsumerBuilder<Ignore, Ignore>(new ConsumerConfig
        {
            BootstrapServers = bootstrap,
            GroupId = "count-" + Guid.NewGuid(),
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(GeneratorOptions.DefaultTopic);
        long count = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (count < expected && DateTime.UtcNow < deadline)
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { Message: not null }) count++;
        // Nothing beyond what was reported either.
        while (consumer.Consume(TimeSpan.FromMilliseconds(500)) is { Message: not null }) count++;
        consumer.Close();
        return count;
    }
}
