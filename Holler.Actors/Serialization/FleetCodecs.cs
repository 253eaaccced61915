using Holler.Domain.Fleet;
using Holler.Fleet;

namespace Holler.Serialization;

/// <summary>What ingest nodes publish for the fleet views. Dimensions travel by name, so adding one to
/// <see cref="FleetDimensions.All"/> needs no new format, and a reader skips names it does not know.</summary>
internal static class FleetCodecs
{
    public static readonly MessageCodec[] All =
    [
        MessageCodec.For<FleetTraffic>("FT1",
            static (w, t) =>
            {
                w.Write(t.Node);
                w.Write(t.Seconds.Count);
                foreach (var s in t.Seconds)
                {
                    w.Write(s.Second); w.Write(s.Events); w.Write(s.Errors);
                    w.Write(s.Counts.Count);
                    foreach (var (name, values) in s.Counts)
                    {
                        w.Write(name);
                        w.Write(values.Count);
                        foreach (var (value, count) in values)
                        {
                            w.Write(value); w.Write(count);
                        }
                    }
                }
            },
            static r =>
            {
                var node = r.ReadString();
                var seconds = new FleetSecond[r.ReadInt32()];
                for (var i = 0; i < seconds.Length; i++)
                {
                    var (second, events, errors) = (r.ReadInt64(), r.ReadInt64(), r.ReadInt64());
                    var dimensions = r.ReadInt32();
                    var counts = new Dictionary<string, IReadOnlyDictionary<string, long>>(dimensions, StringComparer.Ordinal);
                    for (var d = 0; d < dimensions; d++)
                    {
                        var name = r.ReadString();
                        var n = r.ReadInt32();
                        var values = new Dictionary<string, long>(n, StringComparer.Ordinal);
                        for (var v = 0; v < n; v++) values[r.ReadString()] = r.ReadInt64();
                        counts[name] = values;
                    }
                    seconds[i] = new FleetSecond(second, events, errors, counts);
                }
                return new FleetTraffic(node, seconds);
            }),
    ];
}
