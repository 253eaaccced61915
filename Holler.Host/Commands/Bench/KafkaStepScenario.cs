using System.Diagnostics;
using System.Globalization;
using Holler.Domain.Catalog;
using Holler.Kafka;

namespace Holler.Host.Commands.Bench;

/// <param name="Rate">Offered events/s.</param>
/// <param name="Achieved">Events/s the broker acknowledged during the step.</param>
/// <param name="Consumed">Events/s the consumer got through during the step.</param>
/// <param name="LagAtEnd">Acknowledged minus consumed when the step ended.</param>
public sealed record KafkaStep(double Rate, double Achieved, double Consumed, long LagAtEnd, long Lost, bool Held);

public sealed record KafkaRun(string Consumer, double HighestHeldRate, double? FirstFailedRate, long LostRecords, string LimitedBy,
    IReadOnlyList<KafkaStep> Steps);

public sealed record KafkaStepResult(KafkaRun Bare, KafkaRun Holler)
{
    public double Ratio => Bare.HighestHeldRate > 0 ? Holler.HighestHeldRate / Bare.HighestHeldRate : 0;

    /// <summary>A run ended because the producer could not offer the next rate: the ratio then compares producers.</summary>
    public bool ProducerBound => Bare.FirstFailedRate is null || Holler.FirstFailedRate is null;
}

/// <summary>
/// kafka-steps (the kafka scenario before <see cref="KafkaScenario"/>'s pre-filled rounds): a paced producer offers a
/// rate to the embedded broker while a consumer reads; the rate steps up until the
/// consumer falls behind (more than one second of backlog at the end of a step) or loses records to the broker's
/// retention. Once with a bare consumer that only counts, once with Holler's ingest into the trackers (counted when the
/// trackers have applied the events durably).
/// </summary>
public static class KafkaStepScenario
{
    public static async Task<KafkaStepResult> RunAsync(BenchSettings settings, IBenchStep bareStep, IBenchStep hollerStep, CancellationToken token)
    {
        bareStep.Report(0, "starting the embedded broker");
        var catalog = BusinessCatalog.Synthetic(settings.Businesses);
        var corpus = EventCorpus.Build(catalog, settings.CorpusEvents, settings.Zipf);

        KafkaRun bare;
        using (var broker = EmbeddedKafka.Start())
        {
            using var producer = new PacedProducer(broker.BootstrapServers, "bench.bare", corpus);
            producer.Prime(EventCorpus.Partitions);
            using var consumer = new BareConsumer(broker.BootstrapServers, "bench.bare", EventCorpus.Partitions);
            bare = await StepUpAsync("bare Confluent.Kafka", settings, producer, () => consumer.Consumed, () => consumer.SkippedOffsets, bareStep, token);
        }

        KafkaRun holler;
        using (var broker = EmbeddedKafka.Start())
        {
            hollerStep.Report(0, "starting a node");
            using var producer = new PacedProducer(broker.BootstrapServers, "bench.holler", corpus);
            producer.Prime(EventCorpus.Partitions);
            var (node, dataDir) = await BenchNode.StartAsync(settings, settings.Businesses, "ingest,tracker,leaderboard", broker.BootstrapServers,
                o => o.Kafka.Topic = "bench.holler", token);
            try
            {
                hollerStep.Report(0, "waiting for the ingest to join its consumer group");
                var deadline = Stopwatch.StartNew();
                while (node.Metrics.Applied < EventCorpus.Partitions)
                {
                    if (deadline.Elapsed > TimeSpan.FromSeconds(90)) throw new TimeoutException("Holler's ingest consumed nothing in 90 s");
                    await Task.Delay(100, token);
                }
                holler = await StepUpAsync("Holler ingest → trackers", settings, producer, () => node.Metrics.Applied, () => node.Metrics.SkippedOffsets, hollerStep, token);
            }
            finally
            {
                await BenchNode.StopAsync(node, dataDir);
            }
        }
        return new KafkaStepResult(bare, holler);
    }

    private static async Task<KafkaRun> StepUpAsync(string name, BenchSettings settings, PacedProducer producer, Func<long> consumed,
        Func<long> lost, IBenchStep step, CancellationToken token)
    {
        var c = CultureInfo.InvariantCulture;
        var steps = new List<KafkaStep>();
        var rate = settings.KafkaStartRate;
        double best = 0;
        double? failed = null;
        var limitedBy = "maximum rate reached";
        producer.Rate = rate;
        producer.Start();
        var span = Math.Log(settings.KafkaMaxRate / settings.KafkaStartRate);
        while (rate <= settings.KafkaMaxRate)
        {
            var ackedAtStart = producer.Acked;
            var consumedAtStart = consumed();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < settings.KafkaStep)
            {
                await Task.Delay(250, token);
                step.Report(100 * Math.Log(rate / settings.KafkaStartRate) / span,
                    string.Create(c, $"offering {rate:N0}/s · consumed {consumed():N0} · lag {producer.Acked - consumed():N0}"));
            }
            var seconds = clock.Elapsed.TotalSeconds;
            var acked = producer.Acked;
            var got = consumed();
            var lag = acked - got;
            var lostNow = lost();
            var achieved = (acked - ackedAtStart) / seconds;
            // Held: no more than a second's worth of backlog, and nothing lost to retention.
            var held = lag <= rate && lostNow == 0;
            steps.Add(new KafkaStep(rate, achieved, (got - consumedAtStart) / seconds, lag, lostNow, held));
            if (!held)
            {
                failed = rate;
                limitedBy = lostNow > 0 ? "consumer (fell behind retention: records lost)" : "consumer (backlog growing)";
                break;
            }
            if (achieved < 0.9 * rate)
            {
                best = Math.Max(best, achieved);
                limitedBy = string.Create(c, $"producer (offered {rate:N0}/s, broker took {achieved:N0}/s)");
                break;
            }
            best = rate;
            rate *= settings.KafkaRateFactor;
            producer.Rate = rate;
        }
        producer.Rate = 0;
        var result = new KafkaRun(name, best, failed, lost(), limitedBy, steps);
        step.Report(100, string.Create(c, $"held {best:N0}/s · {limitedBy}"));
        return result;
    }
}
