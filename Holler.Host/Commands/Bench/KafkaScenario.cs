using System.Globalization;
using Holler.Kafka;

namespace Holler.Host.Commands.Bench;

/// <summary>
/// kafka: Holler's ingest against a bare consumer with nothing else running. Each round fills the embedded broker's
/// topic with pre-encoded corpus events (the event contract, the catalog's ids, Zipf popularity) to just under what
/// the broker keeps (<see cref="KafkaFillPlan"/>), then the bare consumer reads the round and Holler's ingest applies
/// the same records into a node's trackers, one after the other (which one first alternates), each timed from its
/// first record to its last. Before the measured rounds every business gets its tracker through the topic and
/// <see cref="BenchSettings.KafkaWarmupRounds"/> rounds are read unmeasured; rounds go on until Holler has spent
/// <see cref="BenchSettings.KafkaDuration"/> applying them. See docs/performance.md for why pre-filled rounds.
/// </summary>
public static class KafkaScenario
{
    private const string Topic = "bench.kafka";
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromMinutes(2);

    public static async Task<KafkaResult> RunAsync(BenchSettings settings, IBenchStep bareStep, IBenchStep hollerStep, CancellationToken token)
    {
        var c = CultureInfo.InvariantCulture;
        hollerStep.Report(0, "starting a node");
        var (node, dataDir) = await BenchNode.StartAsync(settings, settings.Businesses, "tracker,leaderboard", null, token: token);
        try
        {
            bareStep.Report(0, "starting the embedded broker");
            var corpus = EventCorpus.Build(node.Catalog, settings.CorpusEvents, settings.Zipf);
            using var broker = EmbeddedKafka.Start();
            using var filler = new TopicFiller(broker.BootstrapServers, Topic, EventCorpus.Partitions);
            filler.Prime(corpus.KeyOf(0), corpus.ValueAt(0, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
            var holler = new HollerRound(node, corpus, broker.BootstrapServers, Topic);

            // Every business gets its tracker first, as in a node that has been up a while: one event each, in catalog
            // order, as many rounds as retention needs; only Holler reads them.
            var json = new Generation.EventJson(corpus.Catalog);
            var activated = 0;
            while (activated < settings.Businesses)
            {
                var from = activated;
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var values = new List<byte[]>();
                var count = KafkaFillPlan.RecordsThatFit(
                    Enumerable.Range(from, settings.Businesses - from).Select(b =>
                    {
                        values.Add(json.Write(b, now, b).ToArray());
                        return (EventCorpus.PartitionOf(b), corpus.KeyOf(b).Length + values[^1].Length);
                    }),
                    EventCorpus.Partitions, KafkaFillPlan.BudgetBytes);
                var (_, start) = filler.Watermarks();
                filler.Fill(count, i => (EventCorpus.PartitionOf(from + i), corpus.KeyOf(from + i), values[i]));
                hollerStep.Report(0, string.Create(c, $"activating businesses: {from + count:N0} of {settings.Businesses:N0}"));
                await holler.ReadAsync(start, count, ReadTimeout, token);
                activated += count;
            }

            var index = 0;
            var rounds = new List<KafkaRound>();
            double hollerSeconds = 0;
            for (var round = 1 - settings.KafkaWarmupRounds; ; round++)
            {
                var measured = round >= 1;
                if (measured && rounds.Count >= BenchSettings.KafkaMinRounds && hollerSeconds >= settings.KafkaDuration.TotalSeconds) break;
                if (rounds.Count >= BenchSettings.KafkaMaxRounds) break;
                var from = index;
                var count = KafkaFillPlan.RecordsThatFit(
                    Enumerable.Range(0, corpus.Count).Select(i =>
                    {
                        var at = (from + i) % corpus.Count;
                        var business = corpus.BusinessOf(at);
                        return (EventCorpus.PartitionOf(business), corpus.KeyOf(business).Length + corpus.SizeAt(at));
                    }),
                    EventCorpus.Partitions, KafkaFillPlan.BudgetBytes, node.Config.BatchMaxRecords);
                var (_, start) = filler.Watermarks();
                var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                var fill = filler.Fill(count, i =>
                {
                    var at = (from + i) % corpus.Count;
                    var business = corpus.BusinessOf(at);
                    return (EventCorpus.PartitionOf(business), corpus.KeyOf(business), corpus.ValueAt(at, now));
                });
                index = (from + count) % corpus.Count;
                var (low, end) = filler.Watermarks();
                for (var p = 0; p < start.Length; p++)
                    if (low[p] > start[p])
                        throw new InvalidOperationException(string.Create(c, $"the fill overran the embedded broker's retention: partition {p} kept from offset {low[p]}, the round began at {start[p]}"));
                if (end.Sum() - start.Sum() != count)
                    throw new InvalidOperationException(string.Create(c, $"the topic grew by {end.Sum() - start.Sum():N0} records, the fill produced {count:N0}"));

                var label = measured ? string.Create(c, $"round {round}") : "warm-up";
                var bareFirst = round % 2 != 0;
                KafkaRead bare, ours;
                if (bareFirst)
                {
                    bare = ReadBare(broker.BootstrapServers, start, count, bareStep, label, token);
                    ours = await ReadHollerAsync(holler, start, count, hollerStep, label, token);
                }
                else
                {
                    ours = await ReadHollerAsync(holler, start, count, hollerStep, label, token);
                    bare = ReadBare(broker.BootstrapServers, start, count, bareStep, label, token);
                }
                if (!measured) continue;
                rounds.Add(new KafkaRound(round, count, fill, bareFirst, bare, ours));
                hollerSeconds += ours.Seconds;
                var progress = Math.Min(99, 100 * hollerSeconds / settings.KafkaDuration.TotalSeconds);
                bareStep.Report(progress, string.Create(c, $"round {round}: {bare.EventsPerSecond:N0} events/s, {bare.CpuMicrosPerEvent:N2} CPU µs/event"));
                hollerStep.Report(progress, string.Create(c, $"round {round}: {ours.EventsPerSecond:N0} events/s, {ours.CpuMicrosPerEvent:N2} CPU µs/event ({ours.EventsPerSecond / Math.Max(bare.EventsPerSecond, 1e-9):P0} of bare)"));
            }

            var result = new KafkaResult(EventCorpus.Partitions, settings.Businesses, settings.Zipf, settings.Persistence, activated,
                settings.KafkaWarmupRounds, rounds);
            bareStep.Report(100, string.Create(c, $"{result.Bare.EventsPerSecond:N0} events/s over {rounds.Count} rounds"));
            hollerStep.Report(100, string.Create(c, $"{result.Holler.EventsPerSecond:N0} events/s, {result.Ratio:P0} of bare"));
            return result;
        }
        finally
        {
            await BenchNode.StopAsync(node, dataDir);
        }
    }

    private static KafkaRead ReadBare(string bootstrap, long[] start, long count, IBenchStep step, string label, CancellationToken token)
    {
        step.Report(0, string.Create(CultureInfo.InvariantCulture, $"{label}: reading {count:N0} records"));
        return BareRound.Read(bootstrap, Topic, start, count, ReadTimeout, token);
    }

    private static Task<KafkaRead> ReadHollerAsync(HollerRound holler, long[] start, long count, IBenchStep step, string label, CancellationToken token)
    {
        step.Report(0, string.Create(CultureInfo.InvariantCulture, $"{label}: joining a consumer group, applying {count:N0} records"));
        return holler.ReadAsync(start, count, ReadTimeout, token);
    }
}
