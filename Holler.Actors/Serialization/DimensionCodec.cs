using Holler.Domain.Dimensions;

namespace Holler.Serialization;

/// <summary>Drivers and dimension summaries inside the leaderboard's and the trackers' messages.</summary>
internal static class DimensionCodec
{
    public static void WriteDrivers(this BinaryWriter w, IReadOnlyList<Driver>? drivers)
    {
        w.Write(drivers?.Count ?? 0);
        if (drivers is null) return;
        foreach (var d in drivers)
        {
            w.Write((byte)d.Dimension); w.Write(d.Value); w.Write(d.Share); w.Write(d.BaselineShare);
        }
    }

    /// <returns>Null for none, as the records' defaults are.</returns>
    public static IReadOnlyList<Driver>? ReadDrivers(this BinaryReader r)
    {
        var count = r.ReadInt32();
        if (count == 0) return null;
        var drivers = new Driver[count];
        for (var i = 0; i < count; i++) drivers[i] = new Driver((Dimension)r.ReadByte(), r.ReadString(), r.ReadDouble(), r.ReadDouble());
        return drivers;
    }

    /// <summary>A presence byte, then the summary: a business without a breakdown sends one byte.</summary>
    public static void WriteSummary(this BinaryWriter w, DimensionSummary? s)
    {
        w.Write(s is not null);
        if (s is null) return;
        w.WriteDrivers(s.Drivers); w.WriteDrivers(s.Values);
        w.Write(s.UsersLastMinute); w.Write(s.UsersLastFiveMinutes); w.Write(s.UsersLastHour); w.Write(s.UsersStandardError);
        w.Write(s.ErrorShare); w.Write(s.UsualErrorShare); w.Write(s.ErrorScore); w.Write(s.ErrorSinceMs);
    }

    public static DimensionSummary? ReadSummary(this BinaryReader r) =>
        !r.ReadBoolean()
            ? null
            : new DimensionSummary(r.ReadDrivers() ?? [], r.ReadDrivers() ?? [], r.ReadDouble(), r.ReadDouble(), r.ReadDouble(),
                r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadDouble(), r.ReadInt64());
}
