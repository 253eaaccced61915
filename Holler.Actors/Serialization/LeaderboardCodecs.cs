using Holler.Domain.Surges;
using Holler.Leaderboard;

namespace Holler.Serialization;

/// <summary>The leaderboard singleton's protocol: what trackers send it, what it publishes and answers. Version 2 of
/// its entries and records carries the drop flag; version 3 their drivers and the error-surge flag, and the error
/// board.</summary>
internal static class LeaderboardCodecs
{
    public static readonly MessageCodec[] All =
    [
        MessageCodec.For<SurgeChanged>("SC3",
            static (w, c) => { w.Write(c.BusinessId); w.Write(c.Surging); WriteEntry(w, c.Entry); },
            static r => new SurgeChanged(r.ReadString(), r.ReadBoolean(), ReadEntry(r))),

        MessageCodec.For<LeaderboardUpdated>("LU3",
            static (w, u) =>
            {
                w.Write(u.Top.Count);
                foreach (var entry in u.Top) WriteEntry(w, entry);
                w.Write(u.Surging); w.Write(u.PublishedAtMs); w.Write(u.Sequence);
                w.Write(u.ErrorTopOrEmpty.Count);
                foreach (var entry in u.ErrorTopOrEmpty) WriteEntry(w, entry);
                w.Write(u.ErrorSurging);
            },
            static r =>
            {
                var board = ReadLeaderboard(r, ReadEntry);
                var errors = new LeaderboardEntry[r.ReadInt32()];
                for (var i = 0; i < errors.Length; i++) errors[i] = ReadEntry(r);
                return board with { ErrorTop = errors, ErrorSurging = r.ReadInt32() };
            }),

        MessageCodec.Singleton("GL1", GetLeaderboard.Instance),

        MessageCodec.For<SurgeRecorded>("SR3",
            static (w, s) => WriteSurge(w, s.Record),
            static r => new SurgeRecorded(ReadSurge(r))),

        MessageCodec.Singleton("GH1", GetSurgeHistory.Instance),

        MessageCodec.For<SurgeHistoryReply>("SH3",
            static (w, h) =>
            {
                w.Write(h.Recent.Count);
                foreach (var record in h.Recent) WriteSurge(w, record);
            },
            static r => ReadHistory(r, ReadSurge)),
    ];

    /// <summary>Formats still read but no longer written. Version 2: no drivers, no error surges. Version 1 (before
    /// drops were reported): every episode was a surge. None is persisted; they are read so a node of the previous version can talk to this one during a
    /// rolling upgrade.</summary>
    public static readonly (string Manifest, Func<BinaryReader, object> Read)[] Retired =
    [
        ("SC2", static r => new SurgeChanged(r.ReadString(), r.ReadBoolean(), ReadEntryV2(r))),
        ("LU2", static r => ReadLeaderboard(r, ReadEntryV2)),
        ("SR2", static r => new SurgeRecorded(ReadSurgeV2(r))),
        ("SH2", static r => ReadHistory(r, ReadSurgeV2)),
        ("SC1", static r => new SurgeChanged(r.ReadString(), r.ReadBoolean(), ReadEntryV1(r))),
        ("LU1", static r => ReadLeaderboard(r, ReadEntryV1)),
        ("SR1", static r => new SurgeRecorded(ReadSurgeV1(r))),
        ("SH1", static r => ReadHistory(r, ReadSurgeV1)),
    ];

    private static LeaderboardUpdated ReadLeaderboard(BinaryReader r, Func<BinaryReader, LeaderboardEntry> readEntry)
    {
        var top = new LeaderboardEntry[r.ReadInt32()];
        for (var i = 0; i < top.Length; i++) top[i] = readEntry(r);
        return new LeaderboardUpdated(top, r.ReadInt32(), r.ReadInt64(), r.ReadInt64());
    }

    private static SurgeHistoryReply ReadHistory(BinaryReader r, Func<BinaryReader, SurgeRecord> readSurge)
    {
        var recent = new SurgeRecord[r.ReadInt32()];
        for (var i = 0; i < recent.Length; i++) recent[i] = readSurge(r);
        return new SurgeHistoryReply(recent);
    }

    private static void WriteEntry(BinaryWriter w, LeaderboardEntry e)
    {
        w.Write(e.BusinessId); w.Write(e.Score); w.Write(e.Count); w.Write(e.Baseline); w.Write(e.Ratio);
        w.Write(e.SinceMs); w.Write(e.UpdatedMs); w.Write(e.Drop); w.WriteDrivers(e.Drivers); w.Write(e.Errors);
    }

    private static LeaderboardEntry ReadEntry(BinaryReader r) =>
        new(r.ReadString(), r.ReadDouble(), r.ReadInt64(), r.ReadDouble(), r.ReadDouble(), r.ReadInt64(), r.ReadInt64(), r.ReadBoolean(),
            r.ReadDrivers(), r.ReadBoolean());

    private static LeaderboardEntry ReadEntryV2(BinaryReader r) =>
        new(r.ReadString(), r.ReadDouble(), r.ReadInt64(), r.ReadDouble(), r.ReadDouble(), r.ReadInt64(), r.ReadInt64(), r.ReadBoolean());

    private static LeaderboardEntry ReadEntryV1(BinaryReader r) =>
        new(r.ReadString(), r.ReadDouble(), r.ReadInt64(), r.ReadDouble(), r.ReadDouble(), r.ReadInt64(), r.ReadInt64());

    private static void WriteSurge(BinaryWriter w, SurgeRecord s)
    {
        w.Write(s.BusinessId); w.Write(s.StartedMs); w.Write(s.EndedMs); w.Write(s.PeakScore); w.Write(s.PeakCount); w.Write(s.PeakRatio);
        w.Write(s.Drop); w.WriteDrivers(s.Drivers); w.Write(s.Errors);
    }

    private static SurgeRecord ReadSurge(BinaryReader r) =>
        new(r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadDouble(), r.ReadInt64(), r.ReadDouble(), r.ReadBoolean(),
            r.ReadDrivers(), r.ReadBoolean());

    private static SurgeRecord ReadSurgeV2(BinaryReader r) =>
        new(r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadDouble(), r.ReadInt64(), r.ReadDouble(), r.ReadBoolean());

    private static SurgeRecord ReadSurgeV1(BinaryReader r) =>
        new(r.ReadString(), r.ReadInt64(), r.ReadInt64(), r.ReadDouble(), r.ReadInt64(), r.ReadDouble());
}
