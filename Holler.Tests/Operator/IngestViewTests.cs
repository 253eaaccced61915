using System.Text.Json;
using Holler.Host.Commands.Operator;
using Holler.Host.Operator.Api;

namespace Holler.Tests.Operator;

/// <summary>What <c>holler ingest</c> reports as lag, from the ingest's committed offsets and log ends.</summary>
public sealed class IngestViewTests
{
    private static readonly Dictionary<int, long> Nothing = [];

    private static IngestView View(IReadOnlyList<PartitionView> partitions) =>
        new("akka.tcp://holler@127.0.0.1:1", "holler.traffic", 10, 10, 10, 0, 0, new Dictionary<string, long>(), 0, 0, 10,
            IngestView.TotalLag(partitions), partitions);

    [Fact]
    public void Right_after_a_start_with_nothing_committed_the_lag_is_unknown_not_zero()
    {
        var partitions = PartitionView.From(Nothing, new Dictionary<int, long> { [0] = 1_000, [1] = 2_000 });

        Assert.All(partitions, p => Assert.Equal((null, null), (p.Committed, p.Lag)));
        var view = View(partitions);
        Assert.Null(view.Lag);
        Assert.Equal(JsonValueKind.Null, JsonSerializer.SerializeToElement(view, OperatorJson.Indented).GetProperty("lag").ValueKind);
        Assert.EndsWith("rejected; lag unknown", IngestCommand.Totals(view));
    }

    [Fact]
    public void One_partition_not_known_yet_makes_the_total_unknown()
    {
        var partitions = PartitionView.From(new Dictionary<int, long> { [0] = 900 }, new Dictionary<int, long> { [0] = 1_000, [1] = 2_000 });

        Assert.Equal([100L, null], partitions.Select(p => p.Lag));
        Assert.Null(IngestView.TotalLag(partitions));
    }

    [Fact]
    public void Known_lags_are_summed_and_a_log_end_not_seen_yet_is_unknown()
    {
        var committed = new Dictionary<int, long> { [0] = 900, [1] = 2_000, [2] = 5 };
        var known = PartitionView.From(committed, new Dictionary<int, long> { [0] = 1_000, [1] = 2_000, [2] = 7 });

        Assert.Equal(102L, IngestView.TotalLag(known));
        Assert.EndsWith("rejected; lag 102", IngestCommand.Totals(View(known)));
        // librdkafka says -1 for a high watermark it has not fetched yet.
        Assert.Null(IngestView.TotalLag(PartitionView.From(committed, new Dictionary<int, long> { [0] = 1_000, [1] = -1, [2] = 7 })));
    }

    [Fact]
    public void A_node_with_no_partitions_assigned_owes_nothing()
    {
        Assert.Equal(0L, IngestView.TotalLag(PartitionView.From(Nothing, Nothing)));
    }
}
