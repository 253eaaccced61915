namespace Holler.Domain;

/// <summary>
/// The dimensions of a batch's events, as arrays parallel to its offsets (see docs/dimensions.md): bytes for platform
/// and status class, indexes into <see cref="Values"/> for path, referrer and region (-1 when absent), and the user's
/// hash. A batch of thousands of events stays a handful of objects, and each distinct string travels once.
/// </summary>
public sealed record BatchDimensions(byte[] Platforms, byte[] StatusClasses, string[] Values, int[] Paths,
    int[] Referrers, int[] Regions, ulong[] Users)
{
    public static BatchDimensions Empty { get; } = new([], [], [], [], [], [], []);

    public int Count => Platforms.Length;

    public Platform PlatformAt(int i) => (Platform)Platforms[i];
    public StatusClass StatusClassAt(int i) => (StatusClass)StatusClasses[i];
    public string? PathAt(int i) => ValueAt(Paths[i]);
    public string? ReferrerAt(int i) => ValueAt(Referrers[i]);
    public string? RegionAt(int i) => ValueAt(Regions[i]);

    private string? ValueAt(int index) => index < 0 ? null : Values[index];

    /// <summary>Fills the arrays event by event, numbering each distinct string as it first appears.</summary>
    public sealed class Builder(int count)
    {
        private readonly byte[] _platforms = new byte[count];
        private readonly byte[] _statuses = new byte[count];
        private readonly int[] _paths = new int[count];
        private readonly int[] _referrers = new int[count];
        private readonly int[] _regions = new int[count];
        private readonly ulong[] _users = new ulong[count];
        private readonly List<string> _values = [];
        // Reference equality: the parser's pool hands out one instance per value, so this is a pointer compare in the
        // common case and still correct (just less shared) for values the pool did not keep.
        private readonly Dictionary<string, int> _indexOf = new(StringComparer.Ordinal);
        private int _filled;

        public void Append(in EventDimensions d, StatusClass status)
        {
            _platforms[_filled] = (byte)d.Platform;
            _statuses[_filled] = (byte)status;
            _paths[_filled] = IndexOf(d.Path);
            _referrers[_filled] = IndexOf(d.Referrer);
            _regions[_filled] = IndexOf(d.Region);
            _users[_filled] = d.UserHash;
            _filled++;
        }

        public BatchDimensions Build() =>
            new(_platforms, _statuses, [.. _values], _paths, _referrers, _regions, _users);

        private int IndexOf(string? value)
        {
            if (value is null) return -1;
            if (!_indexOf.TryGetValue(value, out var index))
            {
                _indexOf[value] = index = _values.Count;
                _values.Add(value);
            }

            return index;
        }
    }
}
