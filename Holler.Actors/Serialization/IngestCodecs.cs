using Holler.Ingest;

namespace Holler.Serialization;

/// <summary>What ingest nodes publish about themselves.</summary>
internal static class IngestCodecs
{
    public static readonly MessageCodec[] All =
    [
        MessageCodec.For<IngestNodeStatus>("IN1",
            static (w, n) =>
            {
                w.Write(n.Node); w.Write(n.AtMs); w.Write(n.Consumed); w.Write(n.Applied); w.Write(n.Rejected);
                w.Write(n.Lag); w.Write(n.Partitions); w.Write(n.ConsumedPerSecond); w.Write(n.AppliedPerSecond);
            },
            static r => new IngestNodeStatus(r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(), r.ReadInt64(),
                r.ReadInt64(), r.ReadInt32(), r.ReadDouble(), r.ReadDouble())),
    ];
}
