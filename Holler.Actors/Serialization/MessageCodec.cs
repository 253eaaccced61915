namespace Holler.Serialization;

/// <summary>One message type's binary format under one manifest: its writer and its reader side by side, so a field
/// added to one cannot be forgotten in the other.</summary>
internal sealed class MessageCodec
{
    private readonly Action<BinaryWriter, object> _write;
    private readonly Func<BinaryReader, object> _read;

    private MessageCodec(string manifest, Type type, Action<BinaryWriter, object> write, Func<BinaryReader, object> read)
    {
        Manifest = manifest;
        Type = type;
        _write = write;
        _read = read;
    }

    public string Manifest { get; }
    public Type Type { get; }

    public static MessageCodec For<T>(string manifest, Action<BinaryWriter, T> write, Func<BinaryReader, T> read)
        where T : notnull =>
        new(manifest, typeof(T), (w, o) => write(w, (T)o), r => read(r));

    /// <summary>A message without fields, always read back as the one instance.</summary>
    public static MessageCodec Singleton<T>(string manifest, T instance) where T : notnull =>
        For<T>(manifest, static (_, _) => { }, _ => instance);

    public void Write(BinaryWriter w, object message) => _write(w, message);
    public object Read(BinaryReader r) => _read(r);
}
