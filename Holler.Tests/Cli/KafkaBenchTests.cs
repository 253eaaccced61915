using Holler.Host.Commands.Bench;

namespace Holler.Tests.Cli;

/// <summary>The kafka scenario's pure parts: how much of a round fits in what the embedded broker keeps, and how the
/// rounds add up to the figures and the target.</summary>
public sealed class KafkaBenchTests
{
    private static IEnumerable<(int Partition, int Bytes)> Records(int count, int partitions, int bytes) =>
        Enumerable.Range(0, count).Select(i => (i % partitions, bytes));

    [Fact]
    public void A_round_fills_every_partition_to_just_under_the_budget_counting_each_records_overhead()
    {
        // 979 bytes a record with the overhead: 1,000 per partition would be 979,000 bytes, so 1,021 fit in 1,000,000.
        var fit = KafkaFillPlan.RecordsThatFit(Records(100_000, 4, 979 - KafkaFillPlan.RecordOverhead), 4, 1_000_000);

        Assert.Equal(4 * 1_021, fit);
    }

    [Fact]
    public void The_first_partition_to_fill_ends_the_round_so_the_order_of_records_is_kept()
    {
        // Every other record goes to partition 0: it fills first, the other three are left with room.
        var records = Enumerable.Range(0, 10_000).Select(i => (i % 2 == 0 ? 0 : 1 + i / 2 % 3, 100 - KafkaFillPlan.RecordOverhead));

        var fit = KafkaFillPlan.RecordsThatFit(records, 4, 10_000);

        // Partition 0 takes 100 records (10,000 bytes): its 101st (index 200) is the first left out.
        Assert.Equal(200, fit);
    }

    [Fact]
    public void A_round_is_cut_to_whole_micro_batches_unless_not_even_one_fits()
    {
        // 100 bytes a record with the overhead: 1,500 per partition, 6,000 in all.
        Assert.Equal(6_000, KafkaFillPlan.RecordsThatFit(Records(100_000, 4, 79), 4, 150_000, multipleOf: 1_000));
        Assert.Equal(4_000, KafkaFillPlan.RecordsThatFit(Records(100_000, 4, 79), 4, 150_000, multipleOf: 4_000));
        Assert.Equal(6_000, KafkaFillPlan.RecordsThatFit(Records(100_000, 4, 79), 4, 150_000, multipleOf: 7_000));
    }

    [Fact]
    public void Tiny_records_stop_at_the_brokers_batch_limit_per_partition()
    {
        var fit = KafkaFillPlan.RecordsThatFit(Records(1_000_000, 2, 1), 2, KafkaFillPlan.BudgetBytes);

        Assert.Equal(2 * KafkaFillPlan.RetainedBatches, fit);
    }

    [Fact]
    public void The_budget_is_just_under_what_the_mock_cluster_keeps_per_partition()
    {
        Assert.Equal(5 * 1024 * 1024, KafkaFillPlan.RetainedBytes);
        Assert.InRange(KafkaFillPlan.BudgetBytes, 0.8 * KafkaFillPlan.RetainedBytes, KafkaFillPlan.RetainedBytes - 1);
    }

    [Fact]
    public void Overall_figures_weigh_rounds_by_their_events_and_seconds_not_by_averaging_rates()
    {
        var result = Result(
            Round(1, bare: new KafkaRead(100_000, 0.5, 0.2), holler: new KafkaRead(100_000, 1.0, 0.8)),
            Round(2, bare: new KafkaRead(300_000, 0.5, 0.4), holler: new KafkaRead(300_000, 3.0, 2.4)));

        Assert.Equal(400_000, result.Bare.Events);
        Assert.Equal(400_000, result.Bare.EventsPerSecond, 6); // 400,000 in 1 s, not the mean of 200,000 and 600,000
        Assert.Equal(100_000, result.Holler.EventsPerSecond, 6); // 400,000 in 4 s
        Assert.Equal(0.25, result.Ratio, 6);
        Assert.Equal(1.5, result.Bare.CpuMicrosPerEvent, 6); // 0.6 s of CPU over 400,000 events
        Assert.Equal(8.0, result.Holler.CpuMicrosPerEvent, 6);
        Assert.Equal(8.0 / 1.5, result.CpuRatio, 6);
        Assert.Equal(0.5, result.Rounds[0].Ratio, 6);
        Assert.Equal(4.0, result.Rounds[0].CpuRatio, 6);
        Assert.Equal(1.0 / 6, result.MinRoundRatio, 6);
        Assert.Equal(0.5, result.MaxRoundRatio, 6);
    }

    [Fact]
    public void The_target_is_met_at_80_percent_of_the_bare_consumers_rate_and_unjudged_without_rounds()
    {
        var met = KafkaReport.Target(Result(Round(1, new KafkaRead(100_000, 1, 0.1), new KafkaRead(80_000, 1, 0.3))));
        var missed = KafkaReport.Target(Result(Round(1, new KafkaRead(100_000, 1, 0.1), new KafkaRead(79_000, 1, 0.3))));
        var none = KafkaReport.Target(Result());

        Assert.True(met.Met, met.Measured);
        Assert.StartsWith("80%", met.Measured.Replace(" ", ""));
        Assert.False(missed.Met, missed.Measured);
        Assert.Null(none.Met);
        Assert.All(new[] { met, missed, none }, t => Assert.Equal(KafkaReport.TargetName, t.Target));
    }

    [Fact]
    public void The_bench_report_judges_the_kafka_target_from_the_pre_filled_rounds()
    {
        var report = new BenchReport { Machine = MachineInfo.Current(), Settings = new BenchSettings() };
        Assert.Null(report.Targets.Single(t => t.Target == KafkaReport.TargetName).Met);

        report.Kafka = Result(Round(1, new KafkaRead(100_000, 1, 0.1), new KafkaRead(90_000, 1, 0.3)));

        Assert.True(report.Targets.Single(t => t.Target == KafkaReport.TargetName).Met);
        Assert.Contains("\"rounds\"", report.ToJson());
        Assert.Contains("\"cpuMicrosPerEvent\"", report.ToJson());
    }

    private static KafkaRound Round(int round, KafkaRead bare, KafkaRead holler) => new(round, bare.Events, 0.3, round % 2 != 0, bare, holler);

    private static KafkaResult Result(params KafkaRound[] rounds) => new(4, 200_000, 1.0, "memory", 200_000, 1, rounds);
}
