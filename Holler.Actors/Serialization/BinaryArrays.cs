namespace Holler.Serialization;

/// <summary>Length-prefixed arrays, the building block of the message formats.</summary>
internal static class BinaryArrays
{
    public static void WriteStrings(this BinaryWriter w, string[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    public static string[] ReadStrings(this BinaryReader r)
    {
        var values = new string[r.ReadInt32()];
        for (var i = 0; i < values.Length; i++) values[i] = r.ReadString();
        return values;
    }

    public static void WriteLongs(this BinaryWriter w, long[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    public static long[] ReadLongs(this BinaryReader r)
    {
        var values = new long[r.ReadInt32()];
        for (var i = 0; i < values.Length; i++) values[i] = r.ReadInt64();
        return values;
    }

    public static void WriteInts(this BinaryWriter w, int[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    public static int[] ReadInts(this BinaryReader r)
    {
        var values = new int[r.ReadInt32()];
        for (var i = 0; i < values.Length; i++) values[i] = r.ReadInt32();
        return values;
    }

    public static void WriteDoubles(this BinaryWriter w, double[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    public static double[] ReadDoubles(this BinaryReader r)
    {
        var values = new double[r.ReadInt32()];
        for (var i = 0; i < values.Length; i++) values[i] = r.ReadDouble();
        return values;
    }

    public static void WriteBytes(this BinaryWriter w, byte[] values)
    {
        w.Write(values.Length);
        w.Write(values);
    }

    public static byte[] ReadBytes(this BinaryReader r)
    {
        var length = r.ReadInt32();
        var values = r.ReadBytes(length);
        if (values.Length != length) throw new EndOfStreamException();
        return values;
    }

    public static void WriteULongs(this BinaryWriter w, ulong[] values)
    {
        w.Write(values.Length);
        foreach (var v in values) w.Write(v);
    }

    public static ulong[] ReadULongs(this BinaryReader r)
    {
        var values = new ulong[r.ReadInt32()];
        for (var i = 0; i < values.Length; i++) values[i] = r.ReadUInt64();
        return values;
    }
}
