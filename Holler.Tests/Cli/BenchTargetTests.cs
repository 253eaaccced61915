using Holler.Host.Commands.Bench;

namespace Holler.Tests.Cli;

/// <summary>How <c>holler bench</c> judges the memory targets from the scale runs: per business added, not the average
/// at one size (which carries the node's fixed cost), and linear when every step adds about the same.</summary>
public sealed class BenchTargetTests
{
    private static BenchReport Report(string journal, params (int Businesses, double BytesPerBusiness)[] sizes)
    {
        var report = new BenchReport { Machine = MachineInfo.Current(), Settings = new BenchSettings() };
        foreach (var (businesses, bytes) in sizes)
            report.Scale.Add(new ScaleResult(businesses, 20_000, 20_000, 25, 100_000, bytes, 1, 10, 0, journal));
        return report;
    }

    private static TargetCheck Memory(BenchReport r) => r.Targets.Single(t => t.Target.Contains("KiB"));
    private static TargetCheck Linear(BenchReport r) => r.Targets.Single(t => t.Target.StartsWith("linear"));

    [Fact]
    public void A_fixed_cost_spread_over_few_businesses_does_not_count_against_the_cost_per_business()
    {
        // 20 MB of node plus 800 B a business: 2,800 B each at 10k, 820 at 1M; 800 per business added.
        var r = Report("sqlite", (10_000, 2_800), (100_000, 1_000), (1_000_000, 820));
        Assert.True(Memory(r).Met, Memory(r).Measured);
        Assert.StartsWith("800 B per business added", Memory(r).Measured);
        Assert.True(Linear(r).Met, Linear(r).Measured);
        Assert.Contains("journal in sqlite", Memory(r).Measured);
    }

    [Fact]
    public void More_than_a_KiB_per_business_added_fails_and_names_the_heap_journal()
    {
        var r = Report("memory", (10_000, 3_132), (100_000, 1_691), (1_000_000, 1_555));
        Assert.False(Memory(r).Met);
        Assert.Contains("journal and snapshots in the heap", Memory(r).Measured);
        Assert.True(Linear(r).Met, Linear(r).Measured); // 1,531 and 1,540 B per business added
    }

    [Fact]
    public void Cost_per_business_that_grows_with_businesses_is_not_linear()
    {
        // 500 B per business added up to 100k, then 2,000.
        var r = Report("sqlite", (10_000, 500), (100_000, 500), (1_000_000, 1_850));
        Assert.False(Linear(r).Met, Linear(r).Measured);
    }

    [Fact]
    public void Fewer_sizes_than_the_judgement_needs_say_so_instead_of_guessing()
    {
        var one = Report("memory", (1_000, 5_000));
        Assert.Null(Memory(one).Met);
        Assert.Null(Linear(one).Met);
        var two = Report("memory", (1_000, 5_000), (2_000, 3_000));
        Assert.NotNull(Memory(two).Met);
        Assert.Null(Linear(two).Met);
    }
}
