namespace Holler.Serialization;

/// <summary>One message type's binary format under one manifest: its writer and its reader side by side, so a field
/// added to one cannot be forgotten in the other.</summary>
internal sealed class MessageCodec
{
    private readonly Action<BinaryWriter, object> _write;
    private readonly Func<BinaryReader, object> _read;

    private MessageCodec(string manifest, Type type, Action<BinaryWriter, object> write, Func<BinaryReader, object> read,
        Func<object, byte[]>? bytesOf = null, Func<byte[], object>? fromBytes = null)
    {
        Manifest = manifest;
        Type = type;
        _write = write;
        _read = read;
        BytesOf = bytesOf;
        FromBytes = fromBytes;
    }

    public string Manifest { get; }
    public Type Type { get; }

    /// <summary>For a message that already is its bytes: those bytes, stored as they are; null for the others.</summary>
    public Func<object, byte[]>? BytesOf { get; }

    /// <summary>For a message that already is its bytes: the message around stored bytes, without a copy.</summary>
    public Func<byte[], object>? FromBytes { get; }

    public static MessageCodec For<T>(string manifest, Action<BinaryWriter, T> write, Func<BinaryReader, T> read)
        where T : notnull =>
        new(manifest, typeof(T), (w, o) => write(w, (T)o), r => read(r));

    /// <summary>
    /// A message its sender has already written as bytes (a tracker's checkpoint, written on the tracker's own thread
    /// from live state): the serializer stores them as they are and reads them back without copying. The format is
    /// its owner's, next to that message's writer and reader.
    /// </summary>
    public static MessageCodec Raw<T>(string manifest, Func<T, byte[]> bytesOf, Func<byte[], T> fromBytes) where T : notnull =>
        new(manifest, typeof(T),
            (w, o) => w.Write(bytesOf((T)o)),
            r => fromBytes(r.ReadBytes(checked((int)(r.BaseStream.Length - r.BaseStream.Position)))),
            o => bytesOf((T)o),
            b => fromBytes(b));

    /// <summary>A message without fields, always read back as the one instance.</summary>
    public static MessageCodec Singleton<T>(string manifest, T instance) where T : notnull =>
        For<T>(manifest, static (_, _) => { }, _ => instance);

    public void Write(BinaryWriter w, object message) => _write(w, message);
    public object Read(BinaryReader r) => _read(r);
}
