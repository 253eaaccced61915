using Holler.Host.Commands.Bench;
using Holler.Ingest;

namespace Holler.Tests.Cli;

/// <summary>The recovery scenario's arithmetic, and the replay bound the checkpoint triggers give.</summary>
public sealed class RecoveryMathTests
{
    private static RecoverySample At(double seconds, long produced, long position) => new(TimeSpan.FromSeconds(seconds), produced, position);

    [Fact]
    public void Caught_up_is_when_everything_produced_before_the_kill_is_processed_and_the_lag_is_back_within_bounds()
    {
        RecoverySample[] samples =
        [
            At(5, 60_000, 40_000),  // still below the committed offsets' successor: nothing processed yet
            At(12, 88_000, 55_000), // processing the backlog
            At(13, 92_000, 80_000), // past what was produced at the kill (70,000), but 12,000 behind
            At(14, 96_000, 95_500), // within the allowed lag
            At(15, 100_000, 99_900),
        ];

        Assert.Equal(TimeSpan.FromSeconds(14), RecoveryMath.CaughtUpAt(samples, producedAtKill: 70_000, allowedLag: 4_000));
        Assert.Equal(TimeSpan.FromSeconds(12), RecoveryMath.FirstProcessedAt(samples, committedAtKill: 40_000));
        // A small lag alone is not caught up while the backlog before the kill is not all processed.
        Assert.Null(RecoveryMath.CaughtUpAt([At(1, 40_100, 40_000)], producedAtKill: 70_000, allowedLag: 4_000));
        Assert.Null(RecoveryMath.FirstProcessedAt([At(1, 40_100, 40_000)], committedAtKill: 40_000));
    }

    [Fact]
    public void Uncommitted_is_the_log_end_past_each_partitions_committed_offset_and_all_of_it_where_none_was_committed()
    {
        var committed = new Dictionary<int, long> { [0] = 900, [1] = -1001, [3] = 1_000 };

        Assert.Equal([100, 1_000, 1_000, 0], RecoveryMath.Uncommitted([1_000, 1_000, 1_000, 1_000], committed));
    }

    [Fact]
    public void The_replay_bound_is_the_bytes_trigger_at_moderate_rates_and_the_least_interval_at_high_ones()
    {
        var tick = TimeSpan.FromSeconds(1);
        var write = TimeSpan.Zero;
        var triggers = CheckpointTriggers.Default; // 1 MiB, at most every 5 s per shard, at the latest after 30 s

        // 100 KiB/s: 1 MiB takes 10.24 s to gather, then a tick.
        Assert.Equal(11.24, triggers.ReplayBoundAge(100 * 1024, tick, write).TotalSeconds, 3);
        Assert.Equal(100 * 1024 * 11.24, triggers.ReplayBoundBytes(100 * 1024, tick, write), 0);
        // 1 MiB/s: the bytes trigger would fire every second, but a shard is asked at most every 5 s.
        Assert.Equal(6, triggers.ReplayBoundAge(1 << 20, tick, write).TotalSeconds, 3);
        // 1 KiB/s: the age trigger fires first.
        Assert.Equal(31, triggers.ReplayBoundAge(1024, tick, write).TotalSeconds, 3);
        // A larger trigger for a Kafka with long retention: 64 MiB at 1 MiB/s is a minute's traffic, up to the 30 s age.
        var large = triggers with { Bytes = 64L << 20, MaxDelay = TimeSpan.FromMinutes(5) };
        Assert.Equal(65, large.ReplayBoundAge(1 << 20, tick, write).TotalSeconds, 3);
        Assert.Equal(0, triggers.ReplayBoundBytes(0, tick, write));
    }
}
