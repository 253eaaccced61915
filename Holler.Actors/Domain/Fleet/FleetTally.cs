using System.Runtime.InteropServices;

namespace Holler.Domain.Fleet;

/// <summary>
/// Counts events per event second and dimension value as the ingest parses them. Not thread-safe: one micro-batch fills
/// one tally, which is then merged (<see cref="Merge"/>) into the node's under a lock. Bounded: seconds more than
/// <see cref="MaxAgeSeconds"/> behind the clock are not counted (the views keep an hour), and each dimension keeps at
/// most its <see cref="FleetDimension.MaxValues"/> values per second.
/// </summary>
public sealed class FleetTally
{
    public const long MaxAgeSeconds = 3_600;

    private readonly Dictionary<long, SecondCounts> _seconds = [];

    // Events are first counted per distinct facts (business place, category, second, status): one lookup per event, with
    // hot businesses repeating within a micro-batch; they are spread over the dimensions once per distinct facts, when
    // merged or drained. Measured: slicing every event at once cost more than parsing it.
    private readonly Dictionary<FleetFacts, long> _raw = [];

    // The ingest's path: per catalog entry, second and whether it was a server error — a key of plain numbers, so an
    // event costs no string hashing; turned into facts by the directory when spread.
    private readonly Dictionary<(int Entry, long Second, bool Error), long> _byEntry = [];
    private FleetDirectory? _directory;

    public bool IsEmpty => _seconds.Count == 0 && _raw.Count == 0 && _byEntry.Count == 0;

    /// <summary>Counts one event of the catalog entry <paramref name="entry"/> (<see cref="FleetDirectory.IndexOf"/>; -1 for a
    /// business the catalog does not list).</summary>
    public void Add(FleetDirectory directory, int entry, long second, int status, long nowSecond)
    {
        if (second < nowSecond - MaxAgeSeconds) return;
        _directory = directory;
        CollectionsMarshal.GetValueRefOrAddDefault(_byEntry, (entry, second, status is >= 500 and <= 599), out _)++;
    }

    public void Add(in FleetFacts facts, long nowSecond)
    {
        if (facts.Second < nowSecond - MaxAgeSeconds) return;
        CollectionsMarshal.GetValueRefOrAddDefault(_raw, facts, out _)++;
    }

    private void Spread()
    {
        if (_byEntry.Count > 0)
        {
            foreach (var ((entry, second, error), events) in _byEntry)
                CollectionsMarshal.GetValueRefOrAddDefault(_raw, _directory!.FactsAt(entry, second, error ? 500 : 200), out _) += events;
            _byEntry.Clear();
        }
        if (_raw.Count == 0) return;
        var dimensions = FleetDimensions.All;
        foreach (var (facts, events) in _raw)
        {
            if (!_seconds.TryGetValue(facts.Second, out var counts)) _seconds[facts.Second] = counts = new SecondCounts();
            counts.Events += events;
            if (facts.IsServerError) counts.Errors += events;
            for (var d = 0; d < dimensions.Count; d++)
            {
                var value = dimensions[d].ValueOf(facts);
                if (value is not null) counts.Add(dimensions[d], value, events);
            }
        }
        _raw.Clear();
    }

    /// <summary>Adds another tally's counts into this one.</summary>
    public void Merge(FleetTally other)
    {
        Spread();
        other.Spread();
        foreach (var (second, theirs) in other._seconds)
        {
            if (!_seconds.TryGetValue(second, out var mine)) _seconds[second] = mine = new SecondCounts();
            mine.Events += theirs.Events;
            mine.Errors += theirs.Errors;
            foreach (var (dimension, values) in theirs.ByDimension)
            foreach (var (value, count) in values)
                mine.Add(dimension, value, count);
        }
    }

    /// <summary>Everything counted so far, oldest second first; the tally is empty afterwards.</summary>
    public IReadOnlyList<FleetSecond> Drain()
    {
        Spread();
        var seconds = _seconds.OrderBy(s => s.Key).Select(s => s.Value.ToSecond(s.Key)).ToList();
        _seconds.Clear();
        return seconds;
    }

    private sealed class SecondCounts
    {
        public long Events;
        public long Errors;
        public readonly Dictionary<FleetDimension, Dictionary<string, long>> ByDimension = [];

        public void Add(FleetDimension dimension, string value, long count)
        {
            if (!ByDimension.TryGetValue(dimension, out var values)) ByDimension[dimension] = values = new Dictionary<string, long>(StringComparer.Ordinal);
            if (!values.ContainsKey(value) && values.Count >= dimension.MaxValues) value = FleetDimensions.Other;
            values[value] = values.GetValueOrDefault(value) + count;
        }

        public FleetSecond ToSecond(long second) => new(second, Events, Errors,
            ByDimension.ToDictionary(d => d.Key.Name, d => (IReadOnlyDictionary<string, long>)d.Value));
    }
}
