using Holler.Domain.Surges;
using Holler.Leaderboard;

namespace Holler.Serialization;

/// <summary>The leaderboard singleton's protocol: what trackers send it, what it publishes and answers.</summary>
internal static class LeaderboardCodecs
{
    public static readonly MessageCodec[] All =
    [
        MessageCodec.For<SurgeChanged>("SC1",
            static (w, c) => { w.Write(c.BusinessId); w.Write(c.Surging); WriteEntry(w, c.Entry); },
            static r => new SurgeChanged(r.ReadString(), r.ReadBoolean(), ReadEntry(r))),

        MessageCodec.For<LeaderboardUpdated>("LU1",
            static (w, u) =>
            {
                w.Write(u.Top.Count);
                foreach (var entry in u.Top) WriteEntry(w, entry);
                w.Write(u.Surging); w.Write(u.PublishedAtMs); w.Write(u.Sequence);
            },
            static r =>
            {
                var top = new LeaderboardEntry[r.ReadInt32()];
                for (var i = 0; i < top.Length; i++) top[i] = ReadEntry(r);
                return new LeaderboardUpdated(top, r.ReadInt32(), r.ReadInt64(), r.ReadInt64());
            }),

        MessageCodec.Singleton("GL1", GetLeaderboard.Instance),

        MessageCodec.For<SurgeRecorded>("SR1",
            static (w, s) => WriteSurge(w, s.Record),
            static r => new SurgeRecorded(ReadSurge(r))),

        MessageCodec.Singleton("GH1", GetSurgeHistory.Instance),

        MessageCodec.For<SurgeHistoryReply>("SH1",
            static (w, h) =>
            {
                w.Write(h.Recent.Count);
                foreach (var record in h.Recent) WriteSurge(w, record);
            },
            static r =>
            {
                var recent = new SurgeRecord[r.ReadInt32()];
                for (var i = 0; i < recent.Length; i++) recent[i] = ReadSurge(r);
                return new SurgeHistoryReply(recent);
            }),
    ];

    private static void WriteEntry(BinaryWriter w, LeaderboardEntry e)
    {
        w.Write(e.BusinessId); w.Write(e.Score); w.Write(e.Count); w.Write(e.Baseline); w.Write(e.Ratio);
        w.Write(e.SinceMs); w.Write(e.UpdatedMs);
    }

    private static LeaderboardEntry ReadEntry(BinaryReader r) =>
        new(r.ReadString(), r.ReadDouble(), r.ReadInt64(), r.ReadDouble(), r.ReadDouble(), r.ReadInt64(), r.ReadInt64());

    private static void WriteSurge(BinaryWriter w, SurgeRecord s)
    {
        w.Write(s.BusinessId); w.Write(s.StartedMs); w.Write(s.EndedMs); w.Write(s.PeakScore); w.Write(s.PeakCount); w.Write(s.PeakRatio);
    }

    private static SurgeRecord ReadSurge(BinaryReader r) =>
        new(r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadDouble(), r.ReadInt64(), r.ReadDouble());
}
