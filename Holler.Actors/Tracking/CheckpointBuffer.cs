using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Holler.Tracking;

/// <summary>
/// A growable little-endian byte writer over a pooled buffer, for checkpoints: a shard's state is written straight
/// into it and copied out once, at its exact size, for the snapshot store. Disposing returns the buffer to the pool.
/// </summary>
internal ref struct CheckpointWriter
{
    private byte[] _buffer;
    private int _length;

    public CheckpointWriter(int capacity)
    {
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(capacity, 256));
        _length = 0;
    }

    public readonly int Length => _length;

    public void Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(Reserve(8), value);
        _length += 8;
    }

    public void Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(Reserve(4), value);
        _length += 4;
    }

    public void Double(double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(Reserve(8), value);
        _length += 8;
    }

    public void Byte(byte value)
    {
        Reserve(1)[0] = value;
        _length++;
    }

    /// <summary>Seven bits a byte, low first, the high bit saying more follow: counts are mostly small.</summary>
    public void VarUInt64(ulong value)
    {
        var span = Reserve(10);
        var i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }
        span[i++] = (byte)value;
        _length += i;
    }

    public void VarInt32(int value) => VarUInt64((uint)value);

    /// <summary>Its UTF-8 byte length as a varint, then the bytes.</summary>
    public void String(string value)
    {
        var bytes = Encoding.UTF8.GetByteCount(value);
        VarInt32(bytes);
        Encoding.UTF8.GetBytes(value, Reserve(bytes));
        _length += bytes;
    }

    public void Doubles(ReadOnlySpan<double> values)
    {
        VarInt32(values.Length);
        foreach (var value in values) Double(value);
    }

    /// <summary>The bytes written, in an array of their own.</summary>
    public readonly byte[] ToArray() => _buffer.AsSpan(0, _length).ToArray();

    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private Span<byte> Reserve(int bytes)
    {
        if (_buffer.Length - _length < bytes)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
            _buffer.AsSpan(0, _length).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }
        return _buffer.AsSpan(_length);
    }
}

/// <summary>Reads what <see cref="CheckpointWriter"/> wrote; past the end it throws, so a cut checkpoint fails its
/// recovery rather than restoring half a shard.</summary>
internal ref struct CheckpointReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public readonly bool AtEnd => _position == _bytes.Length;

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Take(8));

    public byte Byte() => Take(1)[0];

    public ulong VarUInt64()
    {
        ulong value = 0;
        for (var shift = 0; shift < 70; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80) return value;
        }
        throw new InvalidDataException("A varint in the checkpoint is longer than 10 bytes");
    }

    public int VarInt32() => (int)(uint)VarUInt64();

    /// <summary>A length or count: never negative, never more than the bytes left could hold.</summary>
    public int Count(int bytesEach)
    {
        var count = VarUInt64();
        if (count > (ulong)((_bytes.Length - _position) / Math.Max(bytesEach, 1)))
            throw new InvalidDataException($"The checkpoint claims {count} items with {_bytes.Length - _position} bytes left");
        return (int)count;
    }

    public string String() => Encoding.UTF8.GetString(Take(Count(1)));

    public double[] Doubles()
    {
        var values = new double[Count(8)];
        for (var i = 0; i < values.Length; i++) values[i] = Double();
        return values;
    }

    private ReadOnlySpan<byte> Take(int bytes)
    {
        if (_bytes.Length - _position < bytes) throw new InvalidDataException("The checkpoint ends early");
        var span = _bytes.Slice(_position, bytes);
        _position += bytes;
        return span;
    }
}
