using System.Buffers.Text;
using System.Text;
using Holler.Domain.Catalog;
using Holler.Generation;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// Pre-built events (contract JSON, as the generator writes them) over a Zipf popularity: the engine benchmark feeds
/// these from memory, the Kafka benchmarks produce them. Each value's <c>ts</c> is rewritten in place to "now" when it
/// is used again, so events stay inside the window however long a run cycles through the corpus.
/// </summary>
public sealed class EventCorpus
{
    public const int Partitions = 4;

    private readonly byte[][] _values;
    private readonly int[] _tsAt;
    private readonly int[] _business;
    private readonly byte[][] _keys;

    private EventCorpus(BusinessCatalog catalog, byte[][] values, int[] tsAt, int[] business, byte[][] keys)
    {
        Catalog = catalog;
        _values = values;
        _tsAt = tsAt;
        _business = business;
        _keys = keys;
    }

    public BusinessCatalog Catalog { get; }
    public int Count => _values.Length;

    /// <param name="reserve">How many businesses at the end of the catalog the corpus leaves alone (freshness probes).</param>
    public static EventCorpus Build(BusinessCatalog catalog, int events, double zipf, int seed = 42, int reserve = 0)
    {
        var sampler = new ZipfSampler(catalog.Count - reserve, zipf);
        var json = new EventJson(catalog, seed);
        var random = new Random(seed);
        // Popularity rank is not catalog order, or the hottest businesses would all share one shard.
        var rankToBusiness = Enumerable.Range(0, catalog.Count - reserve).ToArray();
        random.Shuffle(rankToBusiness);
        var values = new byte[events][];
        var tsAt = new int[events];
        var business = new int[events];
        var keys = new byte[catalog.Count][];
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (var i = 0; i < events; i++)
        {
            var b = rankToBusiness[sampler.Sample(random.NextDouble())];
            business[i] = b;
            values[i] = json.Write(b, now, i).ToArray();
            tsAt[i] = values[i].AsSpan().IndexOf("\"ts\":"u8) + 5;
        }
        for (var b = 0; b < keys.Length; b++) keys[b] = Encoding.UTF8.GetBytes(catalog[b].Id);
        return new EventCorpus(catalog, values, tsAt, business, keys);
    }

    public int BusinessOf(int index) => _business[index];
    /// <summary>Bytes of the event's value (the same whatever its timestamp).</summary>
    public int SizeAt(int index) => _values[index].Length;
    public byte[] KeyOf(int business) => _keys[business];

    /// <summary>Kafka partition the business's key maps to in the engine benchmark (Kafka uses its own partitioner).</summary>
    public static int PartitionOf(int business) => business % Partitions;

    /// <summary>The event's value with its timestamp set to <paramref name="nowMs"/>; the array is shared and reused.</summary>
    public byte[] ValueAt(int index, long nowMs)
    {
        var value = _values[index];
        Utf8Formatter.TryFormat(nowMs, value.AsSpan(_tsAt[index], 13), out _);
        return value;
    }

}
