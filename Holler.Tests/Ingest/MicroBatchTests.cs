using System.Text;
using Holler.Domain;
using Holler.Ingest;
using Holler.Tracking;
using static Holler.Tests.Support.Traffic;

namespace Holler.Tests.Ingest;

/// <summary>A micro-batch is grouped per tracker shard and partition, in offset order, one message each.</summary>
public sealed class MicroBatchTests
{
    private const long NowMs = (T0 + 10) * 1000;

    private static ConsumedRecord Record(string business, int partition, long offset, long second) =>
        new(Encoding.UTF8.GetBytes(business),
            Encoding.UTF8.GetBytes($$"""{"business_id":"{{business}}","ts":{{second * 1000 + 250}}}"""),
            partition, offset, offset + 100);

    [Fact]
    public void Businesses_of_one_shard_and_partition_share_one_batch_in_offset_order()
    {
        // Two businesses in one shard: with 1 shard, every business is.
        var records = new[]
        {
            Record("a", 0, 5, T0), Record("b", 0, 6, T0), Record("a", 0, 7, T0 + 1), Record("a", 1, 3, T0),
        };

        var batch = MicroBatch.From(records, NowMs, ParseLimits.Default, shards: 1);

        Assert.Equal(2, batch.Batches.Count);
        var p0 = Assert.Single(batch.Batches, b => b.Partition == 0);
        Assert.Equal([5L, 6, 7], p0.Offsets);
        Assert.Equal([T0, T0, T0 + 1], p0.Seconds);
        Assert.Equal(["a", "b", "a"], p0.Businesses.Select(i => p0.BusinessIds[i]));
        Assert.Equal(107, p0.LogEndOffset);
        var p1 = Assert.Single(batch.Batches, b => b.Partition == 1);
        Assert.Equal(["a"], p1.BusinessIds);
        Assert.Equal(new Dictionary<int, long> { [0] = 8, [1] = 4 }, batch.CommitOffsets);
    }

    [Fact]
    public void Each_event_carries_its_dimensions_in_offset_order_with_each_string_once()
    {
        static ConsumedRecord WithFields(string business, long offset, string fields) =>
            new(Encoding.UTF8.GetBytes(business),
                Encoding.UTF8.GetBytes($$"""{"business_id":"{{business}}","ts":{{T0 * 1000}},{{fields}}}"""), 0, offset, 100);
        var records = new[]
        {
            WithFields("a", 1, "\"platform\":\"ios\",\"status\":503,\"path\":\"/menu\",\"region\":\"US-CA-06037\",\"user_id\":\"u1\""),
            WithFields("a", 2, "\"bad\":\"json\"} trailing"),
            WithFields("b", 3, "\"platform\":\"web\",\"status\":200,\"path\":\"/menu\",\"referrer\":\"search\""),
            WithFields("a", 4, "\"status\":404"),
        };

        var batch = Assert.Single(MicroBatch.From(records, NowMs, ParseLimits.Default, shards: 1, values: new DimensionValuePool()).Batches);
        var d = batch.Dimensions!;

        Assert.Equal([1L, 3, 4], batch.Offsets);
        Assert.Equal([Platform.Ios, Platform.Web, Platform.Unknown], Enumerable.Range(0, 3).Select(d.PlatformAt));
        Assert.Equal([StatusClass.ServerError, StatusClass.Success, StatusClass.ClientError], Enumerable.Range(0, 3).Select(d.StatusClassAt));
        Assert.Equal(["/menu", "/menu", null], Enumerable.Range(0, 3).Select(d.PathAt));
        Assert.Equal([null, "search", null], Enumerable.Range(0, 3).Select(d.ReferrerAt));
        Assert.Equal(["US-CA-06037", null, null], Enumerable.Range(0, 3).Select(d.RegionAt));
        Assert.Equal([EventHash.Of("u1"u8), 0UL, 0UL], d.Users);
        Assert.Equal(3, d.Values.Length);
    }

