using System.Text.Json;
using Holler.Tests.Support;

namespace Holler.Tests.Cli;

/// <summary>
/// <c>holler bench</c> as its own process, every scenario briefly: the JSON has its shape and its counts agree with each
/// other. No timing is asserted (benchmarks measure; tests check).
/// </summary>
public sealed class BenchCliTests
{
    [Fact]
    public async Task Bench_runs_every_scenario_briefly_and_reports_consistent_json()
    {
        var result = await HollerProcess.RunAsync([
            "bench", "--json", "--businesses", "2000", "--corpus", "200000",
            "--warmup", "1s", "--duration", "2s",
            "--kafka-duration", "1s",
            "--freshness-rates", "500", "--freshness-duration", "3s",
            "--scale-businesses", "1000,2000", "--scale-rate", "2000", "--scale-duration", "2s",
        ], timeout: TimeSpan.FromMinutes(8));

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal(0, root.GetProperty("errors").GetArrayLength());
        Assert.True(root.GetProperty("machine").GetProperty("cores").GetInt32() >= 1);

        var engine = root.GetProperty("engine");
        Assert.Equal(2000, engine.GetProperty("businesses").GetInt32());
        var fed = engine.GetProperty("fed").GetInt64();
        Assert.True(fed > 2000, $"fed {fed}: activation alone is 2000 events");
        Assert.Equal(fed, engine.GetProperty("applied").GetInt64());
        Assert.Equal(0, engine.GetProperty("rejected").GetInt64());
        Assert.True(engine.GetProperty("eventsPerSecond").GetDouble() >= 0);

        var kafka = root.GetProperty("kafka");
        Assert.Equal(2000, kafka.GetProperty("activated").GetInt32());
        var rounds = kafka.GetProperty("rounds").EnumerateArray().ToList();
        Assert.True(rounds.Count >= 3, $"{rounds.Count} rounds: at least three are measured");
        Assert.All(rounds, r =>
        {
            // Each consumer read the round whole: Holler's count is what the trackers applied.
            var records = r.GetProperty("records").GetInt64();
            Assert.True(records > 0);
            Assert.Equal(records, r.GetProperty("bare").GetProperty("events").GetInt64());
            Assert.Equal(records, r.GetProperty("holler").GetProperty("events").GetInt64());
            Assert.True(r.GetProperty("holler").GetProperty("seconds").GetDouble() > 0);
        });
        Assert.True(kafka.GetProperty("ratio").GetDouble() > 0);

        var freshness = Assert.Single(root.GetProperty("freshness").EnumerateArray());
        Assert.Equal(500, freshness.GetProperty("offeredRate").GetDouble());
        var stages = freshness.GetProperty("stages").EnumerateArray().ToList();
        Assert.Equal(["leaderboard", "dashboard"], stages.Select(s => s.GetProperty("stage").GetString()));
        foreach (var stage in stages)
        {
            Assert.Equal(3, stage.GetProperty("samples").GetInt32() + stage.GetProperty("missed").GetInt32());
            if (stage.GetProperty("samples").GetInt32() > 0)
                Assert.True(stage.GetProperty("p50Ms").GetDouble() <= stage.GetProperty("maxMs").GetDouble());
        }

        var scale = root.GetProperty("scale").EnumerateArray().ToList();
        Assert.Equal([1000, 2000], scale.Select(s => s.GetProperty("businesses").GetInt32()));
        Assert.All(scale, s =>
        {
            // A thousand trackers more cannot leave the heap as it was.
            Assert.True(s.GetProperty("bytesPerBusiness").GetDouble() > 0);
        });

        var targets = root.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("target").GetString()).ToList();
        Assert.Contains(targets, t => t!.StartsWith("engine"));
        Assert.Contains(targets, t => t!.StartsWith("kafka"));
        Assert.Contains(targets, t => t!.StartsWith("freshness"));
        Assert.Contains(targets, t => t!.Contains("KiB"));
    }

    [Fact]
    public async Task Bench_recovery_kills_a_node_mid_stream_and_the_restarted_node_ends_with_exact_totals()
    {
        var result = await HollerProcess.RunAsync([
            "bench", "--json", "--scenarios", "recovery", "--corpus", "200000",
            "--recovery-rate", "500", "--recovery-businesses", "1000", "--recovery-phase", "4s",
        ], timeout: TimeSpan.FromMinutes(8));

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var recovery = json.RootElement.GetProperty("recovery");
        Assert.Equal("sqlite", recovery.GetProperty("persistence").GetString());
        Assert.Equal(4, recovery.GetProperty("partitions").GetInt32());
        var produced = recovery.GetProperty("produced").GetInt64();
        Assert.True(produced > 4 * 500 / 2, $"produced {produced}: traffic ran before and after the kill");
        Assert.Equal(produced, recovery.GetProperty("counted").GetInt64());
        Assert.Equal(0, recovery.GetProperty("businessesWrong").GetInt32());
        Assert.Equal(0, recovery.GetProperty("produceFailed").GetInt64());
        // 500 events/s: the broker keeps well over a minute of it, so nothing may fall out of its retention.
        Assert.Equal(0, recovery.GetProperty("lost").GetInt64());
        Assert.Equal(0, recovery.GetProperty("unread").GetInt64());
        Assert.True(recovery.GetProperty("businessesChecked").GetInt32() > 0);
        // Whatever was skipped as already checkpointed was read again, so it was uncommitted at the kill.
        Assert.InRange(recovery.GetProperty("duplicates").GetInt64(), 0, recovery.GetProperty("uncommitted").GetInt64());
        Assert.Contains(json.RootElement.GetProperty("targets").EnumerateArray(), t => t.GetProperty("target").GetString()!.StartsWith("killed at 500/s"));
    }

    [Fact]
    public async Task Bench_with_a_checkpoint_trigger_out_of_range_says_so_with_exit_code_2()
    {
        var result = await HollerProcess.RunAsync(["bench", "--scenarios", "engine", "--checkpoint-bytes", "10"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--checkpoint-bytes must be between 65536 and 1099511627776", result.Stderr);
    }

    [Fact]
    public async Task Bench_kafka_reads_pre_filled_rounds_with_both_consumers_and_judges_the_ratio()
    {
        var result = await HollerProcess.RunAsync([
            "bench", "--json", "--scenarios", "kafka", "--businesses", "2000", "--corpus", "200000", "--kafka-duration", "1s", "--kafka-warmup-rounds", "0",
        ], timeout: TimeSpan.FromMinutes(8));

        Assert.True(result.ExitCode == 0, result.Stderr);
        using var json = JsonDocument.Parse(result.Stdout);
        var kafka = json.RootElement.GetProperty("kafka");
        Assert.Equal(0, kafka.GetProperty("warmupRounds").GetInt32());
        var rounds = kafka.GetProperty("rounds").EnumerateArray().ToList();
        Assert.True(rounds.Count >= 3, $"{rounds.Count} rounds");
        // Rounds alternate which consumer reads first.
        Assert.NotEqual(rounds[0].GetProperty("bareFirst").GetBoolean(), rounds[1].GetProperty("bareFirst").GetBoolean());
        var events = rounds.Sum(r => r.GetProperty("records").GetInt64());
        Assert.Equal(events, kafka.GetProperty("bare").GetProperty("events").GetInt64());
        Assert.Equal(events, kafka.GetProperty("holler").GetProperty("events").GetInt64());
        Assert.True(kafka.GetProperty("holler").GetProperty("cpuMicrosPerEvent").GetDouble() > 0);
        var target = Assert.Single(json.RootElement.GetProperty("targets").EnumerateArray(), t => t.GetProperty("target").GetString()!.StartsWith("kafka"));
        Assert.NotEqual(JsonValueKind.Null, target.GetProperty("met").ValueKind);
    }

    [Fact]
    public async Task Bench_with_kafka_warmup_rounds_out_of_range_says_so_with_exit_code_2()
    {
        var result = await HollerProcess.RunAsync(["bench", "--scenarios", "kafka", "--kafka-warmup-rounds", "50", "--kafka-duration", "soon"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--kafka-warmup-rounds must be between 0 and 20", result.Stderr);
        Assert.Contains("--kafka-duration: 'soon' is not a duration like 30s", result.Stderr);
    }

    [Fact]
    public async Task Bench_with_a_batch_linger_out_of_range_says_so_with_exit_code_2()
    {
        var result = await HollerProcess.RunAsync(["bench", "--scenarios", "scale", "--batch-linger-ms", "-1"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--batch-linger-ms must be between 0 (a fixed window) and 60000", result.Stderr);
    }

    [Fact]
    public async Task Bench_with_recovery_partitions_out_of_range_says_so_with_exit_code_2()
    {
        var result = await HollerProcess.RunAsync(["bench", "--scenarios", "recovery", "--recovery-partitions", "0"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--recovery-partitions must be between 1 and 256", result.Stderr);
    }

    [Fact]
    public async Task Bench_with_an_unknown_scenario_says_so_with_exit_code_2()
    {
        var result = await HollerProcess.RunAsync(["bench", "--scenarios", "engine,warp"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown scenario 'warp'", result.Stderr);
    }
}
