namespace Holler.Ingest;

/// <summary>A Kafka record as the ingest stream sees it.</summary>
/// <param name="LogEndOffset">The partition's log-end offset when the record was consumed; -1 if unknown.</param>
public sealed record ConsumedRecord(byte[]? Key, byte[] Value, int Partition, long Offset, long LogEndOffset);
