using Holler.Domain.Fleet;
using Holler.Fleet;
using Holler.Serialization;

namespace Holler.Tests.Serialization;

/// <summary>What ingest nodes publish for the fleet views is bound to <see cref="HollerSerializer"/> and comes back whole.</summary>
public sealed class FleetCodecsTests(ITestOutputHelper output)
    : Akka.Hosting.TestKit.TestKit(nameof(FleetCodecsTests), output, startupTimeout: TimeSpan.FromSeconds(30))
{
    protected override void ConfigureAkka(Akka.Hosting.AkkaConfigurationBuilder builder, IServiceProvider provider) =>
        builder.AddHollerSerialization();

    [Fact]
    public void FleetTraffic_round_trips_under_FT1()
    {
        var original = new FleetTraffic("akka.tcp://holler@127.0.0.1:4053", [
            new FleetSecond(1_750_000_000, 12, 2, new Dictionary<string, IReadOnlyDictionary<string, long>>
            {
                ["category"] = new Dictionary<string, long> { ["Café"] = 7, ["other"] = 5 },
                ["state"] = new Dictionary<string, long> { ["36"] = 12 },
            }),
            new FleetSecond(1_750_000_001, 1, 0, new Dictionary<string, IReadOnlyDictionary<string, long>>()),
        ]);
        var serializer = Sys.Serialization.FindSerializerFor(original);
        Assert.IsType<HollerSerializer>(serializer);
        var manifest = ((HollerSerializer)serializer).Manifest(original);
        Assert.Equal("FT1", manifest);

        var copy = (FleetTraffic)((HollerSerializer)serializer).FromBinary(serializer.ToBinary(original), manifest);

        Assert.Equal(original.Node, copy.Node);
        Assert.Equal(original.Seconds.Count, copy.Seconds.Count);
        for (var i = 0; i < original.Seconds.Count; i++)
        {
            Assert.Equal((original.Seconds[i].Second, original.Seconds[i].Events, original.Seconds[i].Errors),
                (copy.Seconds[i].Second, copy.Seconds[i].Events, copy.Seconds[i].Errors));
            Assert.Equal(original.Seconds[i].Counts.Keys.Order(), copy.Seconds[i].Counts.Keys.Order());
            foreach (var (name, values) in original.Seconds[i].Counts) Assert.Equal(values, copy.Seconds[i].Counts[name]);
        }
    }
}
