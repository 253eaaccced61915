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

    // The ingest's path: per second, counts indexed by the directory's category and metro numbers — an event costs a few
    // array increments and no string hashing (a region-keyed one only when the event names its region); turned into
    // values by the directory when spread. The dimensions are counted apart, as the views keep them.
    private readonly Dictionary<long, IndexedSecond> _indexed = [];
    private IndexedSecond? _lastIndexed;
    private long _lastIndexedSecond;
    private FleetDirectory? _directory;

    public bool IsEmpty => _seconds.Count == 0 && _raw.Count == 0 && _indexed.Count == 0;

    /// <summary>Counts one event of the catalog entry <paramref name="entry"/> (<see cref="FleetDirectory.IndexOf"/>; -1 for a
    /// business the catalog does not list). An event's own <paramref name="region"/>, when it names a US county, wins
    /// over the catalog's place (it says where the visitor is), as <see cref="FleetDirectory.Facts"/> has it.</summary>
    public void Add(FleetDirectory directory, int entry, long second, int status, long nowSecond, string? region = null)
    {
        if (second < nowSecond - MaxAgeSeconds) return;
        if (_directory != directory)
        {
            // One directory per tally: the indexes are the directory's. A node has one; spread what another counted.
            if (_directory is not null) Spread();
            _directory = directory;
        }
        // Micro-batches mostly hold events of one or two seconds: remembering the last spares the dictionary.
        var counts = _lastIndexed;
        if (counts is null || _lastIndexedSecond != second)
        {
            if (!_indexed.TryGetValue(second, out counts))
                _indexed[second] = counts = new IndexedSecond(directory.CategoryCount, directory.PlaceCount);
            (_lastIndexed, _lastIndexedSecond) = (counts, second);
        }
        counts.Events++;
        if (status is >= 500 and <= 599) counts.Errors++;
        var category = directory.CategoryIdAt(entry);
        if (category >= 0) counts.Categories[category]++;
        var place = directory.PlaceIdAt(entry);
        if (region is not null) CollectionsMarshal.GetValueRefOrAddDefault(counts.Regions, (region, place), out _)++;
        else if (place >= 0) counts.Places[place]++;
    }

    public void Add(in FleetFacts facts, long nowSecond)
    {
        if (facts.Second < nowSecond - MaxAgeSeconds) return;
        CollectionsMarshal.GetValueRefOrAddDefault(_raw, facts, out _)++;
    }

    private void Spread()
    {
        if (_indexed.Count > 0) SpreadIndexed();
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

    private void SpreadIndexed()
    {
        var directory = _directory!;
        foreach (var (second, indexed) in _indexed)
        {
            if (!_seconds.TryGetValue(second, out var counts)) _seconds[second] = counts = new SecondCounts();
            counts.Events += indexed.Events;
            counts.Errors += indexed.Errors;
            for (var c = 0; c < indexed.Categories.Length; c++)
                if (indexed.Categories[c] > 0) counts.Add(FleetDimensions.Category, directory.CategoryName(c), indexed.Categories[c]);
            for (var p = 0; p < indexed.Places.Length; p++)
                if (indexed.Places[p] > 0) counts.AddPlace(directory.PlaceAt(p), indexed.Places[p]);
            foreach (var ((region, place), events) in indexed.Regions)
            {
                var parsed = FleetRegion.Parse(region);
                counts.AddPlace(parsed.State is not null ? parsed : place >= 0 ? directory.PlaceAt(place) : (null, null), events);
            }
        }
        _indexed.Clear();
        _lastIndexed = null;
    }

    /// <summary>One second's events of the ingest's path, by the directory's numbers; regions by the event's own value
    /// (with the business's metro, which counts when the region names no US county).</summary>
    private sealed class IndexedSecond(int categories, int places)
    {
        public long Events;
        public long Errors;
        public readonly long[] Categories = new long[categories];
        public readonly long[] Places = new long[places];
        public readonly Dictionary<(string Region, int Place), long> Regions = [];
    }

    private sealed class SecondCounts
    {
        public void AddPlace((string? State, string? County) place, long count)
        {
            if (place.State is not null) Add(FleetDimensions.State, place.State, count);
            if (place.County is not null) Add(FleetDimensions.County, place.County, count);
        }

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