    [Fact]
    public void Each_business_goes_to_the_batch_of_its_own_shard()
    {
        var ids = Enumerable.Range(0, 50).Select(i => $"biz-{i}").ToArray();
        var records = ids.Select((id, i) => Record(id, 0, i, T0)).ToArray();

        var batch = MicroBatch.From(records, NowMs, ParseLimits.Default, shards: Shards);

        Assert.Equal(ids.Select(ShardOf).Distinct().Count(), batch.Batches.Count);
        foreach (var b in batch.Batches)
            Assert.All(b.BusinessIds, id => Assert.Equal(b.Shard, ShardOf(id)));
        Assert.Equal(50, batch.Batches.Sum(b => b.Count));
    }

    [Fact]
    public void Interleaved_shards_each_keep_their_offset_order_and_rejects_leave_no_gap()
    {
        var pool = new BusinessIdPool();
        var ids = Enumerable.Range(0, 40).Select(i => $"biz-{i}").ToArray();
        var records = Enumerable.Range(0, 400)
            .Select(i => i % 7 == 3
                ? new ConsumedRecord(null, "not json"u8.ToArray(), i % 2, i, 1000)
                : Record(ids[i * 13 % ids.Length], i % 2, i, T0 + i / 100))
            .ToArray();

        var batch = MicroBatch.From(records, NowMs, ParseLimits.Default, shards: Shards, ids: pool);

        Assert.Equal(records.Length - batch.Rejected.Count, batch.Batches.Sum(b => b.Count));
        Assert.All(batch.Rejected, r => Assert.Equal(RejectReason.NotJson, r.Reason));
        foreach (var b in batch.Batches)
        {
            var expected = records.Where(r => r.Partition == b.Partition && r.Value[0] == (byte)'{')
                .Where(r => ShardOf(Encoding.UTF8.GetString(r.Key!)) == b.Shard).ToList();
            Assert.Equal(expected.Select(r => r.Offset), b.Offsets);
            Assert.Equal(expected.Select(r => Encoding.UTF8.GetString(r.Key!)), b.Businesses.Select(i => b.BusinessIds[i]));
            Assert.Equal(b.BusinessIds.Length, b.BusinessIds.Distinct().Count());
            // Known ids come from the pool: one instance per business, whichever batch it is in.
            Assert.All(b.BusinessIds, id => Assert.Same(pool.Get(Encoding.UTF8.GetBytes(id)), id));
        }
    }

    [Fact]
    public void A_micro_batch_parsed_on_several_threads_is_the_one_parsed_on_one()
    {
        var ids = Enumerable.Range(0, 300).Select(i => $"biz-{i}").ToArray();
        var records = Enumerable.Range(0, 4 * MicroBatch.MinRecordsPerThread + 123)
            .Select(i => i % 11 == 5
                ? new ConsumedRecord(null, "not json"u8.ToArray(), i % 3, i, 100_000)
                : Record(ids[i * 7 % ids.Length], i % 3, i, T0 + i % 5))
            .ToArray();

        var one = MicroBatch.From(records, NowMs, ParseLimits.Default, Shards, ids: new BusinessIdPool(), parallelism: 1);
        var four = MicroBatch.From(records, NowMs, ParseLimits.Default, Shards, ids: new BusinessIdPool(), parallelism: 4);

        Assert.Equal(one.Accepted, four.Accepted);
        Assert.Equal(one.CommitOffsets, four.CommitOffsets);
        Assert.Equal(one.Rejected.Select(r => (r.Record.Offset, r.Reason)), four.Rejected.Select(r => (r.Record.Offset, r.Reason)));
        Assert.Equal(one.Batches.Count, four.Batches.Count);
        foreach (var (a, b) in one.Batches.Zip(four.Batches))
        {
            Assert.Equal((a.Shard, a.Partition, a.LogEndOffset, a.ObservedSinceSecond), (b.Shard, b.Partition, b.LogEndOffset, b.ObservedSinceSecond));
            Assert.Equal(a.BusinessIds, b.BusinessIds);
            Assert.Equal(a.Businesses, b.Businesses);
            Assert.Equal(a.Offsets, b.Offsets);
            Assert.Equal(a.Seconds, b.Seconds);
        }
        Assert.Equal(records.Length - one.Rejected.Count, one.Batches.Sum(b => b.Count));
    }
}
