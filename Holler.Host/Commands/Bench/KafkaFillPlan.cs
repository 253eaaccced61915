namespace Holler.Host.Commands.Bench;

/// <summary>
/// How many records of a round fit in what the embedded broker keeps, so a consumer started after the fill reads every
/// one. librdkafka's mock cluster keeps, per partition, at most 5 MiB of record batches and 100,000 batches; past either
/// it deletes the oldest batches as each new one arrives (rdkafka_mock.c, <c>rd_kafka_mock_msgset_new</c>). A round's
/// records must therefore stay within both on every partition; what earlier rounds left is deleted as it is reached.
/// </summary>
public static class KafkaFillPlan
{
    /// <summary>Bytes of record batches the mock cluster keeps per partition.</summary>
    public const long RetainedBytes = 5L * 1024 * 1024;

    /// <summary>Record batches the mock cluster keeps per partition: bounds records too, as a batch holds at least one.</summary>
    public const int RetainedBatches = 100_000;

    /// <summary>What a record adds to its key and value in a v2 record batch at most here: the length, attributes,
    /// timestamp delta, offset delta, key and value lengths and header count (varints, 16 bytes) plus a share of the
    /// batch's 61-byte header, for batches of at least 13 records.</summary>
    public const int RecordOverhead = 21;

    /// <summary>Fill to this share of <see cref="RetainedBytes"/>: just under, with room for an estimate off by a little.</summary>
    public const double Headroom = 0.9;

    public static long BudgetBytes => (long)(RetainedBytes * Headroom);

    /// <summary>
    /// How many of <paramref name="records"/> (in order: each one's partition and key plus value bytes) a round takes:
    /// it stops before the first record that would take its partition past <paramref name="budgetBytes"/> or
    /// <see cref="RetainedBatches"/> records, so each partition keeps the round whole even if every record were a batch
    /// of its own. Stopping at the first full partition, rather than skipping its records, keeps the mix of businesses
    /// the order had. Rounded down to a multiple of <paramref name="multipleOf"/> when at least one fits: a round of whole
    /// micro-batches does not end waiting for a partial one's linger.
    /// </summary>
    public static int RecordsThatFit(IEnumerable<(int Partition, int Bytes)> records, int partitions, long budgetBytes, int multipleOf = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(multipleOf, 1);
        var bytes = new long[partitions];
        var counts = new int[partitions];
        var fit = 0;
        foreach (var (partition, size) in records)
        {
            var next = bytes[partition] + size + RecordOverhead;
            if (next > budgetBytes || counts[partition] + 1 > RetainedBatches) break;
            bytes[partition] = next;
            counts[partition]++;
            fit++;
        }
        return fit >= multipleOf ? fit / multipleOf * multipleOf : fit;
    }
}
