namespace Holler.Host.Commands.Bench;

/// <summary>One consumer's read of one round: from the first record it got to the last one counted (for Holler, the
/// micro-batch that took the trackers' applied count to the round's records).</summary>
/// <param name="Events">Records read (bare) or events the trackers applied (Holler).</param>
/// <param name="CpuSeconds">This process's CPU time over the same span: every thread, the idle node's too.</param>
public sealed record KafkaRead(long Events, double Seconds, double CpuSeconds)
{
    public double EventsPerSecond => Seconds > 0 ? Events / Seconds : 0;
    public double CpuMicrosPerEvent => Events > 0 ? CpuSeconds * 1e6 / Events : 0;

    /// <summary>Several reads as one: events and seconds summed, so longer rounds weigh more.</summary>
    public static KafkaRead Sum(IEnumerable<KafkaRead> reads)
    {
        long events = 0;
        double seconds = 0, cpu = 0;
        foreach (var r in reads)
        {
            events += r.Events;
            seconds += r.Seconds;
            cpu += r.CpuSeconds;
        }
        return new KafkaRead(events, seconds, cpu);
    }
}

/// <summary>One round: the topic filled with <paramref name="Records"/> records, then read by each consumer alone.</summary>
/// <param name="FillSeconds">How long producing the round took (not measured against anything: the producer is not
/// running while a consumer is timed).</param>
/// <param name="BareFirst">Which consumer read first; rounds alternate.</param>
public sealed record KafkaRound(int Round, long Records, double FillSeconds, bool BareFirst, KafkaRead Bare, KafkaRead Holler)
{
    /// <summary>Holler's events/s over the bare consumer's.</summary>
    public double Ratio => KafkaResult.RatioOf(Holler, Bare);
    /// <summary>Holler's CPU per event over the bare consumer's.</summary>
    public double CpuRatio => Bare.CpuMicrosPerEvent > 0 ? Holler.CpuMicrosPerEvent / Bare.CpuMicrosPerEvent : 0;
}

/// <summary>
/// kafka: rounds of a topic pre-filled to just under the embedded broker's retention, read by a bare consumer and by
/// Holler's ingest into the trackers, each alone, the same records. Overall figures sum events, seconds and CPU over
/// the measured rounds.
/// </summary>
/// <param name="Activated">Businesses given their tracker through the topic before the first round.</param>
/// <param name="WarmupRounds">Rounds read before the measured ones (not in <paramref name="Rounds"/>).</param>
public sealed record KafkaResult(int Partitions, int Businesses, double Zipf, string Persistence, int Activated, int WarmupRounds,
    IReadOnlyList<KafkaRound> Rounds)
{
    public KafkaRead Bare => KafkaRead.Sum(Rounds.Select(r => r.Bare));
    public KafkaRead Holler => KafkaRead.Sum(Rounds.Select(r => r.Holler));

    /// <summary>Holler's events/s over the bare consumer's, over every measured round.</summary>
    public double Ratio => RatioOf(Holler, Bare);

    public double CpuRatio => Bare.CpuMicrosPerEvent > 0 ? Holler.CpuMicrosPerEvent / Bare.CpuMicrosPerEvent : 0;

    /// <summary>The lowest and highest ratio of a single round: how much the machine moved under the runs.</summary>
    public double MinRoundRatio => Rounds.Count > 0 ? Rounds.Min(r => r.Ratio) : 0;
    public double MaxRoundRatio => Rounds.Count > 0 ? Rounds.Max(r => r.Ratio) : 0;

    internal static double RatioOf(KafkaRead holler, KafkaRead bare) =>
        bare.EventsPerSecond > 0 ? holler.EventsPerSecond / bare.EventsPerSecond : 0;
}
